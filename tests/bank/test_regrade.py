"""Regrading: accept another answer, preview whose scores change, apply, log; progress follows."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.bank.regrade import (
    RegradeConflict,
    RegradeError,
    accept_answer,
    apply_regrade,
    plan_regrade,
)
from app.bank.review import edit_question
from app.extensions import db
from app.models import (
    Attempt,
    MasteryLevel,
    Question,
    Regrade,
    RegradeChange,
    Response,
    ReviewCard,
    Role,
    SectionProgress,
    User,
)
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.conftest import PASSWORD
from tests.factories import make_cohort, make_question, make_section, make_user

NOW = datetime(2026, 5, 24, 12, 0, tzinfo=UTC)
STEM = "In which building of Moscow were the talks held?"


def _take(user, questions, answers, when):
    """A finished section quiz of ``user`` through the quiz engine: progress and cards too."""
    attempt = build_attempt(
        db.session, user, [questions[0].section_id], "practice", len(questions),
        question_ids=[q.id for q in questions], now=when,
    )  # fmt: skip
    for served in attempt.served_questions:
        save_answer(db.session, attempt, served, answers[served.question_id], when)
    finish_attempt(db.session, attempt, when + timedelta(minutes=1))
    return attempt


@pytest.fixture
def scene(app):
    """Three learners answered a short answer "Kremlin" and a multiple choice; ids by name."""
    with app.app_context():
        section = make_section()
        short = make_question(
            type="short_answer", section=section, status="approved", stem=STEM,
            answer="Kremlin", accepted=[],
        )  # fmt: skip
        choice = make_question(section=section, status="approved")
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR, password=PASSWORD)
        learners = {
            name: make_user(username=name, password=PASSWORD) for name in ("ana", "boris", "clara")
        }
        make_cohort(instructor=teacher, members=[learners["ana"], learners["boris"]])
        typed = {"ana": "Grand Palace", "boris": "Kremlin", "clara": "Washington"}
        attempts = {}
        for n, (name, user) in enumerate(learners.items()):
            answers = {short.id: typed[name], choice.id: choice.current.answer}
            attempts[name] = _take(user, [short, choice], answers, NOW + timedelta(hours=n))
        db.session.commit()
        return {
            "question": short.id,
            "section": section.id,
            "teacher": teacher.id,
            "users": {name: user.id for name, user in learners.items()},
            "attempts": {name: a.id for name, a in attempts.items()},
        }


def _question(scene) -> Question:
    return db.session.get(Question, scene["question"])


def _progress(scene, name) -> SectionProgress:
    return db.session.get(SectionProgress, (scene["users"][name], scene["section"]))


def test_before_a_regrade_progress_is_what_the_quizzes_gave(app, scene):
    with app.app_context():
        assert db.session.get(Attempt, scene["attempts"]["ana"]).score == 1.0
        ana = _progress(scene, "ana")
        assert (ana.level, ana.best_score) == (MasteryLevel.ATTEMPTED, 0.5)
        assert plan_regrade(db.session, _question(scene)).changes == ()  # nothing to change yet


def test_an_accepted_answer_is_a_new_version_and_the_preview_names_whose_score_changes(app, scene):
    with app.app_context():
        question, teacher = _question(scene), db.session.get(User, scene["teacher"])
        assert accept_answer(db.session, question, "Grand  Palace", instructor=teacher) is True
        assert question.current.number == 2 and question.current.accepted == ["Grand Palace"]
        assert accept_answer(db.session, question, "grand palace", instructor=teacher) is False
        plan = plan_regrade(db.session, question)
        assert [(c.username, c.old, c.new) for c in plan.changes] == [("ana", 0.0, 1.0)]
        (change,) = plan.changes
        assert (change.old_attempt_score, change.new_attempt_score) == (1.0, 2.0)
        assert plan.responses == 3 and plan.learners == 1


def _accept_and_apply(scene, answer="Grand Palace"):
    question, teacher = _question(scene), db.session.get(User, scene["teacher"])
    accept_answer(db.session, question, answer, instructor=teacher)
    plan = plan_regrade(db.session, question)
    log = apply_regrade(db.session, question, token=plan.token, instructor=teacher, now=NOW)
    db.session.commit()
    return log


def test_apply_rescores_the_attempt_and_progress_follows_and_is_logged(app, scene):
    with app.app_context():
        log = _accept_and_apply(scene)
        db.session.expire_all()
        attempt = db.session.get(Attempt, scene["attempts"]["ana"])
        assert attempt.score == 2.0
        (served,) = [s for s in attempt.served_questions if s.question_id == scene["question"]]
        assert (served.response.score, served.response.correct) == (1.0, True)
        ana = _progress(scene, "ana")
        assert (ana.level, ana.best_score, ana.attempts_count) == (MasteryLevel.PROFICIENT, 1.0, 1)
        card = db.session.get(ReviewCard, (scene["users"]["ana"], scene["question"]))
        assert card is not None and card.last_review is not None
        # the others did not move
        assert db.session.get(Attempt, scene["attempts"]["clara"]).score == 1.0
        assert _progress(scene, "clara").level is MasteryLevel.ATTEMPTED
        stored = db.session.get(Regrade, log.id)
        assert stored.instructor_id == scene["teacher"] and stored.version.number == 2
        assert [
            (c.user_id, c.old_score, c.new_score, c.old_attempt_score, c.new_attempt_score)
            for c in stored.changes
        ] == [(scene["users"]["ana"], 0.0, 1.0, 1.0, 2.0)]


def test_a_corrected_key_lowers_scores_too(app, scene):
    with app.app_context():
        question, teacher = _question(scene), db.session.get(User, scene["teacher"])
        content = {
            "stem": STEM, "choices": [], "answer": "the Grand Kremlin Palace", "accepted": [],
            "explanation": "", "source": {},
        }  # fmt: skip
        edit_question(
            db.session, question, section_id=question.section_id, question_type=question.type,
            content=content, author=teacher,
        )  # fmt: skip
        plan = plan_regrade(db.session, question)
        assert [(c.username, c.old, c.new) for c in plan.changes] == [("boris", 1.0, 0.0)]
        apply_regrade(db.session, question, token=plan.token, instructor=teacher, now=NOW)
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(Attempt, scene["attempts"]["boris"]).score == 1.0
        boris = _progress(scene, "boris")
        assert (boris.level, boris.best_score) == (MasteryLevel.ATTEMPTED, 0.5)


def test_a_stale_preview_changes_nothing(app, scene):
    with app.app_context():
        question, teacher = _question(scene), db.session.get(User, scene["teacher"])
        stale = plan_regrade(db.session, question).token  # before the answer is accepted
        accept_answer(db.session, question, "Grand Palace", instructor=teacher)
        db.session.commit()
        with pytest.raises(RegradeConflict):
            apply_regrade(db.session, question, token=stale, instructor=teacher, now=NOW)
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(Regrade.id))) == 0
        assert db.session.get(Attempt, scene["attempts"]["ana"]).score == 1.0


def test_applying_twice_is_refused_the_second_time(app, scene):
    with app.app_context():
        _accept_and_apply(scene)
        question, teacher = _question(scene), db.session.get(User, scene["teacher"])
        again = plan_regrade(db.session, question)
        assert again.changes == ()
        with pytest.raises(RegradeError, match="nothing to regrade"):
            apply_regrade(db.session, question, token=again.token, instructor=teacher, now=NOW)
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(RegradeChange.id))) == 1
        assert db.session.get(Attempt, scene["attempts"]["ana"]).score == 2.0


def test_a_regrade_racing_another_writes_nothing_twice(app, scene):
    """Another instructor's regrade commits between this one's preview check and its write."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            pytest.skip("two writers at once need a server database (TEST_DATABASE_URL)")
        question, teacher = _question(scene), db.session.get(User, scene["teacher"])
        accept_answer(db.session, question, "Grand Palace", instructor=teacher)
        db.session.commit()
        token = plan_regrade(db.session, question).token
        response_id = plan_regrade(db.session, question).changes[0].response_id
        db.session.rollback()
        raced = []

        def before(conn, cursor, statement, parameters, context, executemany):
            if raced or not statement.lstrip().upper().startswith("UPDATE RESPONSES"):
                return
            raced.append(statement)
            with db.engine.begin() as other:
                other.execute(
                    sa.update(Response).where(Response.id == response_id).values(score=1.0)
                )

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            with pytest.raises(RegradeConflict):
                apply_regrade(db.session, question, token=token, instructor=teacher, now=NOW)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
        db.session.rollback()
        assert raced
        assert db.session.scalar(sa.select(sa.func.count(Regrade.id))) == 0


