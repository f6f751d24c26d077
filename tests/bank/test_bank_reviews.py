"""Reviews and edits in the bank files: kept by regeneration, checked, synced, exported back."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.bank.bank_export import NO_QUOTE
from app.bank.review import approve, edit_question, reject
from app.bank.versions import create_question
from app.commands import run_sync
from app.corpus import load_declaration
from app.extensions import db
from app.generation.bank import build_bank
from app.generation.files import bank_filename, dump_bank, read_bank_file, validate_bank
from app.generation.reviews import merge_reviews
from app.models import Question, QuestionOrigin, QuestionStatus, QuestionVersion, Role, Section
from app.questions import self_graded_types
from tests.factories import make_user

SECTION = "trade-in-grain"


@pytest.fixture(scope="module")
def generated():
    """The declaration's bank as the generator writes it (v2, every question pending)."""
    return build_bank(load_declaration())


def _write(folder: Path, banks: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for order, bank in enumerate(banks, 1):
        (folder / bank_filename(order, bank["section_id"])).write_text(dump_bank(bank))
    return folder


def _question(qid: str, stem: str = "Which grain is named first?", **fields) -> dict:
    data = {
        "id": qid,
        "type": "multiple_choice",
        "stem": stem,
        "choices": ["wheat", "barley", "oats", "rye"],
        "answer": "wheat",
        "explanation": "Paragraph 1 names wheat first.",
        "generator": "test",
        "source": {"section_id": SECTION, "paragraph": 1, "sentence": 1, "quote": "Wheat first."},
        "fact": f"fact of {qid}",
        "origin": "generated",
        "review": {"status": "pending"},
    }
    data.update(fields)
    return data


def _bank(questions: list[dict], sid: str = SECTION) -> dict:
    return {"section_id": sid, "section_title": "Trade in Grain", "questions": questions}


# --- regeneration keeps reviews and edits ----------------------------------------------------


def test_regeneration_keeps_reviews_and_edits_by_id_and_drops_only_unreviewed_questions():
    fresh = [_bank([_question("q-0001", "New wording?"), _question("q-0002"), _question("q-0003")])]
    edited = _question(
        "q-0002",
        "Edited stem?",
        origin="edited",
        generated={"stem": "Which grain is named first?"},
        review={"status": "approved"},
    )
    before = [
        _bank(
            [
                _question("q-0001", review={"status": "approved"}),
                edited,
                _question("q-0004", origin="authored", review={"status": "approved"}),
                _question("q-0005", review={"status": "rejected", "reason": "Rule 2: twin."}),
                _question("q-0006"),  # generated, pending, no longer produced: dropped
                _question("q-0007", origin="edited", generated={"stem": "x"}),
            ]
        )
    ]
    merged, notes = merge_reviews(fresh, before)
    questions = {q["id"]: q for q in merged[0]["questions"]}
    assert list(questions) == ["q-0001", "q-0002", "q-0003", "q-0004", "q-0005", "q-0007"]
    assert questions["q-0001"]["stem"] == "New wording?"  # the generator's new text…
    assert questions["q-0001"]["review"] == {"status": "approved"}  # …keeps its review
    assert questions["q-0002"] == edited  # the instructor's edit stands
    assert questions["q-0003"]["review"] == {"status": "pending"}
    assert questions["q-0005"]["review"]["reason"] == "Rule 2: twin."
    assert len(notes) == 1 and "q-0007" in notes[0] and "no longer produces" in notes[0]


def test_generate_keeps_a_review_and_an_edit_made_in_the_files(runner, tmp_path, generated):
    folder = _write(tmp_path / "bank", copy.deepcopy(generated))
    path = sorted(folder.glob("*.json"))[2]
    bank = json.loads(path.read_text())
    first = bank["questions"][0]
    second = next(q for q in bank["questions"] if q["fact"] != first["fact"])  # not a twin
    first["review"] = {"status": "approved"}
    second["generated"] = {k: second[k] for k in ("stem", "explanation")}
    second.update(stem="An instructor's clearer stem?", origin="edited")
    second["review"] = {"status": "approved"}
    path.write_text(dump_bank(bank))
    result = runner.invoke(args=["bank", "generate", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    again = {q["id"]: q for q in read_bank_file(path)["questions"]}
    assert again[first["id"]]["review"] == {"status": "approved"}
    assert again[second["id"]] == second
    result = runner.invoke(args=["bank", "check", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


# --- bank check and sync refuse unusable files -----------------------------------------------


def _unknown_status(questions):
    questions[0]["review"] = {"status": "aproved"}
    return questions[0]["id"], "is not one of"


def _edit_without_original(questions):
    questions[1]["origin"] = "edited"
    return questions[1]["id"], "origin 'edited' without 'generated'"


def _edit_of_unknown_id(questions):
    questions[1].update(id="q-00000000deadbeef", origin="edited", generated={"stem": "x"})
    return "q-00000000deadbeef", "the generator does not produce"


def _shared_approved_fact(questions):
    for question in questions[:2]:
        question["review"] = {"status": "approved"}
    questions[1]["fact"] = questions[0]["fact"]
    return questions[1]["id"], "also approved"


def _rejected_without_reason(questions):
    questions[0]["review"] = {"status": "rejected"}
    return questions[0]["id"], "rejected without a reason"


BREAKAGES = [
    _unknown_status,
    _edit_without_original,
    _edit_of_unknown_id,
    _shared_approved_fact,
    _rejected_without_reason,
]


def _broken_folder(folder: Path, banks: list[dict], breakage) -> tuple[str, str, str]:
    """The bank with one file broken; (file name, question id, message)."""
    banks = copy.deepcopy(banks)
    qid, message = breakage(banks[2]["questions"])
    _write(folder, banks)
    return sorted(p.name for p in folder.glob("*.json"))[2], qid, message


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__.strip("_"))
def test_check_names_the_file_and_question_and_exits_2(runner, tmp_path, generated, breakage):
    name, qid, message = _broken_folder(tmp_path / "bank", generated, breakage)
    result = runner.invoke(args=["bank", "check", "--dir", str(tmp_path / "bank")])
    assert result.exit_code == 2, result.output
    assert name in result.output and qid in result.output and message in result.output
    assert "Traceback" not in result.output


def _snapshot() -> list[tuple]:
    rows = db.session.execute(
        sa.select(
            Question.id,
            Question.status,
            Question.reject_reason,
            Question.retired,
            Question.fact,
            Question.approval_required,
            Question.current_version_id,
        ).order_by(Question.id)
    ).all()
    versions = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionVersion))
    sections = db.session.scalars(sa.select(Section.id).order_by(Section.id)).all()
    return [*rows, versions, tuple(sections)]


@pytest.mark.parametrize(
    "breakage", [_unknown_status, _edit_without_original, _shared_approved_fact]
)
def test_sync_refuses_an_unusable_bank_and_changes_nothing(
    app, runner, tmp_path, generated, breakage
):
    good = _write(tmp_path / "good", copy.deepcopy(generated))
    app.config["QUESTION_BANK_DIR"] = str(good)
    assert runner.invoke(args=["sync"]).exit_code == 0
    with app.app_context():
        approve(db.session, db.session.get(Question, generated[0]["questions"][0]["id"]))
        db.session.commit()
        before = _snapshot()
    name, qid, message = _broken_folder(tmp_path / "bad", generated, breakage)
    app.config["QUESTION_BANK_DIR"] = str(tmp_path / "bad")
    result = runner.invoke(args=["sync"])
    assert result.exit_code == 2
    assert name in result.output and qid in result.output and message in result.output
    with app.app_context():
        assert _snapshot() == before


def test_sync_refuses_an_edit_of_a_question_the_generator_does_not_produce(
    app, runner, tmp_path, generated
):
    name, qid, _ = _broken_folder(tmp_path / "bad", generated, _edit_of_unknown_id)
    app.config["QUESTION_BANK_DIR"] = str(tmp_path / "bad")
    result = runner.invoke(args=["sync"])
    assert result.exit_code == 2 and qid in result.output and name in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 0


# --- sync: v2 reviews in the database, v1 as before, browser changes kept --------------------


def _third(generated: list[dict]) -> str:
    """A real generated id (an instructor may edit it) for the rejected question."""
    return generated[0]["questions"][1]["id"]


def _reviewed_bank(generated: list[dict]) -> dict:
    """Five questions, one of each review and origin; the edit is of a real generated id."""
    edit_id = generated[0]["questions"][0]["id"]
    return _bank(
        [
            _question("q-0001", review={"status": "approved"}),
            _question("q-0002", "Which comes second?"),
            _question(
                _third(generated),
                "Which third?",
                review={"status": "rejected", "reason": "Rule 1: trivia."},
            ),
            _question("i-0004", "Which fourth?", origin="authored", review={"status": "approved"}),
            _question(
                edit_id,
                "Which fifth, edited?",
                origin="edited",
                generated={"stem": "Which fifth?"},
                review={"status": "approved"},
            ),
        ]
    )


def test_sync_loads_reviews_and_only_approved_v2_questions_are_served(app, tmp_path, generated):
    folder = _write(tmp_path / "bank", [_reviewed_bank(generated)])
    app.config["QUESTION_BANK_DIR"] = str(folder)
    with app.app_context():
        run_sync()
        get = db.session.get
        assert get(Question, "q-0001").status is QuestionStatus.APPROVED
        assert get(Question, "q-0002").status is QuestionStatus.NEW  # pending
        assert get(Question, _third(generated)).reject_reason == "Rule 1: trivia."
        assert get(Question, "i-0004").origin is QuestionOrigin.INSTRUCTOR
        edited = get(Question, generated[0]["questions"][0]["id"])
        assert edited.edited and edited.file_origin == "edited"
        assert edited.current.stem == "Which fifth, edited?"
        # the bank files' questions (the lessons' discussion questions are essays, served too)
        from_files = sa.select(Question).where(Question.type.in_(self_graded_types()))
        servable = {q.id for q in db.session.scalars(from_files) if q.servable}
        assert servable == {"q-0001", "i-0004", edited.id}
        from app.quiz.selection import servable_query

        query = servable_query().where(Question.type.in_(self_graded_types()))
        in_sql = set(db.session.scalars(sa.select(query.subquery().c.id)))
        assert in_sql == servable


def test_v1_questions_are_served_as_before(curriculum):
    with curriculum.app_context():
        from_files = sa.select(Question).where(Question.type.in_(self_graded_types()))
        questions = db.session.scalars(from_files).all()  # not the lessons' essays
        assert questions and all(q.status is QuestionStatus.NEW for q in questions)
        assert all(q.servable and not q.approval_required and q.fact for q in questions)


def test_sync_takes_the_files_review_but_keeps_a_browser_change(app, tmp_path, generated):
    folder = _write(tmp_path / "bank", [_reviewed_bank(generated)])
    app.config["QUESTION_BANK_DIR"] = str(folder)
    with app.app_context():
        run_sync()
        approve(db.session, db.session.get(Question, "q-0002"))  # in the browser
        bank = _reviewed_bank(generated)
        bank["questions"][0]["review"] = {"status": "rejected", "reason": "Rule 7: copied."}
        bank["questions"][1]["review"] = {"status": "rejected", "reason": "Rule 3."}
        _write(folder, [bank])
        report = run_sync()
        first, second = db.session.get(Question, "q-0001"), db.session.get(Question, "q-0002")
        assert first.status is QuestionStatus.REJECTED and first.reject_reason == "Rule 7: copied."
        assert second.status is QuestionStatus.APPROVED  # the instructor's, not yet exported
        assert report.counts["questions kept browser change"] == 1
        assert report.counts["questions reviews updated"] == 1


# --- export: the browser's reviews and edits back to the files -------------------------------


def test_export_writes_reviews_edits_and_new_questions_back_and_a_sync_then_changes_nothing(
    app, runner, tmp_path, generated
):
    folder = _write(tmp_path / "bank", [_reviewed_bank(generated)])
    app.config["QUESTION_BANK_DIR"] = str(folder)
    with app.app_context():
        run_sync()
        instructor = make_user(role=Role.INSTRUCTOR)
        approve(db.session, db.session.get(Question, "q-0002"))
        reject(db.session, db.session.get(Question, "q-0001"), "Rule 2: a twin.")
        edit_id = generated[0]["questions"][0]["id"]  # edited in the file, then in the browser
        question = db.session.get(Question, edit_id)
        content = {
            "stem": "Which grain comes second?",
            "choices": ["wheat", "barley", "oats", "rye"],
            "answer": "barley",
            "accepted": [],
            "explanation": "Paragraph 1 names barley second.",
            "source": dict(question.current.source),
        }
        edit_question(
            db.session,
            question,
            section_id=SECTION,
            question_type="multiple_choice",
            content=content,
            author=instructor,
        )
        unedited = db.session.get(Question, _third(generated))
        edit_question(
            db.session,
            unedited,
            section_id=SECTION,
            question_type="multiple_choice",
            content={**content, "stem": "Which grain comes third?", "answer": "oats"},
            author=instructor,
        )
        authored = create_question(
            db.session,
            section_id=SECTION,
            question_type="short_answer",
            content={
                "stem": "Which grain do the parties name first?",
                "answer": "wheat",
                "accepted": [],
                "choices": [],
                "explanation": "Paragraph 1.",
                "source": {"section_id": SECTION},
            },
            author=instructor,
            approve_now=True,
        )
        db.session.commit()
        authored_id = authored.id
    old_umask = os.umask(0o027)
    try:
        result = runner.invoke(args=["bank", "export"])
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0, result.output
    path = next(folder.glob("*.json"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    bank = read_bank_file(path)
    validate_bank(bank)
    questions = {q["id"]: q for q in bank["questions"]}
    assert questions["q-0001"]["review"] == {
        "status": "rejected",
        "reason": "Rule 2: a twin.",
    }
    assert questions["q-0002"]["review"] == {"status": "approved"}
    assert questions["q-0002"]["origin"] == "generated"
    third = questions[_third(generated)]  # a first edit: the original goes under generated
    assert third["origin"] == "edited" and third["answer"] == "oats"
    assert third["stem"] == "Which grain comes third?"
    assert third["generated"]["stem"] == "Which third?" and third["generated"]["answer"] == "wheat"
    assert third["review"] == {"status": "rejected", "reason": "Rule 1: trivia."}
    again = questions[edit_id]  # a second edit: the original stays the generator's
    assert again["stem"] == "Which grain comes second?" and again["answer"] == "barley"
    assert again["generated"] == {"stem": "Which fifth?"}
    new = questions[authored_id]
    assert new["origin"] == "authored" and new["review"] == {"status": "approved"}
    assert new["source"]["quote"] == NO_QUOTE
    with app.app_context():
        assert not db.session.scalar(
            sa.select(sa.func.count()).where(Question.changed_in_browser.is_(True))
        )
        before = _snapshot()
        report = run_sync()
        assert not report.changed, report.counts
        assert _snapshot() == before


def test_export_of_a_v1_bank_makes_it_v2_and_keeps_every_question(curriculum, runner, tmp_path):
    out = tmp_path / "exported"
    result = runner.invoke(args=["bank", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    shipped = Path(curriculum.config["QUESTION_BANK_DIR"])
    for path in sorted(shipped.glob("*.json")):
        before = read_bank_file(path)
        after = read_bank_file(out / path.name)
        assert [q["id"] for q in after["questions"]] == [q["id"] for q in before["questions"]]
        assert all(q["review"] == {"status": "pending"} for q in after["questions"])
    with curriculum.app_context():  # not the folder sync reads: the database is as it was
        assert not db.session.scalar(
            sa.select(sa.func.count()).where(
                Question.approval_required.is_(True), Question.type.in_(self_graded_types())
            )  # the bank files' questions (the lessons' essays are approved in the database)
        )


def test_export_refuses_a_section_option_and_leaves_the_files(runner, app):
    result = runner.invoke(args=["bank", "export", "--section", "preamble"])
    assert result.exit_code == 2 and "written whole" in result.output
