"""The learner's own start page after log-in or registration, and the navigation (issue 16)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import ReviewCard, utcnow
from tests.conftest import PASSWORD
from tests.quiz.test_pages import start


@pytest.fixture
def learner(auth):
    auth.create("learner")
    auth.login("learner")
    return auth


def test_registration_and_log_in_land_on_whats_next(client, bank):
    data = {"username": "newcomer", "password": PASSWORD, "confirm": PASSWORD}
    registered = client.post("/auth/register", data=data)
    assert registered.status_code == 302 and registered.location == "/next"
    page = client.get("/next").get_data(as_text=True)
    assert "Your account is ready" in page and "What's next, newcomer" in page
    assert "Nothing is due for review today." in page
    assert (
        "<strong>Preamble</strong>" in page and 'href="/lessons/preamble">Read the lesson' in page
    )
    client.post("/auth/logout")
    logged_in = client.post("/auth/login", data={"username": "newcomer", "password": PASSWORD})
    assert logged_in.location == "/next"


def test_whats_next_offers_the_unfinished_attempt_and_the_reviews_due(app, client, learner, bank):
    finished = start(client, [bank], mode="test")
    client.post(f"/quiz/attempts/{finished}/finish")
    with app.app_context():
        db.session.execute(sa.update(ReviewCard).values(due=utcnow() - timedelta(hours=1)))
        db.session.commit()
    unfinished = start(client, [bank], mode="practice")
    page = client.get("/next").get_data(as_text=True)
    assert f'href="/quiz/attempts/{unfinished}">Resume the section practice' in page
    assert "<strong>6</strong> questions due for review today." in page
    assert page.count('action="/quiz/review"') == 1 and "Review them now" in page


def test_the_navigation_marks_the_current_page_and_has_a_menu_button_without_script(
    client, learner, bank
):
    for path, label in (("/next", "What's next"), ("/quiz/", "Quizzes"), ("/lessons/", "Lessons"),
                        ("/progress/", "My progress")):  # fmt: skip
        page = client.get(path).get_data(as_text=True)
        nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
        current = re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', nav)
        assert [c.replace("&#39;", "'") for c in current] == [label], path
        assert (
            '<details class="menu" open>' in nav
            and '<summary class="menu-button">Menu</summary>' in nav
        )
