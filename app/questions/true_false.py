"""True or false: a statement to judge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Content, ContentError, Mark, QuestionType, ResponseError, is_text, option_marks
from .choices import qti_choice_item

_TRUE_WORDS = {"true", "t", "yes", "1"}
_FALSE_WORDS = {"false", "f", "no", "0"}
_GIFT_TRUE, _GIFT_FALSE = {"T", "TRUE"}, {"F", "FALSE"}


class TrueFalse(QuestionType):
    """A statement to judge true or false."""

    name = "true_false"
    label = "True or false"
    json_answer = "a boolean"
    answer_hint = "true or false."
    xapi_interaction = "true-false"
    moodle_qtype = "truefalse"
    gift_read_rank = 10  # a lone T, TRUE, F or FALSE, before any answers are read
    judges_a_statement = True
    section_share = 0.25
    variant_rank = 2

    def in_words(self, answer: Any) -> str:
        return "True" if answer else "False"

    def answer_from_text(self, text: str) -> bool:
        text = text.strip()
        if text.lower() not in ("true", "false"):
            raise ContentError(["The answer of a true/false question is “true” or “false”."])
        return text.lower() == "true"

    def answer_to_text(self, answer: Any) -> str:
        return "true" if answer else "false"

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        if not isinstance(data.get("answer"), bool):
            return ["The answer must be true or false."]
        return []

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        return {"type": self.name, "stem": version.stem, "choices": [True, False]}

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if is_text(raw, 10):
            word = raw.strip().lower()
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        raise ResponseError("Answer true or false.")

    def grade(self, version: Content, response: Any) -> float:
        return 1.0 if response is version.answer else 0.0

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        chosen = set(self.picked_labels(answer))
        return option_marks(["True", "False"], {self.in_words(version.answer)}, chosen)

    def random_guess_score(self, version: Content) -> float | None:
        return 0.5  # Moodle's qtype_truefalse

    def option_labels(self, version: Content) -> list[str]:
        return ["True", "False"]

    def picked_labels(self, answer: Any) -> list[str]:
        # `is`, not ==: a stored 1 or 0 is not a boolean answer.
        return ["True"] if answer is True else ["False"] if answer is False else []

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        return {}, "true" if answer is True else "false" if answer is False else None

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        return ["TRUE" if question["answer"] else "FALSE"]

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        if block.word not in _GIFT_TRUE | _GIFT_FALSE:
            return None
        return {"type": self.name, "answer": block.word in _GIFT_TRUE}

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        element = tools.head("truefalse", question)
        answer = question["answer"]
        tools.answer(element, 1.0 if answer else 0.0, "true", tools.AUTO)
        tools.answer(element, 0.0 if answer else 1.0, "false", tools.AUTO)
        return element, []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        for answer in element.findall("answer"):
            if tools.fraction(answer) >= 1:
                word = (answer.findtext("text") or "").strip().lower()
                return {"type": self.name, "answer": word == "true"}
        raise ValueError("a true/false question needs an answer worth 100 %")

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        key = (["True", "False"], ["True" if question["answer"] else "False"])
        return qti_choice_item(body, question, tools, key, single=True, shuffle=False)
