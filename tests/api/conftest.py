"""Fixtures of the API tests: a learner's API client, tokens, keys (bank: tests/conftest.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from tests.conftest import PASSWORD


def get_token(client, username):
    response = client.post("/api/v1/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]


@pytest.fixture
def api(client, auth):
    """A client for the API as the learner ``learner`` (bearer token in every request)."""
    auth.create("learner")
    token = get_token(client, "learner")

    class Api:
        def __getattr__(self, method):
            def call(path, **kw):
                headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
                return client.open(f"/api/v1{path}", method=method.upper(), headers=headers, **kw)

            return call

    return Api()


def keys_of(app):
    from app.models import Question

    with app.app_context():
        return {
            q.id: (q.type, q.current.answer, q.current.accepted, q.current.explanation)
            for q in db.session.scalars(sa.select(Question))
        }
