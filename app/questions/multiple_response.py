"""Multiple response: several right options, with partial credit."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .base import (
    Content,
    Mark,
    QuestionType,
    ResponseError,
    lines,
    option_marks,
    shuffled,
    text_list_problems,
)
from .choices import (
    gift_choices,
    is_single,
    moodle_answers,
    offered_choice,
    qti_choice_item,
    write_multichoice,
    xapi_choice_parts,
)


class MultipleResponse(QuestionType):
    """Several right options; partial credit is right picks minus wrong picks, floored at 0."""

    name = "multiple_response"
    label = "Multiple response (several answers)"
    json_answer = "a list of choice texts"
    answer_hint = "The right choices, one per line, exactly as written in the choices."
    choices_hint = "Every option, one per line, right and wrong ones."
    takes_choices = True
    xapi_interaction = "choice"
    moodle_qtype = "multichoice"
    gift_read_rank = 60
    has_distractors = True
    section_share = 0.35

    def key_texts(self, answer: Any) -> list[str]:
        return list(answer)

    def canonical_key(self, answer: Any, choices: list[str]) -> list[str]:
        """The keys in the order of the choices."""
        return [c for c in choices if c in set(answer)]

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
        picks = {offered_choice(value, choice_order) for value in raw}
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

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        return xapi_choice_parts(choices, answer, tools)

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        # grades Moodle accepts, adding up to 100 % (1/n where Moodle lists it)
        answer = question["answer"]
        rights = iter(tools.right_fractions(len(answer)))
        wrong = tools.weight(tools.wrong_fraction(len(answer)))
        return [
            f"~%{tools.weight(next(rights)) if c in answer else wrong}%"
            f"{tools.guard_format(tools.escape(c))}"
            for c in question.get("choices") or []
        ]

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        choices, right = gift_choices(block)
        if not right or "=" in block.markers:
            return None
        return {"type": self.name, "choices": choices, "answer": [text for _, text in right]}

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        answer = question["answer"]
        grades = iter(tools.right_fractions(len(answer)))
        wrong = tools.wrong_fraction(len(answer))
        choices = question.get("choices") or []
        fractions = [next(grades) if choice in answer else wrong for choice in choices]
        return write_multichoice(question, tools, False, fractions), []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        if is_single(element):
            return None
        answers = moodle_answers(element, tools)
        right = [text for fraction, text in answers if fraction > 0]
        return {"type": self.name, "choices": [text for _, text in answers], "answer": right}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        key = (list(question.get("choices") or []), list(question["answer"]))
        return qti_choice_item(body, question, tools, key, single=False, shuffle=True)
