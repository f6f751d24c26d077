"""Export tests: a class with finished attempts over every question type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from app.extensions import db
from app.models import Question, Role
from tests.factories import (
    make_bank,
    make_cohort,
    make_finished_attempt,
    make_question,
    make_section,
    make_user,
)


@dataclass
class ClassData:
    instructor_id: int
    cohort_id: int
    cohort_code: str
    other_cohort_id: int
    section_id: str
    responses: int


@pytest.fixture
def class_data(app: Flask) -> ClassData:
    """A cohort of two learners (one also in another instructor's cohort) and their answers."""
    with app.app_context():
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        ada = make_user(username="ada")
        tricky = make_user(username='=HYPERLINK("http://x")')
        section = make_bank(make_section(id="foundation", title="Foundation"))
        questions = {q.type: q for q in section_questions(section.id)}
        mc, sa_, tf = (
            questions["multiple_choice"],
            questions["short_answer"],
            questions["true_false"],
        )
        cohort = make_cohort(instructor=teacher, name="Period 3", members=[ada, tricky])
        other = make_cohort(name="Elsewhere", members=[tricky])
        make_finished_attempt(
            user=ada,
            answers=[(mc, 1.0, mc.current.answer), (sa_, 0.0, "-2+3"), (tf, 1.0, True)],
            started_at=datetime(2026, 2, 1, 10, 0, tzinfo=UTC),
        )
        make_finished_attempt(
            user=tricky,
            answers=[
                (questions["matching"], 0.5, [["Genoa", "São Paulo"]]),
                (questions["ordering"], 1.0, None),
            ],
            started_at=datetime(2026, 2, 3, 10, 0, tzinfo=UTC),
        )
        db.session.commit()
        return ClassData(teacher.id, cohort.id, cohort.join_code, other.id, section.id, 4)


def section_questions(section_id: str):
    """The questions of a section, by id."""

    return list(
        db.session.scalars(
            sa.select(Question).where(Question.section_id == section_id).order_by(Question.id)
        )
    )


__all__ = ["ClassData", "make_question", "section_questions"]
