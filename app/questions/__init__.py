"""The registry of question types: each one owns everything about its kind of question.

qtype = get_type("multiple_choice")
order = qtype.shuffle(version, rng)
shown = qtype.public(version, order)          # safe for the browser: no key, no explanation
answer = qtype.validate_response(version, order, raw)   # ResponseError when bad
score = qtype.grade(version, answer)          # pure, in [0, 1]
qtype.validate_content(data)                  # ContentError listing problems

Nothing outside this package branches on a type's name: pages, forms, statistics and the
interchange formats ask the type (see ``base.QuestionType``). A new type is a module here,
its learner partial ``templates/questions/<name>.html`` and its tests, added with
``register``.
"""

from __future__ import annotations

from typing import Any

from .base import ContentError, QuestionContent, QuestionType, ResponseError
from .essay import Essay
from .matching import Matching
from .multiple_choice import MultipleChoice
from .multiple_response import MultipleResponse
from .ordering import Ordering
from .short_answer import ShortAnswer, grade_short_answer
from .true_false import TrueFalse

QUESTION_TYPES: dict[str, QuestionType] = {}


def register(qtype: QuestionType) -> QuestionType:
    """Add ``qtype`` to the registry under its name (ValueError if the name is taken)."""
    if not qtype.name or qtype.name in QUESTION_TYPES:
        raise ValueError(f"a question type needs a name of its own, not {qtype.name!r}")
    QUESTION_TYPES[qtype.name] = qtype
    return qtype


for _qtype in (
    MultipleChoice(),
    MultipleResponse(),
    TrueFalse(),
    ShortAnswer(),
    Matching(),
    Ordering(),
    Essay(),
):
    register(_qtype)


def get_type(name: str) -> QuestionType:
    """The question type called ``name``; KeyError for an unknown type."""
    return QUESTION_TYPES[name]


def type_choices() -> list[tuple[str, str]]:
    """(name, label) of every type, for select fields."""
    return [(qtype.name, qtype.label) for qtype in QUESTION_TYPES.values()]


def self_graded_types() -> list[str]:
    """Names of the types that grade their own answers (a quiz drawn at random, or a review,
    serves only these: an essay needs an instructor, so only an assignment hand-picks one)."""
    return [name for name, qtype in QUESTION_TYPES.items() if not qtype.graded_by_hand]


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
    "register",
    "type_choices",
    "validate_content",
]
