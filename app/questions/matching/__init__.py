"""Matching: each left-hand item to a right-hand option, with partial credit."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from ..base import (
    Content,
    ContentError,
    Mark,
    QuestionType,
    ResponseError,
    lines,
    shuffled,
    text_list_problems,
)
from .interchange import MatchingInterchange


def _pairs_problems(answer: Any) -> list[str]:
    if not isinstance(answer, list) or not all(
        isinstance(p, list | tuple)
        and len(p) == 2
        and all(isinstance(s, str) and s.strip() for s in p)
        for p in answer
    ):
        return ["The answer must be a list of [left, right] pairs of texts."]
    lefts = [p[0] for p in answer]
    problems = [] if len(answer) >= 2 else ["Matching needs at least 2 pairs."]
    if len(set(lefts)) != len(lefts):
        problems.append("Each left-hand item must appear once.")
    return problems


def _pairs(answer: Any) -> dict[str, str]:
    """A matching answer's picks by left item ({} when there is none)."""
    pairs = answer if isinstance(answer, list) else []
    return {p[0]: p[1] for p in pairs if isinstance(p, list | tuple) and len(p) == 2}


def right_options(version: Content) -> list[str]:
    """The right-hand options: the choices when given (they may add distractors), else the key's."""
    rights = [pair[1] for pair in version.answer]
    extra = [c for c in (version.choices or []) if c not in rights]
    return list(dict.fromkeys(rights)) + extra


class Matching(MatchingInterchange, QuestionType):
    """Match each left-hand item to a right-hand option; credit is the share of right pairs."""

    name = "matching"
    label = "Matching"
    json_answer = "a list of [left, right] pairs (or an object left → right)"
    answer_hint = "One pair per line, written “left = right”."
    choices_hint = (
        "Extra right-hand options, one per line (optional): targets that match nothing, "
        "so the last pair is not given away."
    )
    takes_choices = True
    picks_by_position = True
    lists_items = True
    section_share = 0.2

    def listed_items(self, answer: Any) -> list[Any]:
        """The left-hand items."""
        return [pair[0] for pair in answer]

    def in_words(self, answer: Any) -> str:
        return "; ".join(f"{left} → {right}" for left, right in answer)

    def answer_from_text(self, text: str) -> list[list[str]]:
        pairs = []
        for line in lines(text):
            left, sep, right = line.partition("=")
            if not sep or not left.strip() or not right.strip():
                raise ContentError([f"Write each pair as “left = right”: “{line}” is not."])
            pairs.append([left.strip(), right.strip()])
        return pairs

    def answer_to_text(self, answer: Any) -> str:
        return "\n".join(f"{left} = {right}" for left, right in answer)

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        problems = _pairs_problems(data.get("answer"))
        choices = data.get("choices") or []
        if not problems and choices:
            problems += text_list_problems(choices, "Choices", 2)
            if not {p[1] for p in data["answer"]} <= set(choices):
                problems.append("Every right-hand item of the answer must be among the choices.")
        return problems

    def shuffle(self, version: Content, rng: random.Random) -> list[Any]:
        options = right_options(version)
        return shuffled(options, rng, avoid=[pair[1] for pair in version.answer])

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        lefts = [pair[0] for pair in version.answer]
        return {"type": self.name, "stem": version.stem, "left": lefts, "right": list(choice_order)}

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        values = {k[len(name) + 1 :]: v for k, v in form.items() if k.startswith(name + "-") and v}
        return values or None

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> list:
        lefts = [pair[0] for pair in version.answer]
        if isinstance(raw, dict) and all(str(k).isdigit() for k in raw):
            # Form fields carry the left item's position, not its text.
            raw = [[lefts[int(k)], v] for k, v in raw.items() if int(k) < len(lefts)]
        elif isinstance(raw, dict):
            raw = [[k, v] for k, v in raw.items()]
        if not isinstance(raw, list) or not all(
            isinstance(p, list | tuple) and len(p) == 2 for p in raw
        ):
            raise ResponseError("Send the matches as a list of [left, right] pairs.")
        chosen = {}
        for left, right in raw:
            if left not in lefts or left in chosen:
                raise ResponseError("Match each item on the left once.")
            if right not in choice_order:
                raise ResponseError("That option was not offered for this question.")
            chosen[left] = right
        if len(chosen) != len(lefts):
            raise ResponseError("Match every item on the left.")
        return [[left, chosen[left]] for left in lefts]

    def grade(self, version: Content, response: Any) -> float:
        key = {left: right for left, right in version.answer}
        pairs = response if isinstance(response, list) else []
        given = {p[0]: p[1] for p in pairs if isinstance(p, list | tuple) and len(p) == 2}
        right = sum(1 for left, value in key.items() if given.get(left) == value)
        return right / len(key) if key else 0.0

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        given = _pairs(answer)
        return [
            Mark(left, left in given, given.get(left) == right, given.get(left, ""), right)
            for left, right in version.answer
        ]

    def credit_note(self, version: Content, answer: Any) -> str:
        given = _pairs(answer)
        right = sum(1 for left, value in version.answer if given.get(left) == value)
        if not given or right == len(version.answer):
            return ""
        return f"{right} of the {len(version.answer)} pairs right."

    def random_guess_score(self, version: Content) -> float | None:
        # Moodle's qtype_match: 1 / the number of right-hand options (distractors included).
        options = right_options(version)
        return 1.0 / len(options) if options else None
