"""Leaks between the questions of one bank (QUESTION-QUALITY.md, rules 3 and 8).

Two questions served together must not test one key ("which body will plan X?" and "which board
will they set up to plan X?"), nor may one show another's key in its stem, options or feedback (a
distractor "the creation of the X Council" beside a question keyed "the X Council"), nor may two
offer the same set of options (two date questions, each showing the other's key). Compared by
normalised text and by the roots of uncommon words, never by any one document's names.
"""

from __future__ import annotations

from .distractors import stems_of
from .draft import Draft
from .terms import normalise

# roots of words every declaration uses of its parties and itself: shared, they tell nothing
_EVERYWHERE = stems_of("two sides states parties governments countries text declaration")
MIN_SHARED_ROOTS = 2  # a key named by fewer uncommon words is too short to be seen as given


def keys_of(draft: Draft) -> list[str]:
    """The texts a draft asks a student to find: its one key, or the keys of a select-all."""
    qtype = draft.question_type
    if qtype.key_is_one_text:
        return [str(draft.answer)]
    if qtype.has_distractors and isinstance(draft.answer, list):  # a select-all's keys
        return [str(k) for k in draft.answer]
    return []


def _roots(text: str) -> frozenset[str]:
    return frozenset(stems_of(text) - _EVERYWHERE)


def _shown(draft: Draft, key: str) -> list[str]:
    """What a student reads of ``draft`` that could state ``key`` (another question's): its
    stem, its feedback (read while another question may still be open), and those of its
    options that say more than the bare name (an option "the creation of the X Council" tells
    that X Council is created; "the X Council" offered as a wrong answer tells nothing)."""
    own = {_bare(k) for k in keys_of(draft)}
    options = [c for c in draft.choices if _bare(c) not in own and _bare(c) != _bare(key)]
    return [draft.stem, *options, draft.explanation]


def _bare(text: str) -> str:
    return normalise(text).removeprefix("the ").removeprefix("a ")


def _names(key: str, text: str) -> bool:
    """Whether ``text`` names ``key``: its normalised words, or all its (two or more)
    uncommon roots."""
    norm = normalise(key).removeprefix("the ").removeprefix("a ")
    if len(norm) > 3 and norm in normalise(text):
        return True
    roots = _roots(key)
    return len(roots) >= MIN_SHARED_ROOTS and roots <= _roots(text)


def leaks(one: Draft, other: Draft) -> str | None:
    """Why ``one`` and ``other`` cannot be served in one bank, or None."""
    mine = {normalise(k) for k in keys_of(one)}
    theirs = {normalise(k) for k in keys_of(other)}
    if one.question_type.key_is_one_text and other.question_type.key_is_one_text:
        if mine & theirs:
            return "the same key asked twice"
    if len(one.choices) >= 3 and sorted(one.choices) == sorted(other.choices):
        return "the same set of options"
    for a, b in ((one, other), (other, one)):
        # a select-all's keys are steps or items: offered as another question's options they
        # are the same kind of near-miss; only a stem stating one gives it away
        for key in keys_of(b):
            shown = _shown(a, key) if b.question_type.key_is_one_text else [a.stem]
            if any(_names(key, text) for text in shown):
                return f"one question shows another's key ({key!r})"
    return None


def first_leak(draft: Draft, taken: list[Draft]) -> Draft | None:
    """The first question of ``taken`` that ``draft`` leaks with, or None."""
    return next((t for t in taken if t is not draft and leaks(draft, t)), None)
