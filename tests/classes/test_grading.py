"""Essays graded by hand: awaiting grading until graded, then counted; the grading queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.classes.assignments import start_assignment
from app.classes.grading import GradingConflict, GradingError, check_grade, grade_response
from app.extensions import db
from app.models import (
    Assignment,
    Attempt,
    GradingState,
    Response,
    ResponseGrade,
    ReviewCard,
    SectionProgress,
    User,
    utcnow,
)
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from tests.classes.conftest import login
from tests.classes.test_assignments import make_assignment
from tests.factories import QUESTION_DEFAULTS, make_question

ESSAY_TEXT = "They recalled Ljubljana and Genoa.\nThat shows the new text builds on the old."


def _essay_assignment(app, world, **fields) -> tuple[int, str, str]:
    """An assignment hand-picking a multiple-choice question and an essay (3 criteria)."""
    with app.app_context():
        choice = make_question(type="multiple_choice", status="approved", section=_section(world))
        essay = make_question(type="essay", status="approved", section=_section(world))
        db.session.commit()
        ids = [choice.id, essay.id]
    assignment_id = make_assignment(app, world, question_ids=ids, count=2, **fields)
    return assignment_id, ids[0], ids[1]


def _section(world):
    from app.models import Section

    return db.session.get(Section, world.section_id)


def _hand_in(app, assignment_id: int, user_id: int, *, essay: str = ESSAY_TEXT, when=None) -> int:
    """The learner answers the multiple choice right, writes the essay and finishes."""
    when = when or utcnow()
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, user_id), when)
        for served in attempt.served_questions:
            kind = served.version.question.type
            raw = essay if kind == "essay" else QUESTION_DEFAULTS[kind]["answer"]
            save_answer(db.session, attempt, served, raw, when)
        attempt = finish_attempt(db.session, attempt, when)
        db.session.commit()
        return attempt.id


def _essay_response(app, attempt_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(Response.id).where(
                Response.attempt_id == attempt_id, Response.grading != GradingState.AUTO
            )
        )


def test_a_finished_essay_awaits_grading_and_progress_leaves_it_out(app, world):
    assignment_id, choice_id, essay_id = _essay_assignment(app, world)
    ana = world.learner_ids[0]
    attempt_id = _hand_in(app, assignment_id, ana)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.ungraded == 1 and attempt.awaiting_grading
        assert (attempt.score, attempt.max_score) == (1.0, 2)
        essay = db.session.get(Response, _essay_response(app, attempt_id))
        assert essay.grading is GradingState.AWAITING and essay.answer == ESSAY_TEXT
        # mastery counted the multiple choice alone (1 of 1), no review card for the essay
        progress = db.session.scalars(sa.select(SectionProgress)).one()
        assert progress.best_score == 1.0 and progress.attempts_count == 1
        cards = set(db.session.scalars(sa.select(ReviewCard.question_id)))
        assert cards == {choice_id}


def test_grading_counts_the_essay_everywhere(app, client, world):
    assignment_id, choice_id, essay_id = _essay_assignment(app, world)
    ana = world.learner_ids[0]
    attempt_id = _hand_in(app, assignment_id, ana)
    response_id = _essay_response(app, attempt_id)
    login(client, "teacher")
    book = client.get(f"/classes/{world.cohort_id}/gradebook.csv").get_data(as_text=True)
    assert "awaiting grading" in book
    page = client.get(f"/classes/{world.cohort_id}/grading/{response_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Says what recalling it does" in text and "builds on the old" in text
    saved = client.post(
        f"/classes/{world.cohort_id}/grading/{response_id}",
        data={"points": "1.5", "comment": "Clear and well supported.", "revision": "0"},
    )
    assert saved.status_code == 302
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.ungraded == 0 and attempt.score == pytest.approx(1.5)
        grade = db.session.get(ResponseGrade, response_id)
        assert (grade.points, grade.max_points, grade.revision) == (1.5, 3, 1)
        # the section's level replayed with the essay: (1 + 0.5) of 2
        assert db.session.scalars(sa.select(SectionProgress)).one().best_score == 0.75
        assert grade.comment == "Clear and well supported."
        assert db.session.get(Response, response_id).grading is GradingState.GRADED
        cards = set(db.session.scalars(sa.select(ReviewCard.question_id)))
        assert cards == {choice_id, essay_id}
    book = client.get(f"/classes/{world.cohort_id}/gradebook.csv").get_data(as_text=True)
    assert "awaiting grading" not in book and "ana,75," in book


@pytest.mark.parametrize(
    ("points", "comment", "message"),
    [
        ("4", "", "above the maximum, 3"),
        ("-1", "", "below 0"),
        ("lots", "", "a number from 0 to 3"),
        ("nan", "", "below 0"),
        ("2", "x" * 2001, "at most 2000"),
    ],
)
def test_a_bad_grade_is_refused_on_the_form_and_nothing_is_saved(
    app, client, world, points, comment, message
):
    assignment_id, _choice, _essay = _essay_assignment(app, world)
    response_id = _essay_response(app, _hand_in(app, assignment_id, world.learner_ids[0]))
    login(client, "teacher")
    refused = client.post(
        f"/classes/{world.cohort_id}/grading/{response_id}",
        data={"points": points, "comment": comment, "revision": "0"},
    )
    assert refused.status_code == 400
    assert message in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ResponseGrade, response_id) is None
        assert db.session.get(Response, response_id).grading is GradingState.AWAITING


def test_the_second_of_two_graders_is_told_and_loses(app, client, world):
    assignment_id, _choice, _essay = _essay_assignment(app, world)
    response_id = _essay_response(app, _hand_in(app, assignment_id, world.learner_ids[0]))
    login(client, "teacher")
    url = f"/classes/{world.cohort_id}/grading/{response_id}"
    # both opened the form on revision 0; the first saves, then the second
    first = client.post(url, data={"points": "1", "comment": "First.", "revision": "0"})
    second = client.post(url, data={"points": "3", "comment": "Second.", "revision": "0"})
    assert first.status_code == 302 and second.status_code == 409
    assert "Someone else graded this answer" in second.get_data(as_text=True)
    with app.app_context():
        grade = db.session.get(ResponseGrade, response_id)
        assert (grade.points, grade.comment, grade.revision) == (1.0, "First.", 1)
    # a regrade on the latest revision is taken
    again = client.post(url, data={"points": "2.5", "comment": "Regraded.", "revision": "1"})
    assert again.status_code == 302
    with app.app_context():
        grade = db.session.get(ResponseGrade, response_id)
        assert (grade.points, grade.revision) == (2.5, 2)
        assert db.session.get(Response, response_id).score == pytest.approx(2.5 / 3)


def test_the_write_layer_refuses_a_stale_revision_and_an_automatic_answer(app, world):
    assignment_id, _choice, _essay = _essay_assignment(app, world)
    attempt_id = _hand_in(app, assignment_id, world.learner_ids[0])
    response_id = _essay_response(app, attempt_id)
    with app.app_context():
        teacher = db.session.get(User, world.teacher_id)
        response = db.session.get(Response, response_id)
        grade_response(db.session, response, points=2, comment="", revision=0, grader=teacher,
                       now=utcnow())  # fmt: skip
        db.session.commit()
        response = db.session.get(Response, response_id)
        with pytest.raises(GradingConflict):
            grade_response(db.session, response, points=1, comment="", revision=0,
                           grader=teacher, now=utcnow())  # fmt: skip
        db.session.rollback()
        automatic = db.session.scalar(
            sa.select(Response).where(
                Response.attempt_id == attempt_id, Response.grading == GradingState.AUTO
            )
        )
        with pytest.raises(GradingError, match="not by hand"):
            grade_response(db.session, automatic, points=1, comment="", revision=0,
                           grader=teacher, now=utcnow())  # fmt: skip


def test_check_grade_takes_decimals_within_the_maximum():
    assert check_grade("2.5", "  Good.  ", 3).points == 2.5
    assert check_grade(0, None, 3).comment == ""
    for bad in ("", None, True, "inf", "3.01"):
        with pytest.raises(GradingError):
            check_grade(bad, "", 3)


def test_the_queue_lists_waiting_first_and_next_goes_to_them(app, client, world):
    assignment_id, _choice, essay_id = _essay_assignment(app, world)
    ana, ben = world.learner_ids
    earlier = utcnow() - timedelta(minutes=30)
    ana_response = _essay_response(app, _hand_in(app, assignment_id, ana, when=earlier))
    ben_response = _essay_response(app, _hand_in(app, assignment_id, ben))
    login(client, "teacher")
    queue = client.get(f"/classes/{world.cohort_id}/grading?assignment={assignment_id}")
    text = queue.get_data(as_text=True)
    assert queue.status_code == 200 and "2 waiting" in text
    assert text.index(">ana<") < text.index(">ben<")  # the oldest first
    following = client.get(f"/classes/{world.cohort_id}/grading/next?question={essay_id}")
    assert following.headers["Location"].endswith(f"/grading/{ana_response}?question={essay_id}")
    saved = client.post(
        f"/classes/{world.cohort_id}/grading/{ana_response}?question={essay_id}",
        data={"points": "2", "comment": "", "revision": "0"},
    )
    assert saved.headers["Location"].endswith(f"/grading/{ben_response}?question={essay_id}")
    text = client.get(f"/classes/{world.cohort_id}/grading").get_data(as_text=True)
    assert text.index(">ben<") < text.index(">ana<")  # graded ones after the waiting one
    assert client.get(f"/classes/{world.cohort_id}/grading?assignment=999").status_code == 404
    assert client.get(f"/classes/{world.cohort_id}/grading?assignment=x").status_code == 400


def test_another_instructor_cannot_grade_the_class(app, client, world):
    from app.models import Role
    from tests.factories import make_user

    assignment_id, _choice, _essay = _essay_assignment(app, world)
    response_id = _essay_response(app, _hand_in(app, assignment_id, world.learner_ids[0]))
    with app.app_context():
        make_user(username="other", role=Role.INSTRUCTOR)
        db.session.commit()
    login(client, "other")
    url = f"/classes/{world.cohort_id}/grading/{response_id}"
    assert client.get(url).status_code == 403
    refused = client.post(url, data={"points": "3", "comment": "", "revision": "0"})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.get(ResponseGrade, response_id) is None


def test_essays_are_never_drawn_at_random_nor_due_for_review(app, world):
    from app.progress.schedule import due_question_ids
    from app.quiz.starting import build_attempt

    with app.app_context():
        essay = make_question(type="essay", status="approved", section=_section(world))
        db.session.commit()
        ana = db.session.get(User, world.learner_ids[0])
        attempt = build_attempt(db.session, ana, [world.section_id], "practice", 50, now=utcnow())
        assert essay.id not in {s.question_id for s in attempt.served_questions}
        db.session.add(ReviewCard(user_id=ana.id, question_id=essay.id, due=utcnow(),
                                  card={}))  # fmt: skip
        db.session.flush()
        assert essay.id not in due_question_ids(db.session, ana.id, utcnow() + timedelta(days=1))


def test_the_learner_sees_awaiting_grading_then_the_grade_in_their_downloads(app, client, world):
    assignment_id, _choice, _essay = _essay_assignment(app, world)
    response_id = _essay_response(app, _hand_in(app, assignment_id, world.learner_ids[0]))
    login(client, "ana")
    assert "Awaiting grading" in client.get(f"/classes/assignments/{assignment_id}").text
    assert "awaiting grading" in client.get("/progress/").text
    mine = client.get("/progress/my-data?format=csv&bom=0").text.splitlines()
    assert mine[0].endswith(",response,grading,comment")
    essay_row = next(line for line in mine if "builds on the old" in line)
    assert essay_row.endswith(",awaiting,")
    login(client, "teacher")
    client.post(
        f"/classes/{world.cohort_id}/grading/{response_id}",
        data={"points": "2", "comment": "=Good, but cite a paragraph.", "revision": "0"},
    )
    login(client, "ana")
    assert "Awaiting grading" not in client.get(f"/classes/assignments/{assignment_id}").text
    mine = client.get("/progress/my-data?format=csv&bom=0").text
    assert ",graded,'=Good, but cite a paragraph." in mine.replace('"', "")
    data = client.get("/progress/my-data?format=json").get_json()
    essay = next(r for r in data["responses"] if r["grading"] != "auto")
    assert (essay["grading"], essay["comment"]) == ("graded", "=Good, but cite a paragraph.")
