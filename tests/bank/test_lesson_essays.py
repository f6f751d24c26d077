"""The lessons' discussion questions as essays (app/bank/lesson_essays.py): made by the sync,
versioned and retired as the lesson changes, an instructor's edit of the essay kept, never
drawn at random nor due for review, hand-picked by assignments, carried by the exports."""

from __future__ import annotations

import random
import zipfile
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from lxml import etree

from app.bank.lesson_essays import LESSON_GENERATOR, essay_id
from app.bank.review import edit_question, reject
from app.commands import run_sync
from app.extensions import db
from app.models import (
    Lesson,
    Question,
    QuestionOrigin,
    QuestionStatus,
    ReviewCard,
    Role,
    Section,
    User,
    utcnow,
)
from app.progress.schedule import due_question_ids
from app.quiz.selection import pick_questions
from app.quiz.starting import build_attempt
from tests.factories import make_question, make_user

PREAMBLE = "01-preamble.md"
FIRST = "1. Why might the authors have begun by recalling earlier summits and statements"
RUBRIC_LINE = "    - Draws a conclusion about diplomacy that follows from the answer"


def _sync(app):
    with app.app_context():
        report = run_sync()
        db.session.commit()
        return report


def _essays(section_id: str = "preamble") -> dict[str, Question]:
    rows = db.session.scalars(
        sa.select(Question).where(Question.type == "essay", Question.section_id == section_id)
    )
    return {q.id: q for q in rows}


def _edit_file(folder: Path, old: str, new: str) -> None:
    path = folder / PREAMBLE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_sync_makes_an_approved_lesson_essay_of_each_discussion_question(app, lessons_dir):
    report = _sync(app)
    assert report.counts["lesson essays added"] == 24
    with app.app_context():
        essays = db.session.scalars(sa.select(Question).where(Question.type == "essay")).all()
        assert len(essays) == 24 and all(len(q.id) <= 64 for q in essays)
        first = db.session.get(Question, essay_id("preamble", 1))
        assert first.id == "preamble-discussion-1"
        assert first.current.stem.startswith("Why might the authors have begun by recalling")
        assert first.current.answer[0].startswith("Names at least two of the four summits")
        assert len(first.current.answer) == 4
        assert first.status is QuestionStatus.APPROVED and first.servable
        assert first.origin is QuestionOrigin.INSTRUCTOR and first.file_origin == "authored"
        assert first.current.source == {"section_id": "preamble", "kind": "lesson"}
        assert first.current.generator == LESSON_GENERATOR
        assert not first.edited and not first.changed_in_browser
    again = _sync(app)
    assert not again.changed and again.counts["lesson essays unchanged"] == 24


def test_editing_a_question_or_its_rubric_makes_a_new_version(app, lessons_dir):
    _sync(app)
    _edit_file(lessons_dir, RUBRIC_LINE, RUBRIC_LINE.replace("Draws", "States"))
    report = _sync(app)
    assert report.counts["lesson essays updated"] == 1
    assert report.counts["lesson essays unchanged"] == 23
    _edit_file(lessons_dir, FIRST, FIRST.replace("authors", "two presidents"))
    _sync(app)
    with app.app_context():
        essay = db.session.get(Question, "preamble-discussion-1")
        first, second, third = essay.versions
        assert essay.current is third and "two presidents" in third.stem
        assert second.answer[2].startswith("States a conclusion")
        assert first.answer[2].startswith("Draws a conclusion")  # attempts keep theirs
        assert "two presidents" in essay.fact  # one fact, one served question: it follows


def test_removing_a_question_retires_its_essay_and_bringing_it_back_restores_it(app, lessons_dir):
    _sync(app)
    path = lessons_dir / PREAMBLE
    whole = path.read_text(encoding="utf-8")
    third = whole.index("\n3. Paragraph 5 says")
    path.write_text(whole[: third + 1], encoding="utf-8")
    assert _sync(app).counts["lesson essays retired"] == 1
    with app.app_context():
        essays = _essays()
        assert essays["preamble-discussion-3"].retired
        assert not essays["preamble-discussion-3"].servable
        assert not essays["preamble-discussion-2"].retired
    path.write_text(whole, encoding="utf-8")
    assert _sync(app).counts["lesson essays restored"] == 1
    with app.app_context():
        restored = db.session.get(Question, "preamble-discussion-3")
        assert restored.servable and len(restored.versions) == 1


def test_an_instructors_edit_and_review_of_the_essay_itself_survive_a_lesson_change(
    app, lessons_dir
):
    _sync(app)
    with app.app_context():
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        essay = db.session.get(Question, "preamble-discussion-1")
        content = {
            "stem": "In your words: why recall the earlier summits first?",
            "choices": [],
            "answer": ["Names two summits", "Says why they are recalled"],
            "accepted": [],
            "explanation": "",
            "source": dict(essay.current.source),
        }
        edit_question(
            db.session, essay, section_id="preamble", question_type="essay",
            content=content, author=teacher,
        )  # fmt: skip
        reject(db.session, db.session.get(Question, "preamble-discussion-2"), "Too broad.")
        db.session.commit()
    _edit_file(lessons_dir, FIRST, FIRST.replace("authors", "two presidents"))
    _edit_file(lessons_dir, "2. Paragraph 3 speaks of", "2. Paragraph 3 mentions")
    report = _sync(app)
    assert report.counts["lesson essays kept edit"] == 1
    assert report.counts["lesson essays updated"] == 1
    with app.app_context():
        essays = _essays()
        edited = essays["preamble-discussion-1"]
        assert edited.current.stem == "In your words: why recall the earlier summits first?"
        assert len(edited.versions) == 2
        rejected = essays["preamble-discussion-2"]
        assert rejected.status is QuestionStatus.REJECTED and not rejected.servable
        assert rejected.current.stem.startswith("Paragraph 3 mentions")


