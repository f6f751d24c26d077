"""Syncing the real generated bank: review status and edits survive a regeneration."""

from __future__ import annotations

import sqlalchemy as sa

from app.bank.review import approve
from app.bank.sync import sync_bank
from app.corpus import load_declaration, parse_document
from app.extensions import db
from app.generation.bank import build_bank
from app.generation.files import read_bank
from app.lessons.files import read_lessons
from app.lessons.sync import sync_lessons
from app.models import Question, QuestionStatus


def test_the_committed_bank_loads_whole(app):
    with app.app_context():
        sync_lessons(db.session, read_lessons(app.config["LESSONS_DIR"]))  # as `flask sync` does
        banks = read_bank(app.config["QUESTION_BANK_DIR"])
        report = sync_bank(db.session, banks)
        total = sum(len(b["questions"]) for b in banks)
        assert report.counts["questions added"] == total
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == total
        again = sync_bank(db.session, banks)
        assert again.counts == {"questions unchanged": total}


def test_regeneration_keeps_status_and_edits_of_unchanged_questions(app):
    declaration = load_declaration()
    before = build_bank(declaration)
    changed_text = declaration.source.replace(
        "We will respect the essential values of democracy",
        "We will uphold the essential values of democracy",
    )
    after = build_bank(parse_document(changed_text, declaration.title))
    with app.app_context():
        sync_lessons(db.session, read_lessons(app.config["LESSONS_DIR"]))
        sync_bank(db.session, before)
        political = [
            q["id"]
            for b in before
            if b["section_id"] == "political-cooperation"
            for q in b["questions"]
        ]
        approved = db.session.get(Question, political[0])
        approve(db.session, approved)  # in the browser: kept until exported to the files
        edited = db.session.get(Question, political[1])
        edited.edited = edited.changed_in_browser = True
        edited_stem = edited.current.stem
        db.session.flush()
        report = sync_bank(db.session, after)
        assert approved.status is QuestionStatus.APPROVED and not approved.retired
        assert len(approved.versions) == 1
        assert edited.current.stem == edited_stem and not edited.retired
        old_ids = {q["id"] for b in before for q in b["questions"]}
        new_ids = {q["id"] for b in after for q in b["questions"]}
        assert report.counts.get("questions retired", 0) == len(old_ids - new_ids)
        assert report.counts.get("questions added", 0) == len(new_ids - old_ids)
        assert len(old_ids - new_ids) < 10  # only the changed paragraph's questions move
