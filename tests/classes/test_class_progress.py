"""A learner's progress in a class counts from when they joined it."""

from __future__ import annotations

from datetime import UTC, datetime

from app.classes.dashboard import class_grid
from app.extensions import db
from app.models import MasteryLevel, SectionProgress
from tests.factories import (
    make_cohort,
    make_finished_attempt,
    make_question,
    make_section,
    make_user,
)

BEFORE, JOINED, AFTER = (datetime(2026, 3, d, 9, 0, tzinfo=UTC) for d in (1, 10, 20))


def test_work_before_joining_is_left_out_of_the_class_dashboard(app):
    with app.app_context():
        first, second = make_section(), make_section()
        q1, q2 = make_question(section=first), make_question(section=second)
        ana = make_user()
        cohort = make_cohort(members=[ana], joined_at=JOINED)
        make_finished_attempt(user=ana, answers=[(q1, 1.0, "x")], started_at=BEFORE, seconds=600)
        make_finished_attempt(user=ana, answers=[(q2, 1.0, "x")], started_at=AFTER, seconds=60)
        for section, when in ((first, BEFORE), (second, AFTER)):
            level = MasteryLevel.FAMILIAR
            row = SectionProgress(user_id=ana.id, section_id=section.id, level=level)
            row.last_activity = when
            db.session.add(row)
        db.session.flush()
        _sections, (row,) = class_grid(db.session, cohort)
        assert row.attempts == 1 and round(row.seconds) == 60  # julianday() is not exact
        assert row.level(first.id) is MasteryLevel.NOT_STARTED
        assert row.level(second.id) is MasteryLevel.FAMILIAR
