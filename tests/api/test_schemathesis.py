"""schemathesis against the JSON API, in the test suite (so in CI): every operation of the
OpenAPI document, called on the WSGI app itself with a learner's bearer token; no answer is a
5xx and every answer matches the schema the document gives for it. Bounded and deterministic.

The document is read from app/api/openapi.py (what /api/v1/openapi.json serves, which
tests/api/test_api.py checks); the app comes from the test's own fixture, on SQLite or on
TEST_DATABASE_URL's PostgreSQL. (schemathesis's lazy ``from_fixture`` loader needs a pytest
internal, ``Node._nodeid``, that pytest 9 no longer has.)
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.api.openapi import OPENAPI

from .conftest import get_token

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))

schema = schemathesis.openapi.from_dict(OPENAPI)
schema.config.generation.update(
    max_examples=EXAMPLES, deterministic=True, database="none", modes=["positive", "negative"]
)


@pytest.fixture
def token(app, curriculum, client, auth) -> str:
    """A learner's bearer token, on a database with the shipped lessons and questions."""
    auth.create("learner")
    return get_token(client, "learner")


@schema.parametrize()
# one app and database for every example of an operation, on purpose: examples build on what
# earlier ones saved, as a real client's calls do; the document's bound keeps it short
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=timedelta(seconds=10),
)
def test_the_api_answers_as_its_document_says(case, app, token):
    case.call_and_validate(
        app=app,
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
