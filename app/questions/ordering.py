"""Ordering: put items in order, with partial credit for neighbours kept together."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .base import Content, Mark, QuestionType, ResponseError, lines, shuffled, text_list_problems
from .matching.interchange import gift_pairs


class Ordering(QuestionType):
    """Put items in order; credit is the share of the key's neighbouring pairs kept together.

    For a key a, b, c, d the pairs are (a, b), (b, c), (c, d): a response earns one third
    for each that it has side by side in that order. All right scores 1, reversed scores 0,
    and one item moved costs at most two pairs, not every position after it.
    """

    name = "ordering"
    label = "Ordering"
    json_answer = "the list of items in order"
    answer_hint = "The items in the right order, first to last, one per line."
    picks_by_position = True
    xapi_interaction = "sequencing"
    moodle_qtype = "ordering"  # Moodle's qtype_ordering, part of Moodle since 4.4
    gift_read_rank = 20  # GIFT has no ordering: it is matching from the places 1, 2, …
    lists_items = True
    section_share = 0.15

    def listed_items(self, answer: Any) -> list[Any]:
        return list(answer)

    def in_words(self, answer: Any) -> str:
        return " → ".join(answer) if isinstance(answer, list) else str(answer)

    def answer_from_text(self, text: str) -> list[str]:
        return lines(text)

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        return text_list_problems(data.get("answer"), "The order", 2)

    def shuffle(self, version: Content, rng: random.Random) -> list[Any]:
        return shuffled(version.answer, rng, avoid=version.answer)

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        return {"type": self.name, "stem": version.stem, "items": list(choice_order)}

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        positions = {}
        for index, item in enumerate(choice_order):
            value = form.get(f"{name}-{index}", "")
            if not str(value).isdigit():
                return None if not positions and not value else {"invalid": True}
            positions[item] = int(value)
        ranks = sorted(positions.values())
        if ranks != list(range(1, len(choice_order) + 1)):
            return {"invalid": True}
        return sorted(positions, key=positions.get)

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> list:
        if not isinstance(raw, list) or sorted(map(repr, raw)) != sorted(map(repr, choice_order)):
            raise ResponseError(f"Give every item exactly one place (1 to {len(choice_order)}).")
        return list(raw)

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        placed = list(answer) if isinstance(answer, list) else []
        marks = []
        for place, item in enumerate(version.answer, 1):
            pick = str(placed.index(item) + 1) if item in placed else ""
            marks.append(Mark(item, bool(pick), pick == str(place), pick, str(place)))
        return marks

    def credit_note(self, version: Content, answer: Any) -> str:
        key = list(version.answer)
        if not isinstance(answer, list) or answer == key or len(key) < 2:
            return ""
        follows = dict(zip(answer, answer[1:], strict=False))
        kept = sum(1 for a, b in zip(key, key[1:], strict=False) if follows.get(a) == b)
        return (
            f"Each pair of neighbours in the right order counts: you kept {kept} of the "
            f"{len(key) - 1} pairs together."
        )

    def grade(self, version: Content, response: Any) -> float:
        key = list(version.answer)
        if len(key) < 2:
            return 1.0 if list(response or []) == key else 0.0
        if not isinstance(response, list) or not all(isinstance(r, str) for r in response):
            return 0.0
        follows = dict(zip(response, response[1:], strict=False))
        kept = sum(1 for a, b in zip(key, key[1:], strict=False) if follows.get(a) == b)
        return kept / (len(key) - 1)

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        ids = tools.ids(key, "item-")
        response = None
        if isinstance(answer, list) and all(a in ids for a in answer):
            response = "[,]".join(ids[a] for a in answer)
        return {"choices": tools.components("item-", key)}, response

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        # the pairs that stand for the order: place (from 1) → item
        items = enumerate(question["answer"], 1)
        return [f"={place} -> {tools.escape(item)}" for place, item in items]

    def gift_note(self, question: dict[str, Any]) -> str:
        return ": an ordering question written as matching from positions to items"

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        read = gift_pairs(block)
        if read is None or read[1]:
            return None
        pairs = read[0]
        if [p[0] for p in pairs] != [str(n) for n in range(1, len(pairs) + 1)]:
            return None
        return {"type": self.name, "answer": [p[1] for p in pairs]}

    def offered_options(self, question: dict[str, Any]) -> list[str]:
        return list(question["answer"])

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        element = tools.head("ordering", question)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            # graded "next item in the right place", like this platform
            ("gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            tools.sub(element, tag, value)
        for position, item in enumerate(question["answer"], 1):
            tools.text_block(element, "answer", item, tools.HTML, fraction=str(position))
        return element, []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        # qtype_ordering writes each answer's place as its fraction
        answers = sorted(element.findall("answer"), key=tools.fraction)
        return {"type": self.name, "answer": [tools.plain(answer) for answer in answers]}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        # all or nothing: the standard templates have no partial credit for an order
        interaction = tools.el(
            body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true"
        )
        tools.el(interaction, "prompt", question["stem"])
        ids = tools.choices(interaction, list(question["answer"]))
        correct = [ids[t] for t in question["answer"]]
        return tools.declaration("ordered", "identifier", correct), "match_correct"
