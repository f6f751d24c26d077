"""Essay: a free-text answer to a discussion question, graded by an instructor against a short
rubric once the attempt is finished (one point per criterion; see ``classes.grading``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import MAX_TEXT, Content, QuestionType, ResponseError, is_text, lines

MAX_ESSAY = 10_000  # characters of an essay answer (about 1,500 words)
MAX_CRITERIA = 10  # a short rubric


def criteria(answer: Any) -> list[str]:
    """An essay's rubric as a list of criteria (a stored answer of any shape)."""
    if isinstance(answer, list):
        return [str(item) for item in answer]
    return [str(answer)] if answer else []


class Essay(QuestionType):
    """A discussion question answered in the learner's own words and graded by hand."""

    name = "essay"
    label = "Essay (graded by hand)"
    json_answer = f"a text (at most {MAX_ESSAY:,} characters), graded later by an instructor"
    answer_label = "Rubric, one criterion per line"
    answer_hint = (
        "The rubric: what a good answer does, one criterion per line; each is worth one point "
        f"(at most {MAX_CRITERIA}). Learners see it with their grade."
    )
    xapi_interaction = "long-fill-in"
    moodle_qtype = "essay"
    gift_read_rank = 1  # "{}": empty braces, before any reader asks for answers
    graded_by_hand = True

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        rubric = data.get("answer")
        problems = []
        if not isinstance(rubric, list) or not rubric or not all(is_text(c) for c in rubric):
            problems.append(
                f"An essay's rubric is one or more criteria, one per line, each at most {MAX_TEXT} "
                "characters."
            )
        elif len(rubric) > MAX_CRITERIA:
            problems.append(f"A rubric has at most {MAX_CRITERIA} criteria.")
        if data.get("choices"):
            problems.append("An essay has no choices.")
        if data.get("accepted"):
            problems.append("An essay has no accepted answers: an instructor grades it.")
        return problems

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        # an empty box is a question left blank
        value = form.get(name)
        return value if isinstance(value, str) and value.strip() else None

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise ResponseError("Write your answer.")
        text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(text) > MAX_ESSAY:
            raise ResponseError(
                f"Answers are at most {MAX_ESSAY:,} characters long (this one has {len(text):,})."
            )
        return text

    def grade(self, version: Content, response: Any) -> float:
        # nothing until an instructor grades it (classes.grading); pure, like every type's
        return 0.0

    def max_points(self, version: Content) -> int:
        return max(1, len(criteria(version.answer)))

    def random_guess_score(self, version: Content) -> float | None:
        return None  # no guessing an essay: left out of the random-guess figures

    def in_words(self, answer: Any) -> str:
        return "\n".join(criteria(answer)) if isinstance(answer, list) else str(answer)

    def answer_from_text(self, text: str) -> list[str]:
        return lines(text)

    # --- the formats: GIFT and Moodle XML essays, QTI extendedTextInteraction, xAPI long-fill-in

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        return {}, answer if isinstance(answer, str) else None

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        return []  # "{}": GIFT's essay

    def gift_meta(self, question: dict[str, Any]) -> dict[str, Any]:
        return {"rubric": criteria(question["answer"])}

    def gift_note(self, question: dict[str, Any]) -> str:
        return "; graded by hand, its rubric in the comment below (Moodle XML: grader information)"

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        if block.body.strip():
            return None
        return {"type": self.name, "answer": []}  # the rubric comes from the comment (meta)

    def with_gift_meta(self, data: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
        rubric = meta.get("rubric")
        return {**data, "answer": rubric if isinstance(rubric, list) else []}

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        element = tools.head("essay", question)
        rubric = criteria(question["answer"])
        tools.sub(element, "responseformat", "plain")
        tools.sub(element, "responserequired", "1")
        tools.sub(element, "responsefieldlines", "15")
        tools.sub(element, "attachments", "0")
        tools.sub(element, "attachmentsrequired", "0")
        tools.text_block(element, "graderinfo", "\n".join(rubric))
        tools.text_block(element, "responsetemplate", "")
        return element, []

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        info = element.find("graderinfo")
        rubric = lines(tools.plain(info)) if info is not None else []
        return {"type": self.name, "answer": rubric}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        declaration = tools.declaration("single", "string", [])
        for empty in declaration.findall("*"):
            declaration.remove(empty)  # no correct response: an instructor scores it
        tools.el(body, "p", question["stem"])
        tools.el(
            body, "extendedTextInteraction", responseIdentifier="RESPONSE",
            expectedLines="15", format="plain",
        )  # fmt: skip
        rubric = tools.el(body, "rubricBlock", view="scorer")
        for criterion in criteria(question["answer"]):
            tools.el(rubric, "p", criterion)
        return declaration, ""
