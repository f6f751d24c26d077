"""Multiple choice, multiple response and true/false."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .base import (
    Content,
    ContentError,
    Mark,
    QuestionType,
    ResponseError,
    is_text,
    lines,
    option_marks,
    shuffled,
    text_list_problems,
)

_TRUE_WORDS = {"true", "t", "yes", "1"}
_FALSE_WORDS = {"false", "f", "no", "0"}


def _offered_choice(value: Any, choice_order: list[Any]) -> str:
    if not isinstance(value, str):
        raise ResponseError("Pick one of the options shown.")
    if value not in choice_order:
        raise ResponseError("That option was not offered for this question.")
    return value


class MultipleChoice(QuestionType):
    """One right option among several."""

    name = "multiple_choice"
    label = "Multiple choice (one answer)"
    answer_hint = "The right choice, exactly as written in the choices."
    choices_hint = (
        "Every option, one per line: the answer and three or four near-misses of the same kind."
    )
    xapi_interaction = "choice"
    takes_choices = True
    moodle_qtype = "multichoice"
    qti_interaction = "choice"

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        problems = text_list_problems(data.get("choices"), "Choices", 2)
        if not problems and data.get("answer") not in data["choices"]:
            problems.append("The answer must be one of the choices.")
        return problems

    def shuffle(self, version: Content, rng: random.Random) -> list[Any]:
        return shuffled(version.choices, rng)

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        return {"type": self.name, "stem": version.stem, "choices": list(choice_order)}

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> str:
        return _offered_choice(raw, choice_order)

    def grade(self, version: Content, response: Any) -> float:
        return 1.0 if response == version.answer else 0.0

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        chosen = {answer} if isinstance(answer, str) else set()
        return option_marks(choice_order, {version.answer}, chosen)

    def random_guess_score(self, version: Content) -> float | None:
        # Moodle (qtype_multichoice, single): the mean fraction of the choices, 1/n with one key.
        return 1.0 / len(version.choices) if version.choices else None

    def option_labels(self, version: Content) -> list[str]:
        return list(version.choices)

    def picked_labels(self, answer: Any) -> list[str]:
        return [answer] if isinstance(answer, str) else []


class MultipleResponse(QuestionType):
    """Several right options; partial credit is right picks minus wrong picks, floored at 0."""

    name = "multiple_response"
    label = "Multiple response (several answers)"
    answer_hint = "The right choices, one per line, exactly as written in the choices."
    choices_hint = "Every option, one per line, right and wrong ones."
    xapi_interaction = "choice"
    takes_choices = True
    moodle_qtype = "multichoice"
    qti_interaction = "choice"
    single_answer = False

    def choice_key(self, question: Mapping[str, Any]) -> tuple[list[Any], list[Any]]:
        return list(question.get("choices") or []), list(question["answer"])

    def answer_from_text(self, text: str) -> list[str]:
        return lines(text)

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        problems = text_list_problems(data.get("choices"), "Choices", 3)
        problems += text_list_problems(data.get("answer"), "The answer", 1)
        if not problems and not set(data["answer"]) <= set(data["choices"]):
            problems.append("Every answer must be one of the choices.")
        return problems

    def shuffle(self, version: Content, rng: random.Random) -> list[Any]:
        return shuffled(version.choices, rng)

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        return {"type": self.name, "stem": version.stem, "choices": list(choice_order)}

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        picks = form.getlist(name) if hasattr(form, "getlist") else form.get(name)
        return picks or None

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> list[str]:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            raise ResponseError("Pick at least one of the options shown.")
        if len(raw) > len(choice_order) or len(set(map(repr, raw))) != len(raw):
            raise ResponseError("Pick each option at most once.")
        picks = {_offered_choice(value, choice_order) for value in raw}
        # Canonical: the picks in the order the options were shown.
        return [choice for choice in choice_order if choice in picks]

    def grade(self, version: Content, response: Any) -> float:
        key = set(version.answer)
        picks = {p for p in response if isinstance(p, str)} if isinstance(response, list) else set()
        right, wrong = len(picks & key), len(picks - key)
        return max(0.0, (right - wrong) / len(key)) if key else 0.0

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        return option_marks(choice_order, set(version.answer), set(self.picked_labels(answer)))

    def credit_note(self, version: Content, answer: Any) -> str:
        picks, key = set(self.picked_labels(answer)), set(version.answer)
        right, wrong = len(picks & key), len(picks - key)
        if not picks or (right == len(key) and not wrong):
            return ""
        wrongs = f", minus {wrong} wrong pick{'s' if wrong != 1 else ''}" if wrong else ""
        return f"{right} of the {len(key)} right options picked{wrongs}."

    def random_guess_score(self, version: Content) -> float | None:
        # Moodle (qtype_multichoice, multi): "pretty much impossible to compute", so null.
        return None

    def option_labels(self, version: Content) -> list[str]:
        return list(version.choices)

    def picked_labels(self, answer: Any) -> list[str]:
        return [p for p in answer if isinstance(p, str)] if isinstance(answer, list) else []


class TrueFalse(QuestionType):
    """A statement to judge true or false."""

    name = "true_false"
    label = "True or false"
    answer_hint = "true or false."
    xapi_interaction = "true-false"
    moodle_qtype = "truefalse"
    qti_interaction = "choice"
    shuffles_options = False

    def choice_key(self, question: Mapping[str, Any]) -> tuple[list[Any], list[Any]]:
        return ["True", "False"], ["True" if question["answer"] else "False"]

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
