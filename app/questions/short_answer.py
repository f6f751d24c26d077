"""Short answer: a typed term, graded tolerantly but never accepting another term."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import MAX_TEXT, Content, QuestionType, ResponseError, is_text
from .normalise import compact, document_terms, parse_dates, within_one

TYPO_MIN_LETTERS = 7  # one typo is forgiven only in answers longer than six letters


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_other_term(typed: str, keys: set[str], version: Content) -> bool:
    """True when ``typed`` is, or is one edit from, a term of the text that is not a key."""
    terms = document_terms() | {compact(c) for c in version.choices or [] if isinstance(c, str)}
    return any(term not in keys and within_one(typed, term) for term in terms)


def grade_short_answer(version: Content, response: Any) -> float:
    """1.0 when ``response`` means the key or an accepted answer, else 0.0.

    Equal after normalising case, accents, punctuation, a leading article, spacing and
    hyphens; or the same date in another usual format; or, for answers longer than six
    letters without digits that differ, one edit (Damerau–Levenshtein) away from a key —
    unless it is also within one edit of another term of the text or of the choices.
    """
    if not isinstance(response, str):
        return 0.0
    typed = compact(response)
    if not typed:
        return 0.0
    forms = [f for f in [version.answer, *(version.accepted or [])] if isinstance(f, str)]
    keys = {compact(form) for form in forms}
    if typed in keys:
        return 1.0
    key_dates = set().union(*(parse_dates(form) for form in forms))
    if key_dates:
        # A date is right only as the same date: a one-digit slip is another date.
        return 1.0 if parse_dates(response) & key_dates else 0.0
    for key in keys:
        letters = sum(ch.isalpha() for ch in key)
        if (
            letters >= TYPO_MIN_LETTERS
            and _digits(key) == _digits(typed)
            and within_one(typed, key)
            and not _is_other_term(typed, keys, version)
        ):
            return 1.0
    return 0.0


class ShortAnswer(QuestionType):
    """A term or date typed by the learner."""

    name = "short_answer"
    label = "Short answer"

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        problems = [] if is_text(data.get("answer")) else ["The answer must be a short text."]
        accepted = data.get("accepted") or []
        if not isinstance(accepted, list) or not all(is_text(a) for a in accepted):
            problems.append("Accepted answers must be a list of short texts.")
        return problems

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        # an empty box is a question left blank, like an option nobody picked
        value = form.get(name)
        return value if isinstance(value, str) and value.strip() else None

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise ResponseError("Type an answer.")
        if len(raw) > MAX_TEXT:
            raise ResponseError(f"Answers are at most {MAX_TEXT} characters long.")
        return " ".join(raw.split())

    def grade(self, version: Content, response: Any) -> float:
        return grade_short_answer(version, response)
