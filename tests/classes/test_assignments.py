"""Assignments: giving a class a quiz, learners starting it, late work, answers held back."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from app.classes.assignments import StartRefused, start_assignment
from app.extensions import db
from app.models import Assignment, Attempt, AttemptMode, Question, ShowAnswers, User, utcnow
from app.quiz.answers import save_answer
from app.quiz.attempts import served_at
from app.quiz.finishing import finish_attempt
from tests.classes.conftest import login
from tests.conftest import app_on_same_database
from tests.factories import DEFAULT_PASSWORD

NOW = utcnow()


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def form(world, **changes) -> dict:
    """A valid assignment form: a 20-minute test of 4 questions, open now, due in two days."""
    data = {
        "title": "Week 1 test",
        "section_ids": [world.section_id],
        "count": "4",
        "mode": "test",
        "time_limit": "20",
        "opens_local": _local(NOW - timedelta(days=1)),
        "due_local": _local(NOW + timedelta(days=2)),
        "attempts_allowed": "1",
        "show_answers": "after_due",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Assignment))


def make_assignment(app, world, **fields) -> int:
    values = {
        "cohort_id": world.cohort_id, "title": "Quiz", "section_ids": [world.section_id],
        "question_ids": None, "count": 4, "mode": AttemptMode.TEST, "time_limit": 20,
        "opens_at": NOW - timedelta(days=1), "due_at": NOW + timedelta(days=1),
        "attempts_allowed": 1, "show_answers": ShowAnswers.AFTER_DUE, **fields,
    }  # fmt: skip
    with app.app_context():
        assignment = Assignment(**values)
        db.session.add(assignment)
        db.session.commit()
        return assignment.id


def test_an_instructor_assigns_a_test_in_the_class_time_zone(app, client, world):
    login(client, "teacher")
    opens = datetime(2026, 12, 14, 9, 0)
    response = client.post(
        f"/classes/{world.cohort_id}/assignments",
        data=form(world, opens_local=_local(opens), due_local="2026-12-15T17:30"),
    )
    assert response.status_code == 302
    with app.app_context():
        assignment = db.session.scalars(sa.select(Assignment)).one()
        # Paris is UTC+1 in December: 09:00 there is 08:00 UTC
        assert assignment.opens_at == datetime(2026, 12, 14, 8, 0, tzinfo=UTC)
        assert assignment.due_at == datetime(2026, 12, 15, 16, 30, tzinfo=UTC)
        assert (assignment.mode, assignment.time_limit, assignment.count) == (
            AttemptMode.TEST, 20, 4,
        )  # fmt: skip
        assert assignment.show_answers is ShowAnswers.AFTER_DUE
    page = client.get(f"/classes/{world.cohort_id}/assignments").get_data(as_text=True)
    assert "Week 1 test" in page and "15 Dec 2026, 17:30" in page and "Europe/Paris" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_local": _local(NOW - timedelta(days=2))}, "must come after the opening date"),
        ({"time_limit": "0"}, "A time limit is from 1 to 180 minutes"),
        ({"time_limit": "1440"}, "A time limit is from 1 to 180 minutes"),
        ({"section_ids": ["empty"]}, "No approved questions yet in: Nothing approved"),
        ({"section_ids": None}, "Choose at least one section"),
        ({"mode": "practice"}, "Only tests have a time limit"),
        ({"attempts_allowed": "0"}, "Allow from 1 to 10 attempts"),
        ({"count": "abc"}, "Not a valid integer value"),
    ],
)
def test_bad_assignments_are_refused_with_a_message_and_nothing_saved(
    app, client, world, changes, message
):
    login(client, "teacher")
    response = client.post(f"/classes/{world.cohort_id}/assignments", data=form(world, **changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count(app) == 0


def test_a_section_whose_questions_are_all_rejected_cannot_be_assigned(app, client, world):
    with app.app_context():
        db.session.execute(sa.update(Question).values(status="rejected"))
        db.session.commit()
    login(client, "teacher")
    response = client.post(f"/classes/{world.cohort_id}/assignments", data=form(world))
    assert response.status_code == 400
    assert "No approved questions yet in: Preamble" in response.get_data(as_text=True)
    assert _count(app) == 0


def test_only_the_class_instructor_manages_its_assignments(app, client, world, auth):
    auth.create("other", role="instructor")
    login(client, "other")
    assert client.get(f"/classes/{world.cohort_id}/assignments").status_code == 403
    assert (
        client.post(f"/classes/{world.cohort_id}/assignments", data=form(world)).status_code == 403
    )
    login(client, "ana")
    assert client.get(f"/classes/{world.cohort_id}/assignments").status_code == 403
    assert _count(app) == 0


def test_learners_see_what_is_due_first_and_take_a_timed_test(app, client, world):
    later = make_assignment(app, world, title="Later quiz", due_at=NOW + timedelta(days=5))
    sooner = make_assignment(app, world, title="Sooner test", due_at=NOW + timedelta(hours=5))
    login(client, "ana")
    page = client.get("/next").get_data(as_text=True)
    assert page.index("Sooner test") < page.index("Later quiz")
    response = client.post(f"/classes/assignments/{sooner}/start")
    assert response.status_code == 302 and "/quiz/attempts/" in response.location
    with app.app_context():
        attempt = db.session.scalars(sa.select(Attempt)).one()
        assert (attempt.assignment_id, attempt.attempt_number) == (sooner, 1)
        assert attempt.deadline - attempt.started_at == timedelta(minutes=20)
        assert len(attempt.served_questions) == 4
    # starting again resumes the same attempt
    assert client.post(f"/classes/assignments/{sooner}/start").location == response.location
    assert later != sooner


def test_the_attempts_allowed_are_all_a_learner_gets(app, world):
    assignment_id = make_assignment(app, world, attempts_allowed=1)
    with app.app_context():
        assignment, ana = (
            db.session.get(Assignment, assignment_id),
            db.session.get(User, world.learner_ids[0]),
        )
        finish_attempt(db.session, start_assignment(db.session, assignment, ana, NOW), NOW)
        with pytest.raises(StartRefused, match="used the 1 attempt"):
            start_assignment(db.session, assignment, ana, NOW)


def test_an_assignment_not_open_yet_or_of_another_class_cannot_be_started(app, client, world):
    future = make_assignment(
        app, world, opens_at=NOW + timedelta(days=1), due_at=NOW + timedelta(days=2)
    )
    login(client, "ana")
    response = client.post(f"/classes/assignments/{future}/start", follow_redirects=True)
    assert "This assignment opens on" in response.get_data(as_text=True)
    with app.app_context():
        outsider = User(username="outsider", role="student")
        outsider.set_password("correct-horse-battery")
        db.session.add(outsider)
        db.session.commit()
    login(client, "outsider")
    assert client.get(f"/classes/assignments/{future}").status_code == 404
    assert client.post(f"/classes/assignments/{future}/start").status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 0


def test_late_work_is_marked_late_and_missing_work_missing(app, client, world):
    due = NOW - timedelta(hours=1)
    assignment_id = make_assignment(
        app, world, opens_at=NOW - timedelta(days=2), due_at=due, time_limit=None
    )
    with app.app_context():
        assignment, ana = (
            db.session.get(Assignment, assignment_id),
            db.session.get(User, world.learner_ids[0]),
        )
        finish_attempt(db.session, start_assignment(db.session, assignment, ana, NOW), NOW)
        db.session.commit()
    login(client, "ana")
    page = client.get(f"/classes/assignments/{assignment_id}").get_data(as_text=True)
    assert "Late" in page and "Done" in page
    login(client, "ben")
    assert "Missing" in client.get("/next").get_data(as_text=True)


def _finished_review(app, client, world, show: ShowAnswers, due_at: datetime) -> str:
    assignment_id = make_assignment(app, world, show_answers=show, due_at=due_at,
                                    opens_at=NOW - timedelta(days=3))  # fmt: skip
    login(client, "ana")
    take = client.post(f"/classes/assignments/{assignment_id}/start").location
    attempt_id = int(take.rstrip("/").split("/")[-1])
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    return client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)


def test_answers_after_the_due_date_are_held_back_until_then(app, client, world):
    page = _finished_review(app, client, world, ShowAnswers.AFTER_DUE, NOW + timedelta(days=1))
    assert "shown after its due date" in page
    assert "Explanation" not in page and "Score:" in page


def test_answers_shown_at_once_and_after_a_past_due_date(app, client, world):
    page = _finished_review(app, client, world, ShowAnswers.AT_ONCE, NOW + timedelta(days=1))
    assert "Explanation" in page
    page = _finished_review(app, client, world, ShowAnswers.AFTER_DUE, NOW - timedelta(minutes=1))
    assert "Explanation" in page


def test_answers_never_shown(app, client, world):
    page = _finished_review(app, client, world, ShowAnswers.NEVER, NOW - timedelta(days=1))
    assert "not shown for this assignment" in page and "Explanation" not in page


def _questions(page: str) -> str:
    return page[page.index("<h1>") : page.index("</ol>")]


def test_an_assignment_keeps_the_versions_it_served_after_a_rejection(app, client, world):
    page_before = _finished_review(app, client, world, ShowAnswers.AT_ONCE, NOW + timedelta(days=1))
    with app.app_context():
        attempt = db.session.scalars(sa.select(Attempt)).one()
        served = {s.question_id: s.version_id for s in attempt.served_questions}
        db.session.execute(sa.update(Question).values(status="rejected"))
        db.session.commit()
        attempt_id = attempt.id
    page_after = client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "Explanation" in page_before
    assert _questions(page_after) == _questions(page_before)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert {s.question_id: s.version_id for s in attempt.served_questions} == served


def test_one_attempt_number_exists_once_in_the_database(app, world):
    assignment_id = make_assignment(app, world)
    row = {"user_id": world.learner_ids[0], "mode": "test", "kind": "section", "state": "finished",
           "section_ids": [], "seed": 1, "started_at": NOW, "max_score": 0,
           "assignment_id": assignment_id, "attempt_number": 1}  # fmt: skip
    with app.app_context():
        db.session.execute(sa.insert(Attempt), [row])
        db.session.commit()
        with pytest.raises(IntegrityError):
            db.session.execute(sa.insert(Attempt), [row])
        db.session.rollback()


def test_concurrent_starts_of_a_one_attempt_assignment_make_one_attempt(app, world):
    assignment_id = make_assignment(app, world)
    apps = [app_on_same_database(app) for _ in range(2)]
    others = [next(gen) for gen in apps]
    for round_ in range(6):
        barrier, outcomes = threading.Barrier(2), []

        def start(other, user_id=world.learner_ids[round_ % 2], barrier=barrier, outcomes=outcomes):
            with other.app_context():
                assignment = db.session.get(Assignment, assignment_id)
                user = db.session.get(User, user_id)
                barrier.wait()
                try:
                    outcomes.append(start_assignment(db.session, assignment, user, NOW).id)
                    db.session.commit()
                except (IntegrityError, OperationalError):
                    db.session.rollback()
                    outcomes.append("refused")

        threads = [threading.Thread(target=start, args=(other,)) for other in others]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with app.app_context():
            count = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Attempt)
                .where(Attempt.user_id == world.learner_ids[round_ % 2])
            )
            assert count == 1, outcomes
            db.session.execute(sa.delete(Attempt))
            db.session.commit()
    for gen in apps:
        next(gen, None)


def test_a_practice_assignment_that_never_shows_answers_keeps_them_from_every_page(
    app, client, world
):
    assignment_id = make_assignment(app, world, mode=AttemptMode.PRACTICE, time_limit=None,
                                    show_answers=ShowAnswers.NEVER)  # fmt: skip
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        ana = db.session.get(User, world.learner_ids[0])
        attempt = start_assignment(db.session, assignment, ana, NOW)
        first = served_at(attempt, 1)
        save_answer(db.session, attempt, first, first.version.answer, NOW)
        db.session.commit()
        attempt_id = attempt.id
    login(client, "ana")
    url = f"/quiz/attempts/{attempt_id}/questions/1/feedback"
    feedback = client.get(url, follow_redirects=True)
    assert "Your answer is saved." in feedback.get_data(as_text=True)
    assert "Explanation" not in feedback.get_data(as_text=True)
    token = client.post("/api/v1/token", json={"username": "ana", "password": DEFAULT_PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    finished = client.post(f"/api/v1/attempts/{attempt_id}/finish", headers=headers).get_json()
    assert finished["state"] == "finished"
    assert all("key" not in q and "explanation" not in q for q in finished["questions"])
    again = client.get(f"/api/v1/attempts/{attempt_id}", headers=headers).get_json()
    assert all("key" not in q for q in again["questions"])
