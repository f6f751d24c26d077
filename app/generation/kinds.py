"""Checks that a question's parts are of one kind: list distractors of the members' number, a
"which group" key that names a group, a true/false that is not its source sentence retold."""

from __future__ import annotations

import re

from .wordlists import FUNCTION_WORDS, GROUPING_NOUNS, ORGANISATION_HEADS

# a true/false that keeps this many words of its sentence in a row is the sentence, copied
MAX_TRUE_FALSE_RUN = 6
_WORD = re.compile(r"[\w'’-]+")
_PREFIX = re.compile(r"^(?:True or false: )?(?:According to [^,]+, )?")
_POSTMODIFIER = re.compile(r"\s+(?:of|between|in|for|with|on|from|among|against|to)\s.*$")
_GROUP_HEADS = {"Group", "Council", "Commission", "Committee", "Mission", "Union", "Forum"}


def head_word(phrase: str) -> str:
    """The head noun of ``phrase``: its last word before any prepositional phrase."""
    words = _POSTMODIFIER.sub("", phrase.strip()).split()
    return words[-1].lower().strip("'’") if words else ""


def is_plural(phrase: str) -> bool:
    """Whether ``phrase``'s head is a regular plural ("journalists", "veterans' associations")."""
    head = head_word(phrase)
    return len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))


def kind_problems(members: list[str], distractors: list[str]) -> list[str]:
    """A select-all list's distractors must share the number of its members: a list of people
    or groups ("scholars, journalists") offered with a value ("confidence") is absurd, and one
    of values offered with things ("fires") is too."""
    if any(re.match(r"(?:to\s|\w+ing\b)", m) for m in members + distractors):
        return []  # actions ("to investigate …", "training …"), not nouns with a number
    if not any(map(is_body, members)):
        # principles ("free elections", "an independent judiciary") offered with a body or a
        # group of people ("nature conservation societies"): another kind of thing
        bodies = [d for d in distractors if is_body(d)]
        if bodies:
            return [f"a body among the distractors of a list of other things ({bodies[0]!r})"]
    numbers = {is_plural(m) for m in members}
    if len(numbers) != 1:
        return []
    (plural,) = numbers
    odd = [d for d in distractors if is_plural(d) != plural]
    return [f"a distractor of another kind than the list's members ({odd[0]!r})"] if odd else []


# heads that name people or a body of people in general English (organisations' own heads are
# ORGANISATION_HEADS): "societies", "journalists", "veterans' associations"
_PEOPLE = re.compile(
    r"^(?:people|peoples|citizens|members|leaders|officials|representatives|workers|women|men|"
    r"children|youth|families|communities|groups|scholars|teachers|farmers|lawyers|judges|"
    r"officers|soldiers|veterans|students|volunteers|ministers|envoys|diplomats|experts|[a-z]{3,}(?:ists|ians|itors|ators|ants))$"
)


def is_body(phrase: str) -> bool:
    """Whether ``phrase`` names a body or a group of people ("nature conservation societies",
    "the Arctic Council", "journalists"), not a principle, a place or a thing."""
    head = head_word(phrase)
    single = re.sub(r"ies$", "y", head)
    single = single[:-1] if single.endswith("s") and not single.endswith("ss") else single
    return (
        single.capitalize() in ORGANISATION_HEADS
        or single in GROUPING_NOUNS
        or bool(_PEOPLE.match(head))
    )


def group_like(answer: str) -> bool:
    """Whether "which group" fits ``answer``: a one-word name ("the Taliban"), an acronym, or a
    name whose head is a body ("… Contact Group"); "the Sarn Valley" is a place."""
    words = [w for w in answer.split() if w.lower() != "the"]
    if len(words) <= 1 or answer.replace(".", "").replace("-", "").isupper():
        return True
    head = words[-1]
    return head in _GROUP_HEADS or head in ORGANISATION_HEADS or head.lower() in GROUPING_NOUNS


def copy_problems(stem: str, quote: str) -> list[str]:
    """A true/false must be a claim in other words: not a run of its sentence, and not the
    sentence with one word swapped (a student tells them apart without knowing anything)."""
    core = _PREFIX.sub("", stem)
    if not quote:
        return []
    found = []
    # a name is one word however many it has ("the Agreement on Military Observers of 1991"):
    # a statement that names it has not copied its sentence
    if copied_run(_NAMES.sub(_one_word, core), _NAMES.sub(_one_word, quote)) >= MAX_TRUE_FALSE_RUN:
        found.append("true/false copies its source sentence")
    content = [w for w in _words(core) if w not in FUNCTION_WORDS]
    source = {w[:5] for w in _words(quote)}
    new = [w for w in content if w[:5] not in source]
    if len(content) >= 5 and len(new) <= 1:
        found.append("true/false is its sentence with at most one word changed")
    return found


_NAMES = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|on|for|the|and)\s+)*[A-Z0-9][\w'’-]*)+")


def _one_word(match: re.Match[str]) -> str:
    return re.sub(r"\W+", "_", match.group())


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def copied_run(a_text: str, b_text: str) -> int:
    """The longest run of consecutive words the two texts share (a stem and its source)."""
    a, b = _words(a_text), _words(b_text)
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
