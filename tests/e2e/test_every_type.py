"""The section the student journey quizzes on: found in the served bank, or made by factories.

No browser here: these check that the section found gives one question of every auto-graded
type in a quiz of that many whatever the seed, with the composer's own spread.
"""

from __future__ import annotations

import random

from app.extensions import db
from app.models import Lesson, Question
from app.quiz.selection import pick_questions
from tests.factories import make_question, make_section

from .every_type import FIXTURE_SECTION, auto_graded_types, every_type_section

SEEDS = range(60)


def _types_served(section_id: str, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311  (the composer's seed, not cryptography)
    rows = pick_questions(db.session, [section_id], len(auto_graded_types()), rng)
    return sorted(row.type for row in rows)


def test_a_section_of_every_type_is_found_and_serves_one_of_each(app):
    with app.app_context():
        thin = make_section(id="aa-thin")
        make_question(type="multiple_choice", section=thin)
        rich = make_section(id="rich")
        for n, qtype in enumerate(sorted(auto_graded_types()) * 2):
            source = {"section_id": rich.id, "paragraph": n + 1, "sentence": 1}
            make_question(type=qtype, section=rich, source=source)
        db.session.commit()
        assert every_type_section(app) == rich.id
        for seed in SEEDS:
            assert _types_served(rich.id, seed) == sorted(auto_graded_types()), seed


def test_a_type_another_type_can_crowd_out_sends_the_test_to_a_fixture_bank(app):
    """Each type served, but the only ordering question shares its sentence with the only
    multiple choice: whichever comes first crowds the other out, and a quiz of six takes a
    second multiple response instead; so this section is not chosen."""
    with app.app_context():
        crowded = make_section(id="crowded")
        db.session.add(Lesson(section_id=crowded.id, title="Crowded", body="Text.", html="<p>"))
        for n, qtype in enumerate(sorted(auto_graded_types())):
            sentence = 1 if qtype in ("ordering", "multiple_choice") else n + 2
            source = {"section_id": crowded.id, "paragraph": 1, "sentence": sentence}
            make_question(type=qtype, section=crowded, source=source)
        for n in range(2):
            source = {"section_id": crowded.id, "paragraph": 2, "sentence": n + 1}
            make_question(type="multiple_response", section=crowded, source=source)
        db.session.commit()
        served = {seed: _types_served(crowded.id, seed) for seed in SEEDS}
        assert any(types != sorted(auto_graded_types()) for types in served.values())

        assert every_type_section(app) == FIXTURE_SECTION
        assert every_type_section(app) == FIXTURE_SECTION  # made once
        for seed in SEEDS:
            assert _types_served(FIXTURE_SECTION, seed) == sorted(auto_graded_types()), seed
        fixture = db.session.query(Question).filter_by(section_id=FIXTURE_SECTION).all()
        assert {q.current.source["section_id"] for q in fixture} == {crowded.id}  # its lesson
