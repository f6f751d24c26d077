"""A section whose quiz of N questions serves one of each of the N auto-graded types.

The student journey answers every type through the browser. It used to name one section of the
shipped bank, and a review retiring that section's only question of a type broke it. Here the
section is found in the bank the test database serves; when no section is sure to give one of
each type, a small bank of every type is made with the tests' factories.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from app.extensions import db
from app.models import Lesson, Question, Section
from app.questions import self_graded_types
from app.quiz.selection import sentence_of, servable_query, with_source
from tests.factories import QUESTION_DEFAULTS, make_question, make_section

FIXTURE_SECTION = "every-type-fixture"


def auto_graded_types() -> set[str]:
    """The registry's types that a quiz drawn at random serves."""
    return set(self_graded_types())


def every_type_section(app) -> str:
    """The first section (in order) sure to serve one question of every auto-graded type in a
    quiz of that many, or the factories' bank of every type made for the purpose."""
    types = auto_graded_types()
    with app.app_context():
        query = with_source(servable_query()).where(Question.type.in_(types))
        by_section: dict[str, list] = defaultdict(list)
        for row in db.session.execute(query):
            by_section[row.section_id].append(row)
        order = db.session.scalars(sa.select(Section.id).order_by(Section.order)).all()
        for section_id in order:
            if one_of_each_is_sure(by_section.get(section_id, []), types):
                return section_id
        return _fixture_bank(types)


def one_of_each_is_sure(rows: list, types: set[str]) -> bool:
    """True when every type has a question that no question of another type can crowd out.

    The composer (app/quiz/selection.py) takes the types in turn within a section and never
    serves two questions of one fact, nor two of one source sentence while others remain. A
    type whose every question shares its sentence or fact with a question of another type may
    lose its turn to that one; a type with one question shared with no other type cannot, so a
    quiz of len(types) questions then serves exactly one of each, whatever its seed.
    """
    by_type: dict[str, list] = defaultdict(list)
    for row in rows:
        by_type[row.type].append(row)
    return all(any(_own(row, rows) for row in by_type.get(qtype, [])) for qtype in types)


def _own(row, rows: list) -> bool:
    sentence = sentence_of(row.source)
    for other in rows:
        if other.type == row.type:
            continue
        if row.fact and other.fact == row.fact:
            return False
        if sentence is not None and sentence_of(other.source) == sentence:
            return False
    return True


def _fixture_bank(types: set[str]) -> str:
    """A section with one factory question of each type, each from its own paragraph of the
    first lesson (the feedback's link opens that lesson); made once per database."""
    if db.session.get(Section, FIXTURE_SECTION) is None:
        lesson_section = db.session.scalars(
            sa.select(Lesson.section_id).order_by(Lesson.section_id)
        ).first()
        assert lesson_section, "the test database has lessons"
        section = make_section(id=FIXTURE_SECTION, title="Every question type")
        missing = types - set(QUESTION_DEFAULTS)
        assert not missing, f"tests/factories.py has no default question of {missing}"
        for paragraph, qtype in enumerate(sorted(types), start=1):
            source = {"section_id": lesson_section, "paragraph": paragraph, "quote": "Quote."}
            make_question(type=qtype, section=section, source=source)
        db.session.commit()
    return FIXTURE_SECTION
