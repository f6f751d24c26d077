"""The registry of question types: each one checks, shuffles, shows, reads and grades its kind.

qtype = get_type("multiple_choice")
order = qtype.shuffle(version, rng)
shown = qtype.public(version, order)          # safe for the browser: no key, no explanation
answer = qtype.validate_response(version, order, raw)   # ResponseError when bad
score = qtype.grade(version, answer)          # pure, in [0, 1]
qtype.validate_content(data)                  # ContentError listing problems
"""

from __future__ import annotations

from typing import Any

from .arrange import Matching, Ordering
from .base import ContentError, QuestionContent, QuestionType, ResponseError
from .choice import MultipleChoice, MultipleResponse, TrueFalse
from .short_answer import ShortAnswer, grade_short_answer

QUESTION_TYPES: dict[str, QuestionType] = {
    qtype.name: qtype
    for qtype in (
        MultipleChoice(),
        MultipleResponse(),
        TrueFalse(),
        ShortAnswer(),
        Matching(),
        Ordering(),
    )
}


def get_type(name: str) -> QuestionType:
    """The question type called ``name``; KeyError for an unknown type."""
    return QUESTION_TYPES[name]


def type_choices() -> list[tuple[str, str]]:
    """(name, label) of every type, for select fields."""
    return [(qtype.name, qtype.label) for qtype in QUESTION_TYPES.values()]


def grade(question_type: str, version: Any, response: Any) -> float:
    """Score ``response`` to ``version`` of a question of ``question_type``, in [0, 1]."""
    return get_type(question_type).grade(version, response)


def validate_content(question_type: str, data: dict[str, Any]) -> None:
    """Check a question's own fields; ContentError (or KeyError for an unknown type)."""
    get_type(question_type).validate_content(data)


__all__ = [
    "QUESTION_TYPES",
    "ContentError",
    "QuestionContent",
    "QuestionType",
    "ResponseError",
    "get_type",
    "grade",
    "grade_short_answer",
    "type_choices",
    "validate_content",
]
