"""A quiz serves no two questions drawn from one source sentence while others are available."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from app.extensions import db
from app.models import Question
from app.quiz.starting import build_attempt
from tests.factories import make_question, make_section, make_user

NOW = datetime(2026, 5, 24, 12, 0, tzinfo=UTC)
TYPES = ("multiple_choice", "true_false", "short_answer")


def _bank() -> tuple[str, list[str]]:
    """Six questions on paragraph 2, sentence 1 and six on six other sentences, each with its
    own fact. Returns the section id and the question ids, crowded sentence first."""
    section = make_section(id="crowded", title="Crowded")
    ids = []
    for n in range(12):
        paragraph = 2 if n < 6 else n
        source = {"section_id": section.id, "paragraph": paragraph, "sentence": 1, "quote": "Q."}
        question = make_question(
            type=TYPES[n % 3], section=section, status="approved", source=source
        )
        question.fact = f"fact-{n}"
        ids.append(question.id)
    db.session.flush()
    return section.id, ids


def _sentences(attempt) -> Counter:
    return Counter(
        db.session.get(Question, s.question_id).current.source["paragraph"]
        for s in attempt.served_questions
    )


def test_a_quiz_draws_each_question_from_another_sentence_while_it_can(app):
    with app.app_context():
        section_id, _ = _bank()
        learner = make_user()
        for seed in range(10):
            attempt = build_attempt(
                db.session, learner, [section_id], "test", 7, seed=seed, now=NOW
            )
            sentences = _sentences(attempt)
            assert sum(sentences.values()) == 7
            assert max(sentences.values()) == 1, (seed, sentences)


def test_a_second_question_on_a_sentence_only_fills_up_the_quiz(app):
    with app.app_context():
        section_id, _ = _bank()
        attempt = build_attempt(db.session, make_user(), [section_id], "test", 9, seed=3, now=NOW)
        assert _sentences(attempt)[2] == 3  # one for the crowded sentence, two to make up nine


def test_a_review_quiz_skips_a_second_question_on_a_sentence(app):
    with app.app_context():
        section_id, ids = _bank()
        due = [ids[0], ids[1], ids[6]]
        attempt = build_attempt(
            db.session, make_user(), [section_id], "practice", 2, question_ids=due, now=NOW
        )
        assert [s.question_id for s in attempt.served_questions] == [ids[0], ids[6]]


def test_a_question_set_aside_for_its_sentence_gives_its_turn_to_its_own_type(app):
    """Three types, each with one question on a shared sentence and one on a sentence of its
    own: a quiz of three serves one of each type for every seed, never two of one type."""
    with app.app_context():
        section = make_section(id="typed", title="Typed")
        for n, qtype in enumerate(TYPES * 2):
            paragraph = 1 if n < 3 else 10 + n
            source = {
                "section_id": section.id,
                "paragraph": paragraph,
                "sentence": 1,
                "quote": "Q.",
            }
            question = make_question(type=qtype, section=section, status="approved", source=source)
            question.fact = f"typed-{n}"
        db.session.flush()
        learner = make_user()
        for seed in range(12):
            attempt = build_attempt(db.session, learner, ["typed"], "test", 3, seed=seed, now=NOW)
            served = [db.session.get(Question, s.question_id) for s in attempt.served_questions]
            assert sorted(q.type for q in served) == sorted(TYPES), seed
            assert max(Counter(q.current.source["paragraph"] for q in served).values()) == 1
