"""The quiz engine: building, answering, finishing and grading attempts."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import AttemptKind, AttemptMode, AttemptState, QuestionStatus, Response
from app.questions import get_type
from app.quiz.answers import save_answer
from app.quiz.attempts import current_question, load_attempt
from app.quiz.deadlines import seconds_left
from app.quiz.errors import AttemptClosed, AttemptNotFound, QuizError
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.factories import QUESTION_DEFAULTS, make_bank, make_question, make_section, make_user

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
RIGHT = {name: data["answer"] for name, data in QUESTION_DEFAULTS.items()}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def start(user, sections, mode="practice", count=6, **kw):
    return build_attempt(
        db.session, user, [s.id for s in sections], mode, count, now=kw.pop("now", NOW), **kw
    )


def test_attempt_freezes_versions_choice_order_and_seed(ctx):
    section = make_bank(per_type=2)
    user = make_user()
    attempt = start(user, [section], count=6, seed=42)
    assert attempt.kind is AttemptKind.SECTION and attempt.seed == 42
    served = attempt.served_questions
    assert [s.position for s in served] == [1, 2, 3, 4, 5, 6]
    # spread over types: six questions, six different types
    assert Counter(s.version.question.type for s in served) == Counter(list(QUESTION_DEFAULTS))
    mc = next(s for s in served if s.version.question.type == "multiple_choice")
    assert sorted(mc.choice_order) == sorted(mc.version.choices)
    again = start(user, [section], count=6, seed=42)
    assert [(s.question_id, s.choice_order) for s in again.served_questions] == [
        (s.question_id, s.choice_order) for s in served
    ]


def test_only_servable_questions_are_drawn(ctx):
    section = make_section()
    keep = make_question(section=section, status="approved")
    make_question(section=section, status="rejected")
    make_question(section=section).retired = True
    attempt = start(make_user(), [section], count=10)
    assert [s.question_id for s in attempt.served_questions] == [keep.id]
    assert keep.status is QuestionStatus.APPROVED


def test_mixed_quiz_draws_from_every_section(ctx):
    sections = [make_bank(), make_bank(), make_bank()]
    attempt = start(make_user(), sections, count=6)
    assert attempt.kind is AttemptKind.MIXED
    drawn = Counter(s.version.question.section_id for s in attempt.served_questions)
    assert drawn == {s.id: 2 for s in sections}


@pytest.mark.parametrize(
    ("section_ids", "mode", "count", "time_limit", "message"),
    [
        ([], "practice", 5, None, "between 1 and"),
        ("abc", "practice", 5, None, "list of section ids"),
        (["nope"], "practice", 5, None, "Unknown section"),
        (["S"], "exam", 5, None, "mode"),
        (["S"], "test", 0, None, "count"),
        (["S"], "test", 51, None, "count"),
        (["S"], "test", "5", None, "count"),
        (["S"], "test", 5, 0, "time_limit"),
        (["S"], "test", 5, 500, "time_limit"),
        (["S"], "practice", 5, 10, "Only tests"),
    ],
)
def test_bad_requests_are_refused(ctx, section_ids, mode, count, time_limit, message):
    make_bank(make_section(id="s"))
    ids = [i.lower() for i in section_ids] if isinstance(section_ids, list) else section_ids
    with pytest.raises(QuizError, match=message):
        build_attempt(db.session, make_user(), ids, mode, count, time_limit=time_limit, now=NOW)


def test_empty_section_is_a_clear_error(ctx):
    section = make_section()
    with pytest.raises(QuizError, match="no questions"):
        start(make_user(), [section])


def answer_all(attempt, right=True, now=NOW):
    for served in attempt.served_questions:
        qtype = served.version.question.type
        answer = RIGHT[qtype] if right else wrong_answer(served)
        save_answer(db.session, attempt, served, answer, now)


def wrong_answer(served):
    """A wrong answer of the right shape for a factory question."""
    qtype = served.version.question.type
    key = RIGHT[qtype]
    if qtype == "multiple_choice":
        return next(c for c in served.choice_order if c != key)
    if qtype == "multiple_response":
        return [c for c in served.choice_order if c not in key]
    if qtype == "true_false":
        return not key
    if qtype == "short_answer":
        return "Washington"
    if qtype == "matching":  # each left item with its neighbour's right item
        return [[p[0], q[1]] for p, q in zip(key, key[1:] + key[:1], strict=True)]
    return list(reversed(key))


def test_right_answers_score_full_marks_and_progress(ctx):
    section = make_bank()
    user = make_user()
    attempt = start(user, [section], mode="test")
    answer_all(attempt, right=True)
    finish_attempt(db.session, attempt, NOW + timedelta(minutes=5))
    assert attempt.state is AttemptState.FINISHED
    assert attempt.score == pytest.approx(6) and attempt.max_score == 6
    assert all(s.response.correct for s in attempt.served_questions)


def test_wrong_answers_score_zero(ctx):
    attempt = start(make_user(), [make_bank()], mode="test")
    answer_all(attempt, right=False)
    finish_attempt(db.session, attempt, NOW)
    assert attempt.score == pytest.approx(0)


def test_unanswered_questions_score_zero(ctx):
    attempt = start(make_user(), [make_bank()], mode="test")
    first = attempt.served_questions[0]
    save_answer(db.session, attempt, first, RIGHT[first.version.question.type], NOW)
    finish_attempt(db.session, attempt, NOW)
    assert attempt.score == pytest.approx(1) and attempt.max_score == 6


def test_same_answer_twice_is_recorded_once(ctx):
    attempt = start(make_user(), [make_bank()], mode="practice")
    served = attempt.served_questions[0]
    answer = RIGHT[served.version.question.type]
    first = save_answer(db.session, attempt, served, answer, NOW)
    second = save_answer(db.session, attempt, served, answer, NOW + timedelta(seconds=5))
    assert first is second and first.answered_at == NOW
    assert db.session.query(Response).count() == 1


def test_practice_answers_are_final_test_answers_may_change(ctx):
    section = make_section()
    make_question(section=section)
    practice = start(make_user(), [section], mode="practice")
    served = practice.served_questions[0]
    save_answer(db.session, practice, served, "Quartet", NOW)
    with pytest.raises(AttemptClosed, match="final"):
        save_answer(db.session, practice, served, "NATO-Russia Council", NOW)
    test = start(make_user(), [section], mode="test")
    served = test.served_questions[0]
    save_answer(db.session, test, served, "Quartet", NOW)
    response = save_answer(db.session, test, served, "NATO-Russia Council", NOW)
    assert response.correct and db.session.query(Response).count() == 2


def test_a_choice_not_offered_is_refused_and_nothing_saved(ctx):
    section = make_section()
    make_question(section=section)
    attempt = start(make_user(), [section])
    with pytest.raises(QuizError, match="not offered"):
        save_answer(db.session, attempt, attempt.served_questions[0], "The UN", NOW)
    assert db.session.query(Response).count() == 0


def test_finishing_twice_changes_nothing(ctx):
    attempt = start(make_user(), [make_bank()], mode="test")
    answer_all(attempt)
    finish_attempt(db.session, attempt, NOW)
    finish_attempt(db.session, attempt, NOW + timedelta(hours=1))
    assert attempt.finished_at == NOW and attempt.score == pytest.approx(6)
    served = attempt.served_questions[0]
    with pytest.raises(AttemptClosed, match="finished"):
        save_answer(db.session, attempt, served, wrong_answer(served), NOW)
    # the same answer again is simply the one already recorded
    assert save_answer(db.session, attempt, served, served.response.answer, NOW).correct


def test_deadline_refuses_late_answers_and_finishes_at_the_deadline(ctx):
    attempt = start(make_user(), [make_bank()], mode="test", time_limit=10)
    assert attempt.deadline == NOW + timedelta(minutes=10)
    assert seconds_left(attempt, NOW + timedelta(minutes=4)) == 360
    first, second = attempt.served_questions[:2]
    save_answer(db.session, attempt, first, RIGHT[first.version.question.type], NOW)
    late = NOW + timedelta(minutes=11)
    with pytest.raises(AttemptClosed, match="Time is up"):
        save_answer(db.session, attempt, second, RIGHT[second.version.question.type], late)
    assert second.response is None
    finish_attempt(db.session, attempt, late + timedelta(hours=2))
    assert attempt.finished_at == attempt.deadline and attempt.score == pytest.approx(1)
    assert seconds_left(attempt, late) == 0


def test_current_question_walks_in_order(ctx):
    attempt = start(make_user(), [make_bank()], mode="practice")
    assert current_question(attempt).position == 1
    answer_all(attempt)
    assert current_question(attempt) is None


def test_load_attempt_only_for_its_owner(ctx):
    owner, other = make_user(), make_user()
    attempt = start(owner, [make_bank()])
    db.session.commit()
    assert load_attempt(db.session, attempt.id, owner.id).id == attempt.id
    with pytest.raises(AttemptNotFound):
        load_attempt(db.session, attempt.id, other.id)
    with pytest.raises(AttemptNotFound):
        load_attempt(db.session, 99999, owner.id)


def test_grading_uses_the_frozen_version(ctx):
    from app.bank.versions import new_version

    section = make_section()
    question = make_question(section=section)
    attempt = start(make_user(), [section], mode="test")
    new_version(question, {**QUESTION_DEFAULTS["multiple_choice"], "answer": "Quartet"})
    db.session.flush()
    served = attempt.served_questions[0]
    save_answer(db.session, attempt, served, "NATO-Russia Council", NOW)
    assert served.response.correct
    assert attempt.mode is AttemptMode.TEST


def _answered_by_another_request(attempt, served, answer):
    """Another request saves ``answer`` after this one loaded the attempt (a race)."""
    import sqlalchemy as sa

    assert served.response is None  # loaded before the other request wrote
    with db.engine.begin() as other_request:
        other_request.execute(
            sa.insert(Response).values(
                attempt_id=attempt.id, served_id=served.id, answer=answer, score=0.0,
                correct=False, answered_at=NOW,
            )
        )  # fmt: skip


@pytest.mark.parametrize("mode", ["practice", "test"])
def test_the_same_answer_saved_meanwhile_is_recorded_once_without_error(ctx, mode):
    attempt = start(make_user(), [make_bank()], mode=mode)
    db.session.commit()
    served = attempt.served_questions[0]
    qtype = get_type(served.version.question.type)
    # as the other request saved it: the canonical shape (multiple response: the shown order)
    answer = qtype.validate_response(served.version, served.choice_order, RIGHT[qtype.name])
    _answered_by_another_request(attempt, served, answer)
    save_answer(db.session, attempt, served, answer, NOW)
    db.session.commit()
    assert db.session.query(Response).count() == 1
    assert served.response.answer == answer


def test_a_different_answer_saved_meanwhile_is_replaced_in_a_test(ctx):
    attempt = start(make_user(), [make_bank()], mode="test")
    db.session.commit()
    served = attempt.served_questions[0]
    _answered_by_another_request(attempt, served, wrong_answer(served))
    save_answer(db.session, attempt, served, RIGHT[served.version.question.type], NOW)
    db.session.commit()
    saved = db.session.query(Response).one()
    assert saved.correct and saved.score == 1.0  # the later answer, graded


def test_a_different_answer_saved_meanwhile_stays_in_practice(ctx):
    attempt = start(make_user(), [make_bank()], mode="practice")
    db.session.commit()
    served = attempt.served_questions[0]
    first = wrong_answer(served)
    _answered_by_another_request(attempt, served, first)
    with pytest.raises(AttemptClosed, match="final"):
        save_answer(db.session, attempt, served, RIGHT[served.version.question.type], NOW)
    db.session.rollback()
    assert db.session.query(Response).one().answer == first


def test_a_duplicate_insert_that_still_fails_is_answered_409(app, ctx):
    """Without ON CONFLICT (another database) the unique served_id fails the second insert."""
    from sqlalchemy.exc import IntegrityError

    from app.api.routes import concurrent_write as api_handler
    from app.quiz.routes import concurrent_write as page_handler

    attempt = start(make_user(), [make_bank()], mode="test")
    db.session.commit()
    served, attempt_id = attempt.served_questions[0], attempt.id
    _answered_by_another_request(attempt, served, None)
    db.session.add(Response(attempt_id=attempt_id, served_id=served.id, answer=None))
    with pytest.raises(IntegrityError) as raised:
        db.session.flush()
    with app.test_request_context(f"/quiz/attempts/{attempt_id}/answers", method="POST"):
        assert page_handler(raised.value)[1] == 409
        body, status = api_handler(raised.value)
        assert status == 409 and "another request" in body.get_json()["error"]
    assert db.session.query(Response).count() == 1
