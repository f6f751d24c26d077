"""Reviewing many questions at once, and moving through a filtered list one question at a time."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.bank.review import review_many
from app.extensions import db
from app.models import Question, QuestionStatus


@pytest.fixture
def teacher(auth, curriculum):
    auth.create("teacher", "instructor")
    auth.login("teacher")


@pytest.fixture(autouse=True)
def reviewed(app, curriculum):
    """Half the bank approved, the rest rejected, by question id order."""
    with app.app_context():
        ids = list(db.session.scalars(sa.select(Question.id).order_by(Question.id)))
        half = set(ids[: len(ids) // 2])
        for question in db.session.scalars(sa.select(Question)):
            approved = question.id in half
            question.status = QuestionStatus.APPROVED if approved else QuestionStatus.REJECTED
            question.reject_reason = "" if approved else "rule 10: set by the test"
        db.session.commit()


def _ids(app, **where) -> list[str]:
    with app.app_context():
        query = sa.select(Question.id).where(Question.retired.is_(False)).order_by(Question.id)
        for name, value in where.items():
            query = query.where(getattr(Question, name) == value)
        return list(db.session.scalars(query))


def _statuses(app, ids) -> dict[str, QuestionStatus]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(Question.id, Question.status).where(Question.id.in_(ids))
        )
        return dict(rows.all())


def test_approve_many_from_the_list(client, teacher, app):
    rejected = _ids(app, status=QuestionStatus.REJECTED)[:3]
    assert len(rejected) == 3
    response = client.post(
        "/instructor/questions/review?status=rejected",
        data={"ids": rejected, "action": "approve", "rule": "", "note": ""},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/instructor/questions?status=rejected&page=1")
    assert set(_statuses(app, rejected).values()) == {QuestionStatus.APPROVED}
    assert "3 questions approved." in client.get("/instructor/questions").get_data(as_text=True)


def test_reject_many_names_the_rule_and_keeps_the_note(client, teacher, app):
    approved = _ids(app, status=QuestionStatus.APPROVED)[:2]
    response = client.post(
        "/instructor/questions/review",
        data={"ids": approved, "action": "reject", "rule": "7", "note": "copies the text"},
    )
    assert response.status_code == 302
    with app.app_context():
        for qid in approved:
            question = db.session.get(Question, qid)
            assert question.status is QuestionStatus.REJECTED
            assert question.reject_reason == "rule 7: Trivial or pure recognition (copies the text)"
            assert question.changed_in_browser


def test_bad_bulk_requests_say_why_and_change_nothing(client, teacher, app):
    approved = _ids(app, status=QuestionStatus.APPROVED)[:2]
    before = _statuses(app, approved)
    cases = [
        ({"ids": approved, "action": "reject", "rule": ""}, "Choose the rule the questions break."),
        ({"action": "approve"}, "Tick at least one question."),
        ({"ids": approved, "action": "delete"}, "Not a valid choice"),
        ({"ids": approved, "action": "reject", "rule": "99"}, "Not a valid choice"),
        ({"ids": [f"q-{n}" for n in range(101)], "action": "approve"}, "at most 100"),
    ]
    for data, message in cases:
        response = client.post("/instructor/questions/review", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert _statuses(app, approved) == before


def test_only_instructors_review_in_bulk(client, auth, app):
    some = _ids(app, status=QuestionStatus.APPROVED)[:1]
    auth.create("learner1")
    auth.login("learner1")
    response = client.post("/instructor/questions/review", data={"ids": some, "action": "reject"})
    assert response.status_code == 403
    assert set(_statuses(app, some).values()) == {QuestionStatus.APPROVED}


def test_review_many_is_conditional_and_reports_what_it_changed(app):
    with app.app_context():
        approved = _ids(app, status=QuestionStatus.APPROVED)[:2]
        rejected = _ids(app, status=QuestionStatus.REJECTED)[:1]
        changed = review_many(
            db.session, approved + rejected + ["q-unknown"], QuestionStatus.APPROVED
        )
        db.session.commit()
        # already approved ones and an unknown id are left alone: only the rejected one moved
        assert changed == rejected
        assert review_many(db.session, rejected, QuestionStatus.APPROVED) == []


def test_next_and_previous_walk_the_filtered_list_and_approve_and_next_moves_on(
    client, teacher, app
):
    rejected = _ids(app, status=QuestionStatus.REJECTED)
    listing = client.get("/instructor/questions?status=rejected").get_data(as_text=True)
    linked = re.findall(r'href="/instructor/questions/([^"?]+)\?status=rejected"', listing)
    first, second = linked[0], linked[1]
    assert {first, second} <= set(rejected)
    page = client.get(f"/instructor/questions/{first}?status=rejected").get_data(as_text=True)
    assert f'rel="next" data-key="j" href="/instructor/questions/{second}?status=rejected"' in page
    assert 'rel="prev"' not in page.split("This list")[1].split("</nav>")[0]
    response = client.post(
        f"/instructor/questions/{first}/approve?status=rejected", data={"then": "next"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/instructor/questions/{second}?status=rejected")
    # the approved question has left the list; the second one's previous is now none
    page = client.get(f"/instructor/questions/{second}?status=rejected").get_data(as_text=True)
    assert 'rel="prev"' not in page.split("This list")[1].split("</nav>")[0]


def test_a_written_question_waits_for_review_unless_approved_at_once(client, teacher, app):
    from tests.bank.test_review import question_form

    response = client.post("/instructor/questions/new", data=question_form("true_false"))
    qid = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.status is QuestionStatus.NEW and not question.servable
    data = question_form("true_false", approve_now="y")
    response = client.post("/instructor/questions/new", data=data)
    qid = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        assert db.session.get(Question, qid).servable


def test_writing_starts_by_choosing_a_type_and_the_form_has_only_its_fields(client, teacher):
    chooser = client.get("/instructor/questions/new").get_data(as_text=True)
    assert "What kind of question?" in chooser and 'name="stem"' not in chooser
    true_false = client.get("/instructor/questions/new?type=true_false").get_data(as_text=True)
    assert 'name="stem"' in true_false and 'name="choices"' not in true_false
    assert 'name="accepted"' not in true_false and "true or false." in true_false
    short = client.get("/instructor/questions/new?type=short_answer").get_data(as_text=True)
    assert 'name="accepted"' in short and 'name="choices"' not in short
    matching = client.get("/instructor/questions/new?type=matching").get_data(as_text=True)
    assert 'name="choices"' in matching and "Extra right-hand options" in matching
    response = client.post("/instructor/questions/new", data={"type": "no_such_type"})
    assert response.status_code == 400 and "What kind of question?" in response.get_data(
        as_text=True
    )


def test_preview_shows_the_learner_view_and_saves_nothing(client, teacher, app):
    from tests.bank.test_review import question_form

    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count(Question.id)))
    data = question_form("matching", preview="Preview")
    response = client.post("/instructor/questions/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Preview: what a learner sees" in page
    assert '<select id="q0-0" name="q0-0" disabled>' in page
    assert "the answer is <strong>Ljubljana → first; Genoa → second</strong>" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Question.id))) == before
    # a preview of a broken question shows the problems instead
    bad = client.post(
        "/instructor/questions/new", data=question_form("ordering", answer="one", preview="y")
    )
    assert bad.status_code == 400 and "Preview: what" not in bad.get_data(as_text=True)


def test_editing_previews_too_and_keeps_the_type(client, teacher, app):
    qid = _ids(app, type="multiple_choice")[0]
    page = client.get(f"/instructor/questions/{qid}/edit").get_data(as_text=True)
    assert 'name="choices"' in page and "another type" not in page
    with app.app_context():
        version = db.session.get(Question, qid).current
        data = {
            "section": db.session.get(Question, qid).section_id,
            "type": "multiple_choice",
            "stem": "Edited stem?",
            "choices": "\n".join(version.choices),
            "answer": version.answer,
            "explanation": "",
            "preview": "Preview",
        }
    response = client.post(f"/instructor/questions/{qid}/edit", data=data)
    assert response.status_code == 200 and "Edited stem?" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Question, qid).current.stem != "Edited stem?"
