"""The instructor's bank pages show the files' reviews and origins; review moves race safely."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.bank.review import ReviewError, approve
from app.commands import run_sync
from app.extensions import db
from app.generation.files import bank_filename, dump_bank
from app.models import Question, QuestionStatus
from tests.factories import make_question, make_section


def _question(qid: str, stem: str, **fields) -> dict:
    data = {
        "id": qid,
        "type": "true_false",
        "stem": stem,
        "answer": True,
        "explanation": "Paragraph 1.",
        "generator": "test",
        "source": {"section_id": "grain", "paragraph": 1, "sentence": 1, "quote": "Wheat."},
        "fact": f"fact {qid}",
        "origin": "generated",
        "review": {"status": "pending"},
    }
    return {**data, **fields}


@pytest.fixture
def reviewed(app, tmp_path):
    """A v2 bank file of one section: pending, approved, rejected (with its rule), authored."""
    bank = {
        "section_id": "grain",
        "section_title": "Grain",
        "questions": [
            _question("q-pending1", "Is wheat named first?"),
            _question("q-approved", "Is barley named?", review={"status": "approved"}),
            _question(
                "q-rejected",
                "Is rye named?",
                review={"status": "rejected", "reason": "Rule 7: a copied sentence."},
            ),
            _question(
                "i-authored", "Are oats named?", origin="authored", review={"status": "approved"}
            ),
        ],
    }
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / bank_filename(1, "grain")).write_text(dump_bank(bank))
    app.config["QUESTION_BANK_DIR"] = str(folder)
    with app.app_context():
        run_sync()
        db.session.commit()
    return app


def test_the_question_list_shows_review_origin_reason_and_whether_served(reviewed, client, auth):
    auth.create("teacher", "instructor")
    auth.login("teacher")

    def listed(query: str) -> tuple[int, str]:
        html = client.get(f"/instructor/questions?section=grain&{query}").get_data(as_text=True)
        return int(re.search(r'<p role="status">(\d+) question', html).group(1)), html

    total, html = listed("")
    assert total == 4
    assert "Pending" in html and "Approved" in html and "Rejected" in html
    assert "Rule 7: a copied sentence." in html
    assert "authored" in html and "generated" in html
    assert html.count(">not served<") == 2 and html.count(">served<") == 2
    assert listed("status=pending")[0] == listed("status=new")[0] == 1
    assert listed("status=rejected")[0] == 1
    page = client.get("/instructor/questions/q-pending1").get_data(as_text=True)
    assert "Pending" in page and "not served" in page and "origin: generated" in page
    assert client.get("/instructor/questions?status=lost").status_code == 400


def test_a_review_move_is_conditional_on_the_status_it_was_read_with(app):
    with app.app_context():
        question = make_question(section=make_section(id="raced"))
        db.session.commit()
        qid = question.id
        assert question.status is QuestionStatus.NEW  # read by this "request"
        with db.engine.begin() as other:  # another request rejects it meanwhile
            other.execute(
                sa.update(Question)
                .where(Question.id == qid)
                .values(status=QuestionStatus.REJECTED, reject_reason="Rule 2.")
            )
        with pytest.raises(ReviewError, match="Someone else reviewed"):
            approve(db.session, question)
        db.session.rollback()
        again = db.session.get(Question, qid)
        assert again.status is QuestionStatus.REJECTED and again.reject_reason == "Rule 2."