def test_accepting_needs_a_short_answer_and_an_answer(app, scene):
    with app.app_context():
        teacher = db.session.get(User, scene["teacher"])
        choice = make_question()
        with pytest.raises(RegradeError, match="short-answer"):
            accept_answer(db.session, choice, "x", instructor=teacher)
        with pytest.raises(RegradeError, match="Type the answer"):
            accept_answer(db.session, _question(scene), "   ", instructor=teacher)


# ---- pages ----------------------------------------------------------------------------------


def test_pages_accept_preview_apply_and_show_the_log(app, client, auth, scene):
    auth.login("teacher")
    url = f"/instructor/questions/{scene['question']}"
    page = client.get(url).get_data(as_text=True)
    assert "Accept another answer" in page
    accepted = client.post(f"{url}/accepted", data={"answer": "Grand Palace"})
    assert accepted.status_code == 302 and accepted.location.endswith("/regrade")
    preview = client.get(accepted.location).get_data(as_text=True)
    assert "ana" in preview and "0.00 → 1.00" in preview and "1.00 → 2.00" in preview
    assert ">clara<" not in preview and ">ana<" in preview  # her score does not change
    token = _token(preview)
    with app.app_context():
        assert db.session.get(Attempt, scene["attempts"]["ana"]).score == 1.0  # preview only
    done = client.post(f"{url}/regrade", data={"token": token})
    assert done.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "1 response changed score (0.00 → 1.00)" in page and "teacher" in page
    with app.app_context():
        assert db.session.get(Attempt, scene["attempts"]["ana"]).score == 2.0
    again = client.post(f"{url}/regrade", data={"token": token})
    assert again.status_code == 409
    assert "nothing to regrade" in again.get_data(as_text=True)


