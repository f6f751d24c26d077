"""The live bank: exported from the database, and GIFT imported into it all or nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.interchange.bank import bank_questions, import_gift
from app.interchange.gift import to_gift
from app.interchange.gift_import import GiftError
from app.models import Question, QuestionOrigin, QuestionStatus, Role
from tests.factories import make_bank, make_question, make_section, make_user


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Question))


def test_bank_questions_are_the_servable_current_versions(app):
    with app.app_context():
        section = make_bank(make_section(id="foundation"))
        make_question(section=section, status="rejected")
        retired = make_question(section=section)
        retired.retired = True
        db.session.flush()
        questions = bank_questions(db.session)
        assert len(questions) == 6
        assert {q["section_id"] for q in questions} == {"foundation"}
        assert bank_questions(db.session, "elsewhere") == []


def test_export_then_import_gives_back_the_same_questions(app):
    with app.app_context():
        teacher = make_user(role=Role.INSTRUCTOR)
        make_bank(make_section(id="foundation"))
        before = bank_questions(db.session)
        created = import_gift(db.session, to_gift(before), author=teacher)
        db.session.commit()
        assert len(created) == 6
        imported = {q.id: q for q in created}
        for question in imported.values():
            assert question.origin is QuestionOrigin.INSTRUCTOR
            assert question.status is QuestionStatus.APPROVED
            assert question.current.author_id == teacher.id
        after = [q for q in bank_questions(db.session) if q["id"] in imported]
        key = ("type", "stem", "answer", "explanation")
        assert sorted(tuple(map(repr, (q[k] for k in key))) for q in after) == sorted(
            tuple(map(repr, (q[k] for k in key))) for q in before
        )
        for new in after:
            old = next(q for q in before if q["stem"] == new["stem"])
            assert new["choices"] == old["choices"]
            assert new["section_id"] == "foundation"


def test_the_shipped_bank_round_trips_through_the_database(curriculum):
    with curriculum.app_context():
        before = bank_questions(db.session)
        if not before:
            pytest.skip("question_bank/ holds no questions yet")
        created = import_gift(db.session, to_gift(before), author=None)
        assert len(created) == len(before)
        for question, new in zip(before, created, strict=True):  # the file's order
            version = new.current
            assert (new.type, version.stem) == (question["type"], question["stem"])
            assert version.answer == question["answer"]
            if question["type"] in ("multiple_choice", "multiple_response"):
                assert version.choices == question["choices"]


def test_a_bad_file_adds_nothing(app):
    with app.app_context():
        make_section(id="foundation")
        db.session.commit()
        text = "$CATEGORY: $course$/top/foundation\n\nGood {=a ~b}\n\nBad {=a =b ~c}\n"
        with pytest.raises(GiftError) as raised:
            import_gift(db.session, text, author=None)
        assert raised.value.problems[0].startswith("line 5:")
        db.session.rollback()
        assert _count() == 0


def test_unknown_or_missing_sections_are_reported_by_line(app):
    with app.app_context():
        make_section(id="foundation")
        db.session.commit()
        with pytest.raises(GiftError) as raised:
            import_gift(db.session, "$CATEGORY: $course$/top/nowhere\n\nQ {=a ~b}\n", author=None)
        assert raised.value.problems == ["line 3: no section has the id 'nowhere'"]
        with pytest.raises(GiftError) as raised:
            import_gift(db.session, "Q {=a ~b}\n", author=None)
        assert "line 1" in raised.value.problems[0]
        created = import_gift(db.session, "Q {=a ~b}\n", author=None, default_section="foundation")
        assert created[0].section_id == "foundation"
