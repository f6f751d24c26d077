"""Automatic checks for the reasons a strict instructor rejects a question (QUESTION-QUALITY.md)."""

from __future__ import annotations

import re

from .common import current_names
from .dates import DATE_PATTERN
from .distractors import related
from .draft import Draft
from .grammar import grammar_problems, voice_problems
from .kinds import copied_run, copy_problems, group_like, kind_problems
from .terms import normalise
from .wordlists import AGREEMENT_HEADS, FUNCTION_WORDS, GEOGRAPHIC_HEADS, ORGANISATION_HEADS

MAX_STEM_WORDS = 60
# a stem that carries this many words of its source sentence in a row is the sentence with a
# blank (a cloze any reader fills from the surrounding words), not a question in other words
MAX_COPIED_RUN = 12
MAX_TYPED = 5  # words of a short answer's key (not counting "the"): a name, date or number
KEY_LENGTH_RATIO = 1.5  # a key this much longer than every distractor is picked unread
_DANGLING = re.compile(
    r"^(?:True or false: |According to [^,]+, )?(?:It|This|These|They|Those|Such|In this "
    r"(?:connection|regard|context)|To that end|In that regard)\b"
)
_BLANK_ARTICLE = re.compile(r"\ban\s+(?:_+|\[blank\])", re.I)
_HEADS = AGREEMENT_HEADS | ORGANISATION_HEADS | {"The"}
_NEGATION = re.compile(r"\b(?:not|never|no longer)\b", re.I)


def problems(draft: Draft) -> list[str]:
    """Every reason to reject ``draft`` (empty when it passes every check)."""
    found = list(draft.flaws)
    stem = draft.stem
    qtype = draft.question_type
    answers = qtype.key_texts(draft.answer)
    if _DANGLING.match(stem):
        found.append("starts with a reference to text the student cannot see")
    if "also known as" in stem:
        found.append('"also known as" equates two names the text may not (a misleading key)')
    if len(stem.split()) > MAX_STEM_WORDS:
        found.append("stem too long")
    if stem.count('"') % 2 or stem.count("“") != stem.count("”"):
        found.append("unbalanced quotation marks")
    asks = not (qtype.judges_a_statement or qtype.lists_items)  # not a statement or instruction
    if asks and not stem.rstrip(" .)").rstrip().endswith(("?", "apply")):
        found.append("stem is not a question")
    if _BLANK_ARTICLE.search(stem):
        found.append('"an" before the blank gives the answer away')
    for answer in answers:
        if normalise(answer) and normalise(answer) in normalise(stem):
            found.append("the answer is in the stem")
        if normalise(answer) in FUNCTION_WORDS or len(normalise(answer)) < 2:
            found.append("trivial answer (a function word)")
    typed = qtype.key_is_one_text and not qtype.has_distractors  # written, not picked
    if typed and len(normalise(str(draft.answer)).split()) > MAX_TYPED:
        found.append("a long name to write out: a short answer asks for a crisp one")
    if typed and re.search(r"\b(?:that|which|who|whose)\b", str(draft.answer)):
        # "the ocean that joins them": a student's "the ocean" is right and marked wrong
        found.append("a key with a relative clause: a short answer cannot grade it fairly")
    found.extend(_question_word(stem, answers))
    found.extend(grammar_problems(stem, draft.type))
    found.extend(voice_problems(answers))
    if qtype.key_is_one_text:
        for answer in answers:
            names = [w for w in re.findall(r"[A-Z][\w'’-]+", answer) if w not in _HEADS]
            parts = {p for w in names for p in w.split("-") if len(p) > 2}
            if len(parts) >= 2 and all(p in stem for p in parts):
                found.append("every name in the key is in the stem")  # "NATO … Russia"
            others = [shared_roots(stem, c) for c in draft.choices if c != answer]
            if shared_roots(stem, answer) - set().union(*others):
                found.append("a word of the stem is shared only with the key")
            words = normalise(answer).removeprefix("the ").split()
            if len(words) >= 3 and " ".join(words[:-1]) in normalise(stem):
                found.append("the stem spells out all but the last word of the key")
    if qtype.has_distractors:
        found.extend(_choice_problems(draft, answers))
    if qtype.judges_a_statement and draft.answer is False:
        if len(_NEGATION.findall(stem)) > len(_NEGATION.findall(draft.quote)):
            found.append("made false by inserting a negation")
    # a copied sentence with its blank and four options to recognise (a short answer asks the
    # student to produce the name, which recall of a copied sentence still tests)
    cloze = qtype.key_is_one_text and qtype.has_distractors
    if cloze and copied_run(stem, draft.quote) >= MAX_COPIED_RUN:
        found.append("the stem copies its source sentence (a cloze with choices)")
    if qtype.judges_a_statement:
        found.extend(copy_problems(stem, draft.quote))
    if qtype.lists_items:
        items = qtype.listed_items(draft.answer)
        if len(set(items)) != len(items) or len(items) < 2:
            found.append("items repeat")
    return found


