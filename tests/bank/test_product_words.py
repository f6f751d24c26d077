"""Instructor pages name things in the product's words: no slugs, raw ids, hex ids or commands."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
import sqlalchemy as sa

from app.bank.versions import new_version
from app.extensions import db
from app.models import User
from tests.factories import make_cohort, make_finished_attempt, make_question, make_section

HEX_ID = "q-0123456789abcdef"
SLUG = "sec-words"
GENERATOR = "claim-compared"
STARTED = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def visible(html: str) -> str:
    """The text a person reads in <main>: tags and their attributes (links, ids) left out."""
    main = html[html.index("<main") : html.index("</main>")]
    return unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def world(app, auth):
    """A class whose learner answered a short-answer question that a new version regrades."""
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        teacher = db.session.scalar(sa.select(User).where(User.username == "teacher"))
        section = make_section(id=SLUG, title="Strategic stability")
        question = make_question(type="short_answer", section=section, id=HEX_ID,
                                 status="approved", generator=GENERATOR)  # fmt: skip
        learner = User(username="ana", password_hash="-", role="student")
        db.session.add(learner)
        db.session.flush()
        cohort = make_cohort(instructor=teacher, name="Year 11", members=[learner])
        attempt = make_finished_attempt(user=learner, answers=[(question, 0.0, "St Petersburg")],
                                        started_at=STARTED, mode="test")  # fmt: skip
        version = question.current
        new_version(question, {"stem": version.stem, "answer": version.answer,
                               "accepted": [*version.accepted, "St Petersburg"],
                               "generator": GENERATOR})  # fmt: skip
        db.session.commit()
        return {"cohort": cohort.id, "learner": learner.id, "attempt": attempt.id}


def test_instructor_pages_show_titles_and_words_not_ids_or_commands(client, world):
    question = f"/instructor/questions/{HEX_ID}"
    pages = {
        "bank": "/instructor/questions",
        "question": question,
        "edit": f"{question}/edit",
        "regrade": f"{question}/regrade",
        "learner": f"/instructor/classes/{world['cohort']}/learners/{world['learner']}",
        "exports": "/instructor/exports/",
    }
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, name
        text = visible(response.get_data(as_text=True))
        for raw in (HEX_ID, SLUG, GENERATOR, "flask ", "section_id", "attempt_id"):
            assert raw not in text, (name, raw)
        if name in ("bank", "question", "learner"):
            assert "Strategic stability" in text, name
        if name in ("bank", "question"):
            assert "Claim compared" in text, name
    regrade = visible(client.get(f"{question}/regrade").get_data(as_text=True))
    assert "Attempt started" in regrade and "02 Feb 2026" in regrade
    assert not re.search(rf"\bana\s+{world['attempt']}\b", regrade)  # the attempt's id is gone
