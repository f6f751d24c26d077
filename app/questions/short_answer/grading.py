"""Grading a typed answer tolerantly, but never accepting another term."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import OSA

from ..answers import Form, is_person, key_forms, person_matches
from ..base import Content
from ..normalise import chunk_words, chunks, compact, parse_dates, strip_article

TYPO_MIN_LETTERS = 7  # one typo is forgiven only in a word longer than six letters
_ASKS_YEAR = re.compile(r"\b(what|which) year\b|\bthe year\b", re.IGNORECASE)


def _forms(version: Content) -> list[str]:
    return [f for f in [version.answer, *(version.accepted or [])] if isinstance(f, str)]


def _date_matches(version: Content, forms: list[str], response: str) -> bool:
    """The same date in any usual form; without the year when that cannot mislead.

    A date typed without its year ("9/11", "September 11") counts when the stem does not ask
    for the year and no option of the question has that day in another year.
    """
    keys = set().union(*(parse_dates(form) for form in forms))
    typed = parse_dates(response)
    if keys & typed:
        return True
    other_years = {
        (m, d)
        for choice in version.choices or []
        if isinstance(choice, str)
        for y, m, d in parse_dates(choice)
        if (y, m, d) not in keys
    }
    yearless_ok = not _ASKS_YEAR.search(version.stem or "")
    return yearless_ok and any(
        y is None and (m, d) not in other_years and any(k[1:] == (m, d) for k in keys)
        for y, m, d in typed
        if d is not None
    )


def _one_typo(typed: Form, form: Form) -> bool:
    """True when one long word of ``form`` is typed with one slip and every other word is equal.

    Never across a digit, an initial or a short word: "1991" is not "1992", "H." is not "W.".
    """
    if len(typed) != len(form):
        return False
    differ = [(t, k) for t, k in zip(typed, form, strict=True) if t != k]
    if len(differ) != 1:
        return False
    t, k = differ[0]
    return k.isalpha() and t.isalpha() and len(k) >= TYPO_MIN_LETTERS and OSA.distance(t, k) <= 1


def _near_a_choice(typed: str, own: set[str], version: Content) -> bool:
    """True when the typed answer is, or is one slip from, an option that is not a key."""
    others = {compact(c) for c in version.choices or [] if isinstance(c, str)} - own
    return any(OSA.distance(typed, other) <= 1 for other in others)


def grade_short_answer(version: Content, response: Any) -> float:
    """1.0 when ``response`` means the key or an accepted answer, else 0.0 (pure).

    Equal after normalising case, accents, punctuation, articles, spacing, hyphens and British
    spellings, to the key, an accepted answer or a form derived from one (see answers); a
    person's surname or title form; the same date in another usual form; or one slip in one
    long word — unless the answer is an option of the question that is not a key.
    """
    if not isinstance(response, str):
        return 0.0
    typed = compact(response)
    if not typed:
        return 0.0
    forms = _forms(version)
    derived = set().union(*(key_forms(form) for form in forms))
    own = {"".join(form) for form in derived}
    if typed in own or "".join(chunk_words(chunks(response))) in own:  # with its article
        return 1.0
    if any(is_person(f, version.stem or "") and person_matches(f, response) for f in forms):
        return 1.0
    if any(parse_dates(form) for form in forms):
        # A date is right only as the same date: a one-digit slip is another date.
        return 1.0 if _date_matches(version, forms, response) else 0.0
    typed_words = chunk_words(strip_article(chunks(response)))
    if any(_one_typo(typed_words, form) for form in derived):
        return 0.0 if _near_a_choice(typed, own, version) else 1.0
    return 0.0