_WORD = re.compile(r"[A-Za-z][A-Za-z-]{4,}")


def gives_away(text: str, answer: str) -> bool:
    """True when ``text`` holds a word from the root of one of ``answer``'s words.

    "the Afghan people's efforts" gives away "Afghanistan"; "proactive non-proliferation"
    gives away "the Treaty on the Non-Proliferation of Nuclear Weapons". The same name written
    the same way ("the NATO-Russia summit" beside "the NATO-Russia Council") does not count.
    """
    return bool(shared_roots(text, answer))


def shared_roots(text: str, answer: str) -> set[str]:
    """The roots of ``answer``'s names that ``text`` holds in another form (see gives_away)."""
    answer_words = {w for w in _WORD.findall(answer) if w.lower() not in FUNCTION_WORDS}
    roots = {
        w.lower()[:5]: w
        for w in answer_words
        # "which treaty", "which river": the kind of the name, not the name
        if w[0].isupper() and w not in AGREEMENT_HEADS | ORGANISATION_HEADS | GEOGRAPHIC_HEADS
    }
    found = set()
    common = current_names()  # the parties' names are in every stem: they give nothing away
    for word in _WORD.findall(text):
        key_word = roots.get(word.lower()[:5])
        if key_word and word != key_word and word.lower()[:5] not in common:
            found.add(word.lower()[:5])
    return found


def _question_word(stem: str, answers: list[str]) -> list[str]:
    core = re.sub(r"^According to [^,]+, ", "", stem)
    found = []
    for answer in answers:
        is_date = bool(DATE_PATTERN.fullmatch(answer))
        if re.match(r"^(?:On )?what date\b", core, re.I) and not is_date:
            found.append("a date question whose key is not a date")
        if core.startswith("Who ") and (is_date or answer.lower().startswith("the ")):
            found.append('a "Who" question whose key is not a person')
        if re.search(r"\bwhich group\b", core) and not group_like(answer):
            found.append('"which group" for a name whose head is not a group')
        if core.startswith("Where ") and is_date:
            found.append('a "Where" question whose key is a date')
    return found


def _choice_problems(draft: Draft, answers: list[str]) -> list[str]:
    found = []
    choices = draft.choices
    # one key among at least three distractors; several keys with at least two
    one_key = draft.question_type.key_is_one_text
    minimum = 4 if one_key else len(answers) + 2
    if len(choices) < minimum:
        found.append("too few distractors")
    if any(a not in choices for a in answers):
        found.append("the key is not among the choices")
    distractors = [c for c in choices if c not in answers]
    for n, one in enumerate(choices):
        for other in choices[n + 1 :]:
            if related(one, other):
                found.append(f"two choices are the same thing ({one!r}, {other!r})")
    if any(normalise(d) in normalise(draft.quote) for d in distractors):
        found.append("a distractor is also in the source sentence (may be true)")
    if not one_key:
        found.extend(kind_problems(answers, distractors))
    dates = [bool(DATE_PATTERN.fullmatch(c)) for c in choices]
    if any(dates) and not all(dates):
        found.append("dates mixed with other kinds of choice")
    if one_key and distractors:
        longest = max(len(d) for d in distractors)
        if len(draft.answer) > KEY_LENGTH_RATIO * longest and len(draft.answer) > 30:
            found.append("the key is the only long option")
    return found
