"""Multiple choice: one right option among several."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .base import Content, Mark, QuestionType, option_marks, shuffled, text_list_problems
from .choices import (
    gift_choices,
    is_single,
    moodle_answers,
    offered_choice,
    qti_choice_item,
    write_multichoice,
    xapi_choice_parts,
)


class MultipleChoice(QuestionType):
    """One right option among several."""

    name = "multiple_choice"
    label = "Multiple choice (one answer)"
    json_answer = "a choice text"
    answer_hint = "The right choice, exactly as written in the choices."
    choices_hint = (
        "Every option, one per line: the answer and three or four near-misses of the same kind."
    )
    takes_choices = True
    xapi_interaction = "choice"
    moodle_qtype = "multichoice"
    gift_read_rank = 50
    key_is_one_text = True
    has_distractors = True
    section_share = 0.55

    def key_texts(self, answer: Any) -> list[str]:
        return [answer]

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
        return offered_choice(raw, choice_order)

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

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        return xapi_choice_parts(choices, answer, tools)

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        # Moodle reads no weight after "=", so only a wrong choice can need an explicit one
        return [
            f"={tools.guard_format(tools.escape(choice))}"
            if choice == question["answer"]
            else f"~{tools.answer_text(choice, '0')}"
            for choice in question.get("choices") or []
        ]

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        choices, right = gift_choices(block)
        if [marker for marker, _ in right] != ["="]:
            return None
        return {"type": self.name, "choices": choices, "answer": right[0][1]}

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        choices = question.get("choices") or []
        fractions = [1.0 if choice == question["answer"] else 0.0 for choice in choices]
        return write_multichoice(question, tools, True, fractions), []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        if not is_single(element):
            return None
        answers = moodle_answers(element, tools)
        right = [text for fraction, text in answers if fraction >= 1]
        if len(right) != 1:
            raise ValueError("a single-answer multichoice needs exactly one answer worth 100 %")
        return {"type": self.name, "choices": [text for _, text in answers], "answer": right[0]}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        key = (list(question.get("choices") or []), [question["answer"]])
        return qti_choice_item(body, question, tools, key, single=True, shuffle=True)
