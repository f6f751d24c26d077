"""Question bank review: status moves, edits as versions, new questions, filters, regeneration."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from html import unescape

import pytest
import sqlalchemy as sa
from flask import current_app

from app.bank.review import STATUS_MOVES, ReviewError, approve, move_status, reject
from app.bank.statistics.data import question_analyses
from app.bank.sync import sync_bank
from app.extensions import db
from app.generation.files import read_bank
from app.models import (
    Question,
    QuestionOrigin,
    QuestionStatus,
    ServedQuestion,
    User,
)
from app.questions import self_graded_types
from app.quiz.selection import servable_query
from app.quiz.starting import build_attempt
from tests.factories import make_finished_attempt, make_question, make_user

NOW = datetime(2026, 5, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def teacher(auth, curriculum):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    return "teacher"


def first_of_type(question_type: str, section_id: str = "preamble") -> Question:
    return db.session.scalar(
        sa.select(Question)
        .where(Question.type == question_type, Question.section_id == section_id)
        .order_by(Question.id)
    )


def first_question_id(app, question_type="multiple_choice") -> str:
    with app.app_context():
        return db.session.scalar(
            sa.select(Question.id).where(Question.type == question_type).order_by(Question.id)
        )


@pytest.mark.parametrize("start", list(QuestionStatus))
@pytest.mark.parametrize("target", list(QuestionStatus))
def test_status_moves_follow_the_table(app, start, target):
    with app.app_context():
        question = make_question(status=start.value)
        if target in STATUS_MOVES[start]:
            move_status(question, target)
            assert question.status is target
        else:
            with pytest.raises(ReviewError, match="cannot become"):
                move_status(question, target)
            assert question.status is start


def test_reject_needs_a_reason_and_approve_clears_it(app):
    with app.app_context():
        question = make_question()
        with pytest.raises(ReviewError, match="Say why"):
            reject(db.session, question, "   ")
        assert question.status is QuestionStatus.NEW
        reject(db.session, question, "Two right answers.")
        assert (question.status, question.reject_reason) == (
            QuestionStatus.REJECTED,
            "Two right answers.",
        )
        assert not question.servable
        approve(db.session, question)
        assert question.status is QuestionStatus.APPROVED and question.reject_reason == ""


def test_approve_and_reject_through_the_pages(client, teacher, app):
    qid = first_question_id(app)
    assert client.post(f"/instructor/questions/{qid}/approve").status_code == 302
    assert client.post(f"/instructor/questions/{qid}/approve").status_code == 409
    empty = client.post(f"/instructor/questions/{qid}/reject", data={"reason": ""})
    assert empty.status_code == 400
    assert "Say why" in empty.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Question, qid).status is QuestionStatus.APPROVED
    done = client.post(f"/instructor/questions/{qid}/reject", data={"reason": "Ambiguous stem."})
    assert done.status_code == 302
    page = client.get(f"/instructor/questions/{qid}").get_data(as_text=True)
    assert "Rejected because: Ambiguous stem." in page
    # the message names the question by its words, never by its id
    with app.app_context():
        label = db.session.get(Question, qid).label
    assert f"Question {label} rejected." in unescape(page) and qid not in label
    assert client.get("/instructor/questions/no-such-question").status_code == 404
    assert client.post("/instructor/questions/no-such-question/approve").status_code == 404


def test_rejected_questions_are_never_served(app, curriculum):
    with app.app_context():
        ids = db.session.scalars(
            sa.select(Question.id).where(
                Question.section_id == "preamble", Question.type.in_(self_graded_types())
            )
        ).all()  # the bank's, not the lesson's essays (never drawn at random)
        rejected = set(ids[::2])
        for qid in rejected:
            reject(db.session, db.session.get(Question, qid), "Not good enough.")
        learner = make_user()
        db.session.commit()
        servable = set(db.session.scalars(sa.select(servable_query().subquery().c.id)))
        assert not rejected & servable and set(ids) - rejected <= servable
        for seed in range(5):
            attempt = build_attempt(
                db.session, learner, ["preamble"], "practice", 50, seed=seed, now=NOW
            )
            served = {s.question_id for s in attempt.served_questions}
            assert served and not served & rejected
            others = set(ids) - rejected
            assert served <= others  # and one question of each of their facts
            assert _facts(served) == _facts(others) and len(_facts(served)) == len(served)


def _facts(question_ids: set[str]) -> set[str]:
    return {db.session.get(Question, qid).fact for qid in question_ids}


def question_form(question_type: str, **changes) -> dict:
    forms = {
        "multiple_choice": {"choices": "Moscow\nWashington\nGenoa", "answer": "Moscow"},
        "multiple_response": {"choices": "trust\nopenness\nrivalry", "answer": "trust\nopenness"},
        "true_false": {"answer": "False"},
        "short_answer": {"answer": "Moscow", "accepted": "Moskva\nMoscou"},
        "matching": {"answer": "Ljubljana = first\nGenoa = second", "choices": ""},
        "ordering": {"answer": "Ljubljana\nGenoa\nShanghai"},
    }
    return {
        "section": "preamble",
        "type": question_type,
        "stem": f"A {question_type} question written by hand?",
        "explanation": "Because the text says so.",
        "paragraph": "2",
        **forms[question_type],
        **changes,
    }


EXPECTED_ANSWERS = {
    "multiple_choice": "Moscow",
    "multiple_response": ["trust", "openness"],
    "true_false": False,
    "short_answer": "Moscow",
    "matching": [["Ljubljana", "first"], ["Genoa", "second"]],
    "ordering": ["Ljubljana", "Genoa", "Shanghai"],
}


@pytest.mark.parametrize("question_type", sorted(EXPECTED_ANSWERS))
def test_write_a_question_of_every_type(client, teacher, app, question_type):
    data = question_form(question_type, approve_now="y")
    response = client.post("/instructor/questions/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    qid = response.headers["Location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"i-[0-9a-f]{12}", qid)
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.origin is QuestionOrigin.INSTRUCTOR
        assert question.status is QuestionStatus.APPROVED and question.type == question_type
        version = question.current
        assert version.answer == EXPECTED_ANSWERS[question_type]
        assert version.generator == "instructor" and version.author_id is not None
        assert version.source["paragraph"] == 2 and version.source["quote"].startswith("Recalling")
        if question_type == "short_answer":
            assert version.accepted == ["Moskva", "Moscou"]
        if question_type in ("true_false", "ordering", "short_answer"):
            assert version.choices == []
    wording = f"A {question_type} question written by hand"
    listed = client.get(f"/instructor/questions?generator=instructor&text={wording}")
    assert f'id="stem-{qid}"' in listed.get_data(as_text=True)


@pytest.mark.parametrize(
    ("question_type", "changes", "message"),
    [
        ("multiple_choice", {"answer": "Paris"}, "The answer must be one of the choices."),
        ("multiple_choice", {"choices": "Moscow"}, "Choices needs at least 2 items."),
        ("true_false", {"answer": "maybe"}, "is “true” or “false”"),
        ("matching", {"answer": "Ljubljana - first\nGenoa = second"}, "Write each pair as"),
        ("ordering", {"answer": "only one"}, "The order needs at least 2 items."),
        ("short_answer", {"paragraph": "99"}, "has no paragraph 99"),
        ("short_answer", {"section": "nowhere"}, "Not a valid choice"),
        ("short_answer", {"stem": ""}, "This field is required."),
    ],
)
def test_bad_questions_get_clear_field_errors_and_change_nothing(
    client, teacher, app, question_type, changes, message
):
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count(Question.id)))
    response = client.post(
        "/instructor/questions/new", data=question_form(question_type, **changes)
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'class="error"' in html and 'aria-invalid="true"' in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Question.id))) == before


def test_editing_makes_a_new_version_and_old_attempts_keep_theirs(client, teacher, app):
    with app.app_context():
        question = first_of_type("multiple_choice")
        qid, old_version = question.id, question.current_version_id
        learner = make_user()
        learner_id = learner.id
        before = build_attempt(db.session, learner, ["preamble"], "practice", 50, seed=1, now=NOW)
        before_id = before.id
        db.session.commit()
        stem, choices, answer = question.current.stem, question.current.choices, question.current
    form = client.get(f"/instructor/questions/{qid}/edit").get_data(as_text=True)
    assert "Saving makes version 2" in form
    data = {
        "section": "preamble",
        "type": "multiple_choice",
        "stem": stem + " (reworded)",
        "choices": "\n".join(choices),
        "answer": answer.answer,
        "explanation": "Edited explanation.",
        "paragraph": str(answer.source.get("paragraph", "")),
    }
    assert client.post(f"/instructor/questions/{qid}/edit", data=data).status_code == 302
    again = client.post(f"/instructor/questions/{qid}/edit", data=data, follow_redirects=True)
    assert "Nothing changed." in again.get_data(as_text=True)
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question.edited and len(question.versions) == 2
        assert question.current.number == 2 and question.current.stem.endswith("(reworded)")
        assert question.current.source == question.versions[0].source  # provenance kept
        assert question.current.generator == question.versions[0].generator
        served = db.session.scalar(
            sa.select(ServedQuestion).where(
                ServedQuestion.attempt_id == before_id, ServedQuestion.question_id == qid
            )
        )
        assert served.version_id == old_version
        learner = db.session.get(User, learner_id)
        after = build_attempt(db.session, learner, ["preamble"], "practice", 50, seed=2, now=NOW)
        new_served = next(s for s in after.served_questions if s.question_id == qid)
        assert new_served.version_id == question.current_version_id != old_version
        # statistics stay per version
        make_finished_attempt(user=make_user(), answers=[(question, 1.0, "x")], mode="test")
        question.current_version_id = old_version
        db.session.flush()
        make_finished_attempt(user=make_user(), answers=[(question, 0.0, "y")], mode="test")
        found = question_analyses(db.session, question)
        assert sorted((f.item.version_id, f.item.facility) for f in found) == sorted(
            [(old_version, 0.0), (new_served.version_id, 100.0)]
        )


def test_list_filters_and_pages(client, teacher, app):
    with app.app_context():
        total = db.session.scalar(
            sa.select(sa.func.count(Question.id)).where(Question.retired.is_(False))
        )
        approved = db.session.scalar(  # the lessons' essays, approved as their author wrote them
            sa.select(sa.func.count(Question.id)).where(Question.status == QuestionStatus.APPROVED)
        )
        preamble_mc = db.session.scalar(
            sa.select(sa.func.count(Question.id)).where(
                Question.section_id == "preamble", Question.type == "multiple_choice"
            )
        )
        some = db.session.scalar(  # any section's: the bank asks few facts as statements
            sa.select(Question).where(Question.type == "true_false").order_by(Question.id)
        )
        reject(db.session, some, "Too easy.")
        word = some.current.stem.split()[2]
        generator = some.current.generator
        db.session.commit()
        some_id = some.id

    def count(query):
        html = client.get(f"/instructor/questions?{query}").get_data(as_text=True)
        return int(re.search(r'<p role="status">(\d+) question', html).group(1)), html

    assert count("")[0] == total
    assert count("section=preamble&type=multiple_choice")[0] == preamble_mc
    n, html = count("status=rejected")
    assert n == 1 and some_id in html
    assert count("status=new")[0] == total - 1 - approved
    n, html = count(f"text={word.upper()}&status=rejected&generator={generator}")
    assert n == 1 and some_id in html
    assert count("text=%25%25no-such-words_%25")[0] == 0
    first_page = count("")[1]
    sections_in_order = [int(n) for n in re.findall(r"<td>(\d+)\. [^<]+</td>", first_page)]
    assert sections_in_order[0] == 1  # listed in the order of the text, by title
    assert sections_in_order == sorted(sections_in_order)
    if total > 25:
        assert "Next →" in first_page
        second = client.get("/instructor/questions?page=2").get_data(as_text=True)
        found = r"/instructor/questions/([aiq]-[\w-]+|[\w-]+-discussion-\d+)\""  # bank, lessons
        ids_one = set(re.findall(found, first_page))
        ids_two = set(re.findall(found, second))
        assert len(ids_one) == len(ids_two) == 25 and not ids_one & ids_two
    for bad in ("status=lost", "page=0", "page=x"):
        assert client.get(f"/instructor/questions?{bad}").status_code == 400


def test_regenerating_the_bank_keeps_reviews_edits_and_instructor_questions(app, curriculum):
    with app.app_context():
        banks = read_bank(current_app.config["QUESTION_BANK_DIR"])
        author = make_user(role="instructor")
        section = banks[0]
        ids = [q["id"] for q in section["questions"]]
        approved, rejected, edited, changed = ids[0], ids[1], ids[2], ids[3]
        approve(db.session, db.session.get(Question, approved))
        reject(db.session, db.session.get(Question, rejected), "Wrong key.")
        from app.bank.review import edit_question
        from app.bank.versions import create_question

        question = db.session.get(Question, edited)
        content = {
            "stem": "Instructor's wording?",
            "choices": list(question.current.choices),
            "answer": question.current.answer,
            "accepted": list(question.current.accepted),
            "explanation": "Mine.",
            "source": dict(question.current.source),
        }
        edit_question(
            db.session,
            question,
            section_id=question.section_id,
            question_type=question.type,
            content=content,
            author=author,
        )
        own = create_question(
            db.session,
            section_id=section["section_id"],
            question_type="true_false",
            content={"stem": "Mine?", "answer": True, "source": {"section_id": "preamble"}},
            author=author,
        )
        db.session.commit()

        # regenerate: same ids, one question's text changed, the rejected one dropped
        regenerated = copy.deepcopy(banks)
        questions = regenerated[0]["questions"]
        for data in questions:
            if data["id"] in (edited, changed, approved):
                data["stem"] += " (regenerated)"
        regenerated[0]["questions"] = [q for q in questions if q["id"] != rejected]
        report = sync_bank(db.session, regenerated)
        db.session.commit()
        assert report.counts["questions kept edit"] == 1
        assert report.counts["questions retired"] == 1
        assert db.session.get(Question, approved).status is QuestionStatus.APPROVED
        assert db.session.get(Question, approved).current.stem.endswith("(regenerated)")
        assert db.session.get(Question, changed).current.stem.endswith("(regenerated)")
        kept = db.session.get(Question, edited)
        assert kept.current.stem == "Instructor's wording?" and kept.edited
        gone = db.session.get(Question, rejected)
        assert gone.retired and gone.status is QuestionStatus.REJECTED
        assert db.session.get(Question, own.id).current.stem == "Mine?"

        # the original bank again: the rejected question comes back still rejected
        sync_bank(db.session, banks)
        db.session.commit()
        back = db.session.get(Question, rejected)
        assert not back.retired and back.status is QuestionStatus.REJECTED
        assert back.reject_reason == "Wrong key."
        assert not back.servable
        assert db.session.get(Question, own.id).origin is QuestionOrigin.INSTRUCTOR


def test_every_shipped_question_shows_and_opens_in_the_editor(client, teacher, app):
    with app.app_context():
        rows = db.session.execute(
            sa.select(Question.id, Question.type).where(Question.type.in_(self_graded_types()))
        ).all()  # the shipped bank's (the lessons' essays have tests of their own)
    assert {qtype for _, qtype in rows} == set(EXPECTED_ANSWERS)
    for qid, _ in rows:
        page = client.get(f"/instructor/questions/{qid}")
        assert page.status_code == 200, qid
    for qtype in EXPECTED_ANSWERS:
        qid = next(qid for qid, kind in rows if kind == qtype)
        editor = client.get(f"/instructor/questions/{qid}/edit")
        assert editor.status_code == 200, qid
        assert 'name="answer"' in editor.get_data(as_text=True)


def test_an_edit_from_a_version_saved_over_meanwhile_is_refused_and_saves_nothing(
    client, teacher, app
):
    """Two editors opened version 1; the first saved version 2: the second's save (its form
    says it started from version 1) is a 409 that says so, and adds no version."""
    with app.app_context():
        question = first_of_type("multiple_choice")
        qid, current = question.id, question.current
        data = {
            "section": question.section_id, "type": "multiple_choice",
            "stem": current.stem + " (first editor)", "choices": "\n".join(current.choices),
            "answer": current.answer, "explanation": current.explanation,
            "paragraph": str(current.source.get("paragraph", "")),
        }  # fmt: skip
    form = client.get(f"/instructor/questions/{qid}/edit").get_data(as_text=True)
    assert 'name="base_version" type="hidden" value="1"' in form
    first = client.post(f"/instructor/questions/{qid}/edit", data={**data, "base_version": "1"})
    assert first.status_code == 302
    second = {**data, "stem": current.stem + " (second editor)", "base_version": "1"}
    response = client.post(f"/instructor/questions/{qid}/edit", data=second)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone saved version 2 of this question while you were editing version 1" in html
    assert "(second editor)" in html  # the text is kept to compare
    assert 'name="base_version" type="hidden" value="2"' in html  # saving again is on purpose
    with app.app_context():
        question = db.session.get(Question, qid)
        assert len(question.versions) == 2 and question.current.stem.endswith("(first editor)")


def test_saving_a_shipped_question_unchanged_from_its_editor_changes_nothing(client, teacher, app):
    """The form's text round-trips every type's answer: re-saving makes no new version."""
    with app.app_context():
        ids = [
            db.session.scalar(
                sa.select(Question.id).where(Question.type == qtype).order_by(Question.id)
            )
            for qtype in EXPECTED_ANSWERS
        ]
    for qid in filter(None, ids):
        html = client.get(f"/instructor/questions/{qid}/edit").get_data(as_text=True)
        data = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html))
        data.pop("preview")  # a browser sends only the button pressed: "Save the question"
        for name in ("stem", "choices", "answer", "accepted", "explanation"):
            match = re.search(
                rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S
            )
            if match:  # only the boxes the question's type takes are on its form
                data[name] = unescape(match.group(1))
        for name in ("section",):
            select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
            data[name] = re.search(r'<option selected value="([^"]*)"', select).group(1)
        response = client.post(
            f"/instructor/questions/{qid}/edit", data=data, follow_redirects=True
        )
        assert "Nothing changed." in response.get_data(as_text=True), qid
        with app.app_context():
            assert len(db.session.get(Question, qid).versions) == 1


def test_a_questions_type_cannot_change_under_its_attempts(client, teacher, app):
    from app.bank.review import edit_question

    with app.app_context():
        question = first_of_type("multiple_choice")
        qid = question.id
        with pytest.raises(ReviewError, match="type cannot change"):
            edit_question(
                db.session,
                question,
                section_id=question.section_id,
                question_type="true_false",
                content={"stem": "Now true or false?", "answer": True},
                author=make_user(role="instructor"),
            )
        assert question.type == "multiple_choice" and len(question.versions) == 1
    editor = client.get(f"/instructor/questions/{qid}/edit").get_data(as_text=True)
    assert '<input type="hidden" name="type" value="multiple_choice">' in editor
    assert '<select id="type"' not in editor  # no other type to choose
    data = question_form("true_false", stem="Now true or false?")
    response = client.post(f"/instructor/questions/{qid}/edit", data=data)
    assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.get(Question, qid).versions) == 1
