"""A commitment's step as a short phrase: cut where it names its thing, in the gerund, and
what doing a thing only studied would be called ("set up a center", "hold exercises")."""

from __future__ import annotations

import re

from .clauses import P, Relation
from .draft import Context
from .ideas import reading, render
from .phrasing import gerund
from .wordlists import COMMON_VERBS, FUNCTION_WORDS

MAX_PHRASE_WORDS = 8  # a step named in a statement: short, so that it is no copied sentence
# where a step's phrase may stop: before a preposition or a relative clause
_BOUNDARIES = {
    "on",
    "in",
    "at",
    "near",
    "along",
    "across",
    "between",
    "by",
    "before",
    "for",
    "within",
    "that",
    "which",
    "who",
    "from",
    "under",
    "over",
    "through",
    "against",
    "during",
    "until",
}
_LEAD = re.compile(r"^(?:the (?:possibility|feasibility|idea|option) of|ways to|options for) ")
_CALLS = re.compile(r"^(?:ask|encourage|invite|urge|call on|instruct|request)\b")
# what setting a thing in motion is called, by the thing's head noun (general English)
_MAKE = (
    (
        re.compile(r"\b(?:cent(?:er|re)|commission|council|group|body|office|committee|fund)\b"),
        "set up",
    ),
    (re.compile(r"\b(?:exercises?|meetings?|talks|consultations|summits?)\b"), "hold"),
    (re.compile(r"\b(?:treaty|agreement|accord|convention)\b"), "conclude"),
)
IRREGULAR_PAST = {
    "saw": "see",
    "were": "be",
    "was": "be",
    "had": "have",
    "held": "hold",
    "thought": "think",
    "fought": "fight",
    "felt": "feel",
    "kept": "keep",
}


_REDUCED_RELATIVE = re.compile(
    r"[a-z]{3,}[^e]ed|laid|left|held|made|built|kept|given|taken|sent|known|shown|done"
)
_POSSESSIVE = re.compile(r"^(?:their|its|our|his|her|[\w-]+['’]s?|[\w-]+s['’])$", re.I)


def short(phrase: str, limit: int = MAX_PHRASE_WORDS) -> str:
    """``phrase`` cut before a preposition once it names its thing (at most ``limit`` words):
    "exchange information each year on the size of …" -> "exchange information each year"."""
    words = phrase.split()
    # "meet each year, alternately in A and B": a comma ends the step's own words
    cuts = [
        n
        for n, word in enumerate(words)
        if n >= 2 and word in _BOUNDARIES and not _inside_name(words, n)
    ]
    cuts += [n + 1 for n, word in enumerate(words) if n >= 1 and word.endswith(",")]
    cuts.sort()
    if cuts and _POSSESSIVE.match(words[cuts[0] - 2]):
        # "their controls" says nothing without "on exports of arms": keep the complement
        cuts = cuts[1:] or ([len(words)] if len(words) <= limit else [])
        if not cuts:
            return ""
    if cuts and cuts[0] <= limit:
        words = words[: cuts[0]]
    elif len(words) > limit + 3:
        return ""  # no place to stop inside it: a cut would leave a fragment
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    if len(words) > 3 and _REDUCED_RELATIVE.fullmatch(words[-1]):
        words.pop()  # "the stocks of sea mines left | from the war": the participle goes too
    return " ".join(words).rstrip(",;")


def _inside_name(words: list[str], n: int) -> bool:
    """Whether ``words[n]`` joins a name ("the Treaty on the Non-Proliferation of …")."""
    after = words[n + 1 : n + 3]
    if after and after[0] == "the":
        after = after[1:]
    return words[n - 1][:1].isupper() and bool(after) and after[0][:1].isupper()


def gerund_base(word: str) -> str:
    """The base form of a gerund ("sharing" -> "share"), by the verbs the project knows."""
    stem = word[:-3]
    for guess in (stem, stem + "e", stem[:-1]):
        if guess in COMMON_VERBS:
            return guess
    return stem + "e" if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem) else stem


_VAGUE = re.compile(
    r"^(?:possible |other |new |further )?(?:areas|ways|options|means|forms|steps)$"
)


def studied_step(what: str) -> tuple[str, str] | None:
    """A step only to be studied as (verb, object): "the possibility of a joint center to warn
    of launches" -> ("set up", "a joint center warning of launches")."""
    what = _LEAD.sub("", what.strip())
    what = re.sub(r"\bto ([a-z]+)\b", lambda m: gerund(m.group(1)), what, count=1)
    first = what.split()[0] if what.split() else ""
    if first.endswith("ing") and first not in {"bring", "thing"}:
        rest = short(" ".join(what.split()[1:]))
        return (gerund_base(first), rest) if rest else None
    noun = short(what)
    if not noun or _VAGUE.search(noun):
        return None  # "possible areas", "ways": nothing a student could tell studied or done
    for pattern, verb in _MAKE:
        if pattern.search(noun.lower()):
            return verb, noun
    return "go ahead with", noun


def steps_of(ctx: Context, kind: str, section_id: str | None) -> list[tuple[Relation, str]]:
    """(relation, step as a gerund phrase) for the parties' own firm or tentative steps."""
    found = []
    for relation in reading(ctx).of(kind, section_id):
        last = relation.verb.split()[-1]
        # "have decided to abolish", "are committed to working": firm steps too
        if last not in {"will", "study", "consider", "explore", "examine"} and not (
            kind == "firm" and last == "to"
        ):
            continue
        if kind == "firm":
            what = relation.what
            first = what.split()[0] if what.split() else ""
            if last == "to" and first.endswith("ing"):
                what = f"{gerund_base(first)} {what.partition(' ')[2]}".strip()
            if _CALLS.match(what) or what.split()[0] not in COMMON_VERBS:
                continue
            first, _, rest = what.partition(" ")
            step = f"{gerund(first)} {short(rest)}".strip()
        else:
            studied = studied_step(relation.what)
            if studied is None:
                continue
            step = f"{gerund(studied[0].split()[0])} {' '.join(studied[0].split()[1:])} "
            step = re.sub(r"\s+", " ", step + studied[1]).strip()
        if len(step.split()) >= 3 and P not in step:
            found.append((relation, render(ctx, step)))
    return found


def past_base(past: str) -> str:
    """The base form of a regular past tense ("regarded" -> "regard", "treated" -> "treat")."""
    stem = past[:-2]
    for guess in (stem, stem + "e", stem[:-1]):
        if guess in COMMON_VERBS:
            return guess
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]
    return stem + "e" if stem.endswith(("at", "iz", "uc", "rv", "lv")) else stem
