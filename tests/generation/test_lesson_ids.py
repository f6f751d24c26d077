"""Lesson questions keep their ids when an instructor edits the lesson above what they test:
their reviews in the bank files are matched by id."""

from __future__ import annotations

from app.generation.bank import build_bank, section_drafts
from app.generation.draft import Context

NOTE = "An instructor's note, added at the top of the lesson.\n\nAnd a second line of it.\n\n"


def _lesson_drafts(declaration, lessons) -> dict[str, int]:
    """Every lesson question the generators can produce (selected or not): id -> its line."""
    ctx = Context.build(declaration, lessons)
    return {
        d.id: d.paragraph
        for section in declaration.sections
        for d in section_drafts(ctx, section)
        if d.source_kind == "lesson"
    }


def test_a_line_inserted_near_the_top_of_every_lesson_keeps_every_lesson_question_id(
    declaration, lessons
):
    before = _lesson_drafts(declaration, lessons)
    edited = {sid: NOTE + body for sid, body in lessons.items()}
    after = _lesson_drafts(declaration, edited)
    assert len(before) >= 50  # the terms, timelines and tables of eight lessons
    assert after.keys() == before.keys()
    # the line still links each question to its lesson paragraph: four lines further down
    assert all(after[qid] == line + 4 for qid, line in before.items())


def test_the_selected_bank_keeps_its_lesson_questions_when_a_lesson_is_edited_above_them(
    declaration, lessons, declaration_bank
):
    edited = {sid: NOTE + body for sid, body in lessons.items()}

    def lesson_ids(banks):
        return {
            q["id"] for bank in banks for q in bank["questions"] if q["source"]["kind"] == "lesson"
        }

    assert lesson_ids(declaration_bank)
    assert lesson_ids(build_bank(declaration, edited)) == lesson_ids(declaration_bank)