def test_a_malformed_question_is_named_by_the_sync_and_its_essay_left_as_it_was(app, lessons_dir):
    _sync(app)
    path = lessons_dir / PREAMBLE
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("2. Paragraph 3"))
    del lines[start + 1 : start + 6]  # its rubric
    path.write_text("\n".join(lines), encoding="utf-8")
    report = _sync(app)
    assert any(
        f"line {start + 1}: discussion question 2: no rubric" in warning
        for warning in report.warnings
    ), report.warnings
    assert "lesson essays retired" not in report.counts
    with app.app_context():
        kept = db.session.get(Question, "preamble-discussion-2")
        assert kept.servable and len(kept.versions) == 1 and len(kept.current.answer) == 4


def test_lesson_essays_are_never_drawn_at_random_nor_due_for_review(app, lessons_dir):
    _sync(app)
    with app.app_context():
        learner = make_user(username="ana")
        preamble = db.session.get(Section, "preamble")
        for qtype in ("multiple_choice", "true_false"):
            make_question(type=qtype, section=preamble, status="approved")
        rows = pick_questions(db.session, ["preamble"], 100, random.Random(7))  # noqa: S311
        assert sorted(row.type for row in rows) == ["multiple_choice", "true_false"]
        attempt = build_attempt(db.session, learner, ["preamble"], "practice", 50, now=utcnow())
        served = {s.question_id for s in attempt.served_questions}
        assert len(served) == 2 and "preamble-discussion-1" not in served
        card = ReviewCard(user_id=learner.id, question_id="preamble-discussion-1", card={})
        card.due = utcnow()
        db.session.add(card)
        db.session.flush()
        assert due_question_ids(db.session, learner.id, utcnow() + timedelta(days=1)) == []


def test_the_bank_exports_carry_the_lesson_essays_as_essays(app, runner, lessons_dir, tmp_path):
    _sync(app)
    gift, moodle, qti = tmp_path / "bank.gift", tmp_path / "bank.xml", tmp_path / "bank.zip"
    for name, path in (("gift", gift), ("moodle", moodle), ("qti", qti)):
        result = runner.invoke(args=["bank", "export", "--format", name, "-o", str(path)])
        assert result.exit_code == 0, result.output
    text = gift.read_text(encoding="utf-8")
    assert "::preamble-discussion-1::[plain]Why might the authors have begun" in text
    essays = etree.fromstring(moodle.read_bytes()).findall("question[@type='essay']")
    assert len(essays) == 24
    assert "preamble-discussion-1" in {q.findtext("idnumber") for q in essays}
    with zipfile.ZipFile(qti) as package:
        item = package.read("items/preamble-discussion-1.xml").decode()
    assert "extendedTextInteraction" in item and "Names at least two of the four summits" in item


def test_saving_or_restoring_the_lesson_in_the_browser_brings_its_essays_along(
    app, client, auth, lessons_dir
):
    _sync(app)
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        body = db.session.get(Lesson, "preamble").body
    new_body = body.replace(RUBRIC_LINE, RUBRIC_LINE.replace("Draws", "States"))
    form = {"title": "Preamble", "body": new_body, "base_revision": "1", "save": "Save"}
    saved = client.post("/instructor/lessons/preamble/edit", data=form)
    assert saved.status_code == 302
    with app.app_context():
        essay = db.session.get(Question, "preamble-discussion-1")
        teacher = db.session.scalar(sa.select(User.id).where(User.username == "teacher"))
        assert len(essay.versions) == 2 and essay.current.author_id == teacher
        assert essay.current.answer[2].startswith("States a conclusion")
    client.post("/instructor/lessons/preamble/revisions/1/restore")
    with app.app_context():
        essay = db.session.get(Question, "preamble-discussion-1")
        assert len(essay.versions) == 3
        assert essay.current.answer == essay.versions[0].answer


def test_an_instructor_finds_the_lesson_essays_in_the_question_list(app, client, auth, lessons_dir):
    _sync(app)
    auth.create("teacher", "instructor")
    auth.login("teacher")
    page = client.get("/instructor/questions?type=essay&generator=lesson-discussion").text
    assert "Why might the authors have begun by recalling earlier summits" in page
    assert "Should a political declaration signed by one president be respected" in page
    history = client.get("/instructor/questions/preamble-discussion-1").text
    assert (
        "(from the lesson&#39;s discussion questions)" in history and "(generated)" not in history
    )
