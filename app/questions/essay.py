"""Essay: a free-text answer to a discussion question, graded by an instructor against a short
rubric once the attempt is finished (one point per criterion)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import MAX_TEXT, Content, QuestionType, ResponseError, is_text, lines

MAX_ESSAY = 10_000  # characters of an essay answer (about 1,500 words)
MAX_CRITERIA = 10  # a short rubric


def _criteria(answer: Any) -> list[str]:
    if isinstance(answer, list):
        return [str(item) for item in answer]
    return [str(answer)] if answer else []


class Essay(QuestionType):
    """A discussion question answered in the learner's own words and graded by hand."""

    name = "essay"
    label = "Essay (graded by hand)"
    answer_hint = (
        "The rubric: what a good answer does, one criterion per line; each is worth one point "
        f"(at most {MAX_CRITERIA})."
    )
    xapi_interaction = "long-fill-in"
    moodle_qtype = "essay"
    qti_interaction = "extendedText"
    shuffles_options = False
    graded_by_hand = True

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        rubric = data.get("answer")
        problems = []
        if not isinstance(rubric, list) or not rubric or not all(is_text(c) for c in rubric):
            problems.append(
                f"The rubric is one or more criteria, one per line, each at most {MAX_TEXT} "
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
        return max(1, len(_criteria(version.answer)))

    def random_guess_score(self, version: Content) -> float | None:
        return None  # no guessing an essay: left out of the random-guess figures

    def in_words(self, answer: Any) -> str:
        return "\n".join(_criteria(answer)) if isinstance(answer, list) else str(answer)

    def answer_from_text(self, text: str) -> list[str]:
        return lines(text)
