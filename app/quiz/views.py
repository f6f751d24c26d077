"""What quiz pages and the API show of a served question: public parts, then feedback."""

from __future__ import annotations

from typing import Any

from flask import url_for

from ..models import AttemptMode, GradingState
from .attempts import AttemptRow, ServedRow, question_type


def lesson_link(served: ServedRow) -> str | None:
    """The lesson paragraph the question comes from, highlighted (None when unknown)."""
    source = served.version.source or {}
    section_id = source.get("section_id") or served.version.question.section_id
    paragraph = source.get("paragraph")
    # a question drawn from the lesson's own notes (kind "lesson") numbers the lesson's
    # paragraphs, not the declaration's ¶ that ?p= highlights
    if not paragraph or source.get("kind") == "lesson":
        return url_for("lessons.show", section_id=section_id)
    return url_for("lessons.show", section_id=section_id, p=paragraph, _anchor=f"p-{paragraph}")


def key_text(served: ServedRow) -> str:
    """The right answer in words, for feedback (a short answer's key only, never its variants)."""
    qtype = question_type(served)
    return qtype.in_words(qtype.key(served.version))


def answer_text(served: ServedRow) -> str:
    """The learner's saved answer in words ("" when unanswered)."""
    if served.response is None:
        return ""
    return question_type(served).in_words(served.response.answer)


def question_view(
    attempt: AttemptRow, served: ServedRow, answers_open: bool = True
) -> dict[str, Any]:
    """The served question as shown now: feedback only once it is allowed."""
    view: dict[str, Any] = {
        "question_id": served.question_id,
        "position": served.position,
        **question_type(served).public(served.version, served.choice_order),
        "answered": served.response is not None,
    }
    if attempt.mode.value == "test" and not attempt.finished and served.response:
        view["answer"] = served.response.answer  # a test page shows what is saved
    if feedback_allowed(attempt, served, answers_open):
        response = served.response
        qtype = question_type(served)
        answer = response.answer if response else None
        source = served.version.source or {}
        view.update(
            answer=response.answer if response else None,
            answer_text=answer_text(served),
            score=response.score if response else 0.0,
            correct=bool(response and response.correct),
            key=served.version.answer,
            key_text=key_text(served),
            explanation=served.version.explanation,
            lesson_url=lesson_link(served),
            marks=qtype.marks(served.version, served.choice_order or [], answer),
            credit_note=qtype.credit_note(served.version, answer) if response else "",
            quote=source.get("quote") or "",
            quote_from="the lesson" if source.get("kind") == "lesson" else "the declaration",
        )
        if response is not None and qtype.graded_by_hand:
            view.update(hand_grade(served))
    return view


def hand_grade(served: ServedRow) -> dict[str, Any]:
    """An answer an instructor grades: awaiting (also before its attempt is finished) or
    graded, the points and the grader's comment."""
    response, grade = served.response, served.response.grade
    graded = response.grading is GradingState.GRADED
    return {
        "grading": "graded" if graded else "awaiting",
        "points": grade.points if grade else None,
        "max_points": question_type(served).max_points(served.version),
        "comment": grade.comment if grade else "",
    }


def feedback_allowed(attempt: AttemptRow, served: ServedRow, answers_open: bool = True) -> bool:
    """Keys and explanations show once a practice answer is in, or once the attempt is over,
    unless its assignment keeps them back (``answers_open`` false, see quiz.visibility)."""
    if not answers_open:
        return False
    if attempt.finished:
        return True
    return attempt.mode is AttemptMode.PRACTICE and served.response is not None
