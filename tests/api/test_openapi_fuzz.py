"""Property-based (Hypothesis) over the OpenAPI document: every operation it describes, with
bodies drawn from its own schemas (valid, with a field of the wrong type, missing fields, or any
JSON at all), existing and missing path values, and with or without the bearer token, never
answers 5xx, and every answer is one the document lists, in the shape it gives.

Bounded and reproducible for CI: a fixed number of examples per operation, derandomized.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import timedelta
from urllib.parse import quote

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from app.api.openapi import OPENAPI
from app.urls import MAX_DATABASE_INT

from .conftest import get_token

EXAMPLES = int(os.environ.get("FUZZ_OPENAPI_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),  # per request, generous for a loaded machine
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPERATIONS = [
    (path, method.upper())
    for path, item in OPENAPI["paths"].items()
    for method in item
    if method in ("get", "put", "post", "patch", "delete")
]
NO_BODY = object()
HOSTILE = ["", "\x00", "a\x00b", "../x", "𝔘" * 50, "x" * 10_000, "<script>", "' OR 1=1 --", "٣"]

text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
    st.sampled_from(HOSTILE),
)
number = st.one_of(
    st.integers(-3, 60), st.sampled_from([MAX_DATABASE_INT + 1, 2**63, 10**30]), st.integers()
)
any_json = st.recursive(
    st.one_of(st.none(), st.booleans(), number, st.floats(allow_nan=False), text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=8,
)


def resolved(node):
    """The node with every $ref of the document replaced by what it names."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = OPENAPI
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return resolved(target)
        return {key: resolved(value) for key, value in node.items()}
    if isinstance(node, list):
        return [resolved(value) for value in node]
    return node


def as_json_schema(node):
    """OpenAPI 3.0's ``nullable`` in JSON Schema's words (anyOf the schema or null)."""
    if isinstance(node, dict):
        node = {key: as_json_schema(value) for key, value in node.items()}
        if node.pop("nullable", False):
            return {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [as_json_schema(value) for value in node]
    return node


def from_schema(schema: dict, known: dict) -> st.SearchStrategy:
    """Values the schema allows (within bounds), with known ids for the fields that name one."""
    if "enum" in schema:
        found = st.sampled_from(schema["enum"])
    elif schema.get("type") == "object":
        properties = {
            name: from_schema(sub, known) if name not in known else st.sampled_from(known[name])
            for name, sub in schema.get("properties", {}).items()
        }
        required = set(schema.get("required", []))
        found = st.fixed_dictionaries(
            {n: s for n, s in properties.items() if n in required},
            optional={n: s for n, s in properties.items() if n not in required},
        )
    elif schema.get("type") == "array":
        items = schema.get("items", {})
        found = st.lists(
            from_schema(items, known),
            min_size=schema.get("minItems", 0),
            max_size=min(schema.get("maxItems", 4), 4),
        )
    elif schema.get("type") == "integer":
        found = st.integers(schema.get("minimum"), schema.get("maximum"))
    elif schema.get("type") == "number":
        found = st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False)
    elif schema.get("type") == "string":
        found = text
    elif schema.get("type") == "boolean":
        found = st.booleans()
    else:
        found = any_json
    return st.one_of(st.none(), found) if schema.get("nullable") else found


def body_for(schema: dict, known: dict) -> st.SearchStrategy:
    """A body the schema allows, one with a field of any type or a field missing, or any JSON."""
    valid = from_schema(schema, known)
    names = sorted(schema.get("properties", {}))
    if not names:
        return st.one_of(valid, any_json)
    spoiled = st.tuples(valid, st.sampled_from(names), any_json).map(lambda t: {**t[0], t[1]: t[2]})
    missing = st.tuples(valid, st.sampled_from(names)).map(
        lambda t: {k: v for k, v in t[0].items() if k != t[1]}
    )
    return st.one_of(valid, valid, spoiled, missing, any_json)


@pytest.fixture
def learner(app, curriculum, client, auth):
    """The learner's token and the ids of an attempt in progress (to resume and answer)."""
    auth.create("learner")
    token = get_token(client, "learner")
    sections = [s["id"] for s in client.get("/api/v1/sections").get_json()["sections"]]
    started = client.post(
        "/api/v1/attempts",
        json={"section_ids": sections[:1], "mode": "practice", "count": 5},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert started.status_code == 201, started.get_json()
    attempt = started.get_json()
    return {
        "token": token,
        "section_id": sections,
        "section_ids": [sections[:1], sections[:3]],
        "attempt_id": [attempt["id"]],
        "question_id": [q["question_id"] for q in attempt["questions"]],
    }


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_every_operation_answers_as_documented_and_never_5xx(app, client, learner, path, method):
    operation = resolved(OPENAPI["paths"][path][method.lower()])
    responses = operation["responses"]
    known = {"section_ids": learner["section_ids"]}
    parameters = {
        p["name"]: st.one_of(
            st.sampled_from(learner[p["name"]]),
            number if p["schema"]["type"] == "integer" else text.filter(bool),
        ).map(lambda v: quote(str(v), safe=""))
        for p in operation.get("parameters", [])
    }
    schema = (
        operation.get("requestBody", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
    )
    bodies = body_for(schema, known) if schema else st.just(NO_BODY)
    tokens = st.sampled_from([learner["token"], learner["token"], "", "not-a-token"])

    @FUZZ
    @given(values=st.fixed_dictionaries(parameters), body=bodies, token=tokens)
    def check(values, body, token):
        url = path.format(**values)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        sent = {}
        request = f"{method} {url} token={'yes' if token == learner['token'] else repr(token)}"
        if body is not NO_BODY:
            sent = {"data": json.dumps(body), "content_type": "application/json"}
            request += f" JSON body={sent['data']}"
        note(request)
        try:
            response = client.open(url, method=method, headers=headers, **sent)
        except Exception as error:  # TESTING propagates a view's exception: a 500
            raise AssertionError(f"500 (uncaught {error!r}) for {request}") from error
        status = str(response.status_code)
        assert response.status_code < 500, f"{status} for {request}"
        # 404 and 405 answer paths no route of the document takes (an id over the integer)
        assert status in responses or status in ("404", "405"), (
            f"{status} is not among the documented {sorted(responses)} for {request}: "
            f"{response.get_data(as_text=True)[:300]}"
        )
        documented = responses.get(status, {}).get("content", {}).get("application/json")
        if documented:
            jsonschema.validate(response.get_json(), as_json_schema(documented["schema"]))

    check()


def test_the_schema_reader_draws_what_the_schema_allows():
    """The strategies above give valid bodies: NewAttempt's bounds hold in every draw."""
    schema = resolved(copy.deepcopy(OPENAPI["components"]["schemas"]["NewAttempt"]))

    @settings(max_examples=30, derandomize=True, database=None)
    @given(from_schema(schema, {}))
    def check(value):
        jsonschema.validate(value, as_json_schema(schema))

    check()
