"""Short answer: a typed term, graded tolerantly but never accepting another term."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import MAX_TEXT, Content, QuestionType, ResponseError, is_text
from .grading import grade_short_answer
from .qti import mapped_forms


class ShortAnswer(QuestionType):
    """A term or date typed by the learner."""

    name = "short_answer"
    label = "Short answer"
    json_answer = "a text (at most 300 characters)"
    answer_hint = (
        "The answer. Case, articles, word order, initialisms, surnames and dates are "
        "matched by themselves."
    )
    takes_accepted = True
    xapi_interaction = "fill-in"
    moodle_qtype = "shortanswer"
    gift_read_rank = 40  # after matching: "=a -> b" is matching, "=a =b" a short answer
    key_is_one_text = True
    section_share = 0.3
    variant_rank = 1

    def key_texts(self, answer: Any) -> list[str]:
        return [answer]

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

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        return {}, answer if isinstance(answer, str) else None

    def _forms(self, question: dict[str, Any]) -> list[str]:
        """The key, then every other accepted form."""
        answer = question["answer"]
        return [answer, *[a for a in question.get("accepted") or [] if a != answer]]

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        return ["=" + tools.answer_text(form, "100", arrow=True) for form in self._forms(question)]

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        if block.markers != {"="}:
            return None
        # Moodle writes full marks "=%100%…"; a form worth 0 % (feedback for a wrong answer)
        # is left out
        forms = []
        for _, raw in block.answers:
            weight, raw = block.weighted(raw)
            if weight is None or weight >= 1:
                forms.append(block.formatted(raw))
            elif weight > 0:
                raise ValueError("a short answer with partial credit (=%50%…) is not supported")
        if not forms:
            raise ValueError("a short answer needs an answer worth 100 %")
        return {"type": self.name, "answer": forms[0], "accepted": forms[1:]}

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        element = tools.head("shortanswer", question)
        tools.sub(element, "usecase", "0")
        for form in self._forms(question):
            # Moodle reads "*" as a wildcard
            tools.answer(element, 1.0, form.replace("*", "\\*"), tools.AUTO)
        return element, []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        forms = [
            (a.findtext("text") or "").strip().replace("\\*", "*")
            for a in element.findall("answer")
            if tools.fraction(a) >= 1
        ]
        if not forms:
            raise ValueError("a short answer needs an answer worth 100 %")
        return {"type": self.name, "answer": forms[0], "accepted": forms[1:]}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        # every accepted form, and the variants of them the grading accepts, mapped to 1
        answer = question["answer"]
        forms = list(dict.fromkeys([answer, *(question.get("accepted") or [])]))
        declaration = tools.declaration("single", "string", [answer])
        mapping = tools.el(declaration, "mapping", defaultValue="0", upperBound="1")
        for form in mapped_forms(forms):
            tools.el(mapping, "mapEntry", mapKey=form, mappedValue="1", caseSensitive="false")
        tools.el(body, "p", question["stem"])
        tools.el(
            tools.el(body, "p"),
            "textEntryInteraction",
            responseIdentifier="RESPONSE",
            expectedLength=str(max(len(form) for form in forms)),
        )
        return declaration, "map_response"
