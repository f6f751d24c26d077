"""Fixtures of the quiz page tests: a bank of every type, a logged-in learner."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import make_bank, make_section


@pytest.fixture
def bank(app):
    with app.app_context():
        section = make_bank(make_section(id="preamble", title="Preamble"), per_type=2)
        db.session.commit()
        return section.id


@pytest.fixture
def learner(auth):
    auth.create("learner")
    auth.login("learner")
    return auth