def _token(page: str) -> str:
    return re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)


def test_learners_of_other_classes_are_not_named(app, client, auth, scene):
    with app.app_context():
        other = make_user(username="other", role=Role.INSTRUCTOR, password=PASSWORD)
        db.session.commit()
        assert other.id
    auth.login("other")
    url = f"/instructor/questions/{scene['question']}"
    client.post(f"{url}/accepted", data={"answer": "Grand Palace"})
    preview = client.get(f"{url}/regrade").get_data(as_text=True)
    assert "a learner of another class" in preview and ">ana<" not in preview


def test_bad_requests(app, client, auth, scene):
    url = f"/instructor/questions/{scene['question']}"
    auth.login("ana")
    assert client.get(f"{url}/regrade").status_code == 403
    assert client.post(f"{url}/accepted", data={"answer": "x"}).status_code == 403
    auth.logout()
    auth.login("teacher")
    assert client.get("/instructor/questions/nope/regrade").status_code == 404
    assert client.post(f"{url}/accepted", data={"answer": ""}).status_code == 400
    assert client.post(f"{url}/regrade", data={"token": "0" * 64}).status_code == 409
    assert client.post(f"{url}/regrade", data={}).status_code == 400
    with app.app_context():
        choice = db.session.scalar(sa.select(Question.id).where(Question.type != "short_answer"))
    response = client.post(f"/instructor/questions/{choice}/accepted", data={"answer": "x"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Regrade.id))) == 0
        assert _question(scene).current.number == 1
