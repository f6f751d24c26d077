"""The question page's history names where each version came from (app/bank/versions.py)."""

from __future__ import annotations

from app.bank.review import edit_question
from app.bank.versions import INSTRUCTOR_GENERATOR, LESSON_GENERATOR, version_provenance
from app.extensions import db
from app.models import Role
from tests.factories import make_question, make_user


def test_each_version_is_named_by_where_it_came_from(app):
    with app.app_context():
        generated = make_question()
        authored = make_question(generator=INSTRUCTOR_GENERATOR)
        essay = make_question(type="essay", generator=LESSON_GENERATOR)
        edited_in_files = make_question()
        edited_in_files.edited = True
        assert version_provenance(generated, generated.current) == "generated"
        assert version_provenance(authored, authored.current).startswith("written by an instructor")
        assert version_provenance(essay, essay.current) == "from the lesson's discussion questions"
        assert version_provenance(edited_in_files, edited_in_files.current) == "from the bank files"

        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        content = {**_content(generated), "stem": "Which body did the Rome summit inaugurate?"}
        edit_question(
            db.session,
            generated,
            section_id=generated.section_id,
            question_type=generated.type,
            content=content,
            author=teacher,
        )
        assert version_provenance(generated, generated.current) == "instructor edit"
        assert version_provenance(generated, generated.versions[0]) == "generated"


def _content(question):
    version = question.current
    return {
        "stem": version.stem,
        "choices": version.choices,
        "answer": version.answer,
        "accepted": version.accepted,
        "explanation": version.explanation,
    }
