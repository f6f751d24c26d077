"""Fixtures of the quiz page tests: a logged-in learner (the bank is tests/conftest.py's)."""

from __future__ import annotations

import pytest


@pytest.fixture
def learner(auth):
    auth.create("learner")
    auth.login("learner")
    return auth
