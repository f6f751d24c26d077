"""Two instructors grade one essay at the same moment, each in its own database session: the
database takes one grade, the other is told (GradingConflict) and writes nothing."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.classes.grading import GradingConflict, grade_response
from app.extensions import db
from app.models import Attempt, Response, ResponseGrade, User, utcnow
from tests.classes.test_grading import _essay_assignment, _essay_response, _hand_in


def test_two_graders_at_once_one_grade_is_taken(app, world):
    assignment_id, _choice, _essay = _essay_assignment(app, world)
    attempt_id = _hand_in(app, assignment_id, world.learner_ids[0])
    response_id = _essay_response(app, attempt_id)
    with app.app_context():
        engine = db.engine
    both_read = threading.Barrier(2)
    outcomes: list[str] = []

    def grade(points: float) -> None:
        with Session(engine) as session:
            response = session.get(Response, response_id)  # both read revision 0
            grader = session.get(User, world.teacher_id)
            response.served.version.question  # noqa: B018  (loaded before the race)
            both_read.wait()
            try:
                grade_response(session, response, points=points, comment=f"{points}",
                               revision=0, grader=grader, now=utcnow())  # fmt: skip
                session.commit()
                outcomes.append("taken")
            except GradingConflict:
                session.rollback()
                outcomes.append("told")

    with app.app_context():
        threads = [threading.Thread(target=grade, args=(p,)) for p in (1.0, 3.0)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["taken", "told"]
        db.session.expire_all()
        grade_row = db.session.get(ResponseGrade, response_id)
        assert grade_row.revision == 1 and grade_row.comment == f"{grade_row.points}"
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.ungraded == 0
        assert attempt.score == 1.0 + grade_row.points / 3
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ResponseGrade)) == 1
