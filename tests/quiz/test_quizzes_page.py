"""The Quizzes page with reviews due: two forms side by side, each with ids of its own."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import ReviewCard, utcnow
from tests.quiz.test_pages import start


def make_all_due(app) -> None:
    """Every review card of the learner due an hour ago (as if days had passed)."""
    with app.app_context():
        db.session.execute(sa.update(ReviewCard).values(due=utcnow() - timedelta(hours=1)))
        db.session.commit()


def test_no_id_is_used_twice_when_reviews_are_due(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    make_all_due(app)
    page = client.get("/quiz/").get_data(as_text=True)
    assert "Start the review" in page
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, n in ids.items() if n > 1] == []
    for target in re.findall(r'<label for="([^"]+)"', page):
        assert ids[target] == 1, target
    assert 'for="review-count"' in page and 'id="review-mode-0"' in page
