"""The OpenAPI 3 description of /api/v1 (tests check it against the real routes)."""

from __future__ import annotations

from typing import Any

from .schemas import SCHEMAS, ref


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes}


_ATTEMPT_ID = {"name": "attempt_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_QUESTION_ID = {"name": "question_id", "in": "path", "required": True, "schema": {"type": "string"}}
_SECTION_ID = {"name": "section_id", "in": "path", "required": True, "schema": {"type": "string"}}
_AUTH = [{"bearer": []}]

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "Declaration Tutor API",
        "version": "1.0.0",
        "description": (
            "Lessons and quizzes on the 2002 US–Russia Joint Declaration. Keys and explanations "
            "appear only after a practice answer is saved or a test is finished."
        ),
    },
    "servers": [{"url": "/"}],
    "paths": {
        "/api/v1/openapi.json": {
            "get": {
                "summary": "This document",
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document")},
            }
        },
        "/api/v1/token": {
            "post": {
                "summary": "Exchange a username and password for a bearer token",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("Credentials")}},
                },
                "responses": {"200": _json(ref("Token"), "A new token"), **_errors(400, 401, 429)},
            }
        },
        "/api/v1/sections": {
            "get": {
                "summary": "Every section in order",
                "responses": {"200": _json(ref("SectionList"), "The sections")},
            }
        },
        "/api/v1/sections/{section_id}": {
            "get": {
                "summary": "One section with its lesson",
                "parameters": [_SECTION_ID],
                "responses": {"200": _json(ref("SectionLesson"), "The lesson"), **_errors(404)},
            }
        },
        "/api/v1/attempts": {
            "post": {
                "summary": "Start an attempt (questions come without keys)",
                "security": _AUTH,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("NewAttempt")}},
                },
                "responses": {
                    "201": _json(ref("Attempt"), "The attempt and its questions"),
                    **_errors(400, 401),
                },
            }
        },
        "/api/v1/attempts/{attempt_id}": {
            "get": {
                "summary": "One of your attempts as it stands (to resume it)",
                "security": _AUTH,
                "parameters": [_ATTEMPT_ID],
                "responses": {"200": _json(ref("Attempt"), "The attempt"), **_errors(401, 404)},
            }
        },
        "/api/v1/attempts/{attempt_id}/responses/{question_id}": {
            "put": {
                "summary": "Save the answer to one question (the same answer twice is saved once)",
                "security": _AUTH,
                "parameters": [_ATTEMPT_ID, _QUESTION_ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("Answer")}},
                },
                "responses": {
                    "200": _json(ref("Question"), "The question; in practice with feedback"),
                    **_errors(400, 401, 404, 409),
                },
            }
        },
        "/api/v1/attempts/{attempt_id}/finish": {
            "post": {
                "summary": "Finish the attempt (again: nothing changes); score and results",
                "security": _AUTH,
                "parameters": [_ATTEMPT_ID],
                "responses": {
                    "200": _json(ref("Attempt"), "The finished attempt with feedback"),
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/me/progress": {
            "get": {
                "summary": "Your level per section and the reviews due today",
                "security": _AUTH,
                "responses": {"200": _json(ref("Progress"), "Your progress"), **_errors(401)},
            }
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {
            f"E{code}": _json(ref("Error"), text)
            for code, text in {
                400: "Malformed or invalid input (a NUL character anywhere in the request, "
                "say); nothing was changed",
                401: "Missing, unknown or expired token, or wrong credentials",
                404: "No such object of yours",
                409: "The attempt is finished, its time is up, or a practice answer is final",
                429: "Too many log-in attempts",
            }.items()
        },
        "schemas": SCHEMAS,
    },
}

# Any request may be refused as malformed before its view runs (app/inputs.py: a NUL character
# in the path, query string or body), so every operation lists the 400 answer.
for _item in OPENAPI["paths"].values():
    for _operation in _item.values():
        _operation["responses"].setdefault("400", {"$ref": "#/components/responses/E400"})
