"""An attempt with an essay, launched from an LMS: its score goes back once the essay is
graded (not when it is finished), and again, corrected, after a regrade."""

from __future__ import annotations

import sqlalchemy as sa

from app.bank.versions import new_version
from app.classes.grading import grade_response
from app.extensions import db
from app.lti.models import GradeStatus, LtiGradeSend
from app.models import Attempt, Question, QuestionStatus, Response, ServedQuestion, User, utcnow
from app.quiz.answers import save_answer
from app.quiz.attempts import load_attempt
from tests.factories import ESSAY_DEFAULTS, make_user
from tests.lti.conftest import launch
from tests.lti.test_advantage import _ags, _finish


def _add_essay(app, attempt_id: int) -> None:
    """The launched test serves an essay too, answered (as an assignment's hand-picked one)."""
    with app.app_context():
        question = Question(id="essay-1", section_id="preamble", type="essay",
                            status=QuestionStatus.APPROVED)  # fmt: skip
        db.session.add(question)
        new_version(question, {**ESSAY_DEFAULTS, "explanation": "", "source": {}})
        db.session.flush()
        attempt = db.session.get(Attempt, attempt_id)
        served = ServedQuestion(attempt_id=attempt_id, position=len(attempt.served_questions) + 1,
                                question_id=question.id, version_id=question.current_version_id,
                                choice_order=[])  # fmt: skip
        db.session.add(served)
        db.session.flush()
        rows = load_attempt(db.session, attempt_id, attempt.user_id, question.id)
        (served,) = rows.served_questions
        save_answer(db.session, rows, served, "Because summits build trust.", utcnow())
        db.session.commit()


def _grade(app, attempt_id: int, points: float, revision: int) -> None:
    with app.app_context():
        response = db.session.scalar(
            sa.select(Response).where(Response.attempt_id == attempt_id, Response.grading != "auto")
        )
        grader = db.session.scalar(sa.select(User).where(User.username == "grader"))
        grade_response(db.session, response, points=points, comment="", revision=revision,
                       grader=grader, now=utcnow())  # fmt: skip
        db.session.commit()


def test_the_score_goes_back_once_the_essay_is_graded(app, client, runner, registered, bank):
    registered.line_items.append({"id": f"{registered.url}/courses/course-1/lineitems/1",
                                  "scoreMaximum": 100, "label": "Test"})  # fmt: skip
    started = launch(client, registered, sub="learner-1", resource="test:preamble:10",
                     **_ags(registered, item=True))  # fmt: skip
    attempt_id = int(started.location.rsplit("/", 1)[1])
    _add_essay(app, attempt_id)
    _finish(client, started.location)
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).awaiting_grading
        assert db.session.scalar(sa.select(LtiGradeSend)) is None  # nothing yet
        make_user(username="grader")
        db.session.commit()
    assert registered.scores == []
    _grade(app, attempt_id, 3, revision=0)
    assert runner.invoke(args=["lti", "send-grades"]).exit_code == 0
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert db.session.scalar(sa.select(LtiGradeSend)).status is GradeStatus.SENT
    (score,) = registered.scores
    assert score["scoreGiven"] == attempt.score and score["scoreMaximum"] == attempt.max_score
    _grade(app, attempt_id, 0, revision=1)  # a regrade sends the corrected score
    assert runner.invoke(args=["lti", "send-grades"]).exit_code == 0
    assert registered.scores[-1]["scoreGiven"] == attempt.score - 1
