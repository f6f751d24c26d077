"""The OpenAPI 3 description of /api/v1 (tests check it against the real routes)."""

from __future__ import annotations

from typing import Any

from ..questions import QUESTION_TYPES


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes}


_ATTEMPT_ID = {"name": "attempt_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_QUESTION_ID = {"name": "question_id", "in": "path", "required": True, "schema": {"type": "string"}}
_SECTION_ID = {"name": "section_id", "in": "path", "required": True, "schema": {"type": "string"}}
_AUTH = [{"bearer": []}]

_ANSWER_DOC = (
    "The answer in the question type's shape: "
    + "; ".join(f"{qtype.name} {qtype.json_answer}" for qtype in QUESTION_TYPES.values())
    + ". Only options the attempt offered are accepted."
)

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
                    "content": {"application/json": {"schema": _ref("Credentials")}},
                },
                "responses": {"200": _json(_ref("Token"), "A new token"), **_errors(400, 401, 429)},
            }
        },
        "/api/v1/sections": {
            "get": {
                "summary": "Every section in order",
                "responses": {"200": _json(_ref("SectionList"), "The sections")},
            }
        },
        "/api/v1/sections/{section_id}": {
            "get": {
                "summary": "One section with its lesson",
                "parameters": [_SECTION_ID],
                "responses": {"200": _json(_ref("SectionLesson"), "The lesson"), **_errors(404)},
            }
        },
        "/api/v1/attempts": {
            "post": {
                "summary": "Start an attempt (questions come without keys)",
                "security": _AUTH,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewAttempt")}},
                },
                "responses": {
                    "201": _json(_ref("Attempt"), "The attempt and its questions"),
                    **_errors(400, 401),
                },
            }
        },
        "/api/v1/attempts/{attempt_id}": {
            "get": {
                "summary": "One of your attempts as it stands (to resume it)",
                "security": _AUTH,
                "parameters": [_ATTEMPT_ID],
                "responses": {"200": _json(_ref("Attempt"), "The attempt"), **_errors(401, 404)},
            }
        },
        "/api/v1/attempts/{attempt_id}/responses/{question_id}": {
            "put": {
                "summary": "Save the answer to one question (the same answer twice is saved once)",
                "security": _AUTH,
                "parameters": [_ATTEMPT_ID, _QUESTION_ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Answer")}},
                },
                "responses": {
                    "200": _json(_ref("Question"), "The question; in practice with feedback"),
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
                    "200": _json(_ref("Attempt"), "The finished attempt with feedback"),
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/me/progress": {
            "get": {
                "summary": "Your level per section and the reviews due today",
                "security": _AUTH,
                "responses": {"200": _json(_ref("Progress"), "Your progress"), **_errors(401)},
            }
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {
            f"E{code}": _json(_ref("Error"), text)
            for code, text in {
                400: "Malformed or invalid input (a NUL character anywhere in the request, "
                "say); nothing was changed",
                401: "Missing, unknown or expired token, or wrong credentials",
                404: "No such object of yours",
                409: "The attempt is finished, its time is up, or a practice answer is final",
                429: "Too many log-in attempts",
            }.items()
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            },
            "Credentials": {
                "type": "object",
                "required": ["username", "password"],
                "properties": {"username": {"type": "string"}, "password": {"type": "string"}},
            },
            "Token": {
                "type": "object",
                "required": ["token", "token_type", "expires_at"],
                "properties": {
                    "token": {"type": "string"},
                    "token_type": {"type": "string", "enum": ["Bearer"]},
                    "expires_at": {"type": "string", "format": "date-time"},
                },
            },
            "Section": {
                "type": "object",
                "required": ["id", "title", "order"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "order": {"type": "integer"},
                },
            },
            "SectionList": {
                "type": "object",
                "required": ["sections"],
                "properties": {"sections": {"type": "array", "items": _ref("Section")}},
            },
            "SectionLesson": {
                "type": "object",
                "required": ["id", "title", "order", "lesson"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "order": {"type": "integer"},
                    "lesson": {
                        "type": "object",
                        "required": ["title", "html", "markdown"],
                        "properties": {
                            "title": {"type": "string"},
                            "html": {"type": "string"},
                            "markdown": {"type": "string"},
                        },
                    },
                },
            },
            "NewAttempt": {
                "type": "object",
                "required": ["section_ids", "mode", "count"],
                "properties": {
                    "section_ids": {
                        "type": "array",
                        "items": {"type": "string"},
                        "minItems": 1,
                        "maxItems": 50,
                    },
                    "mode": {"type": "string", "enum": ["practice", "test"]},
                    "count": {"type": "integer", "minimum": 1, "maximum": 50},
                    "time_limit": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 180,
                        "nullable": True,
                        "description": "Minutes (tests only), kept on the server",
                    },
                },
            },
            "Answer": {
                "type": "object",
                "required": ["answer"],
                "properties": {"answer": {"description": _ANSWER_DOC}},
            },
            "Question": {
                "type": "object",
                "required": ["question_id", "position", "type", "stem", "answered"],
                "description": (
                    "choices (choice types; true_false offers [true, false]), left/right "
                    "(matching) or items (ordering) in the order served. After a practice "
                    "answer or once the attempt is finished: answer, score, correct, key, "
                    "explanation and lesson_url (the source paragraph, highlighted); an essay "
                    "adds grading, points, max_points and the grader's comment."
                ),
                "properties": {
                    "question_id": {"type": "string"},
                    "position": {"type": "integer"},
                    "type": {
                        "type": "string",
                        "enum": list(QUESTION_TYPES),
                    },
                    "stem": {"type": "string"},
                    "choices": {"type": "array", "items": {}},
                    "left": {"type": "array", "items": {"type": "string"}},
                    "right": {"type": "array", "items": {"type": "string"}},
                    "items": {"type": "array", "items": {"type": "string"}},
                    "answered": {"type": "boolean"},
                    "answer": {"description": "Your saved answer (canonical shape)"},
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                    "correct": {"type": "boolean"},
                    "key": {"description": "The right answer"},
                    "explanation": {"type": "string"},
                    "lesson_url": {"type": "string"},
                    "grading": {
                        "type": "string",
                        "enum": ["awaiting", "graded"],
                        "description": "An essay: awaiting an instructor's grade, or graded",
                    },
                    "points": {"type": "number", "nullable": True, "minimum": 0},
                    "max_points": {"type": "integer", "minimum": 1},
                    "comment": {"type": "string", "description": "The grader's comment"},
                },
            },
            "Attempt": {
                "type": "object",
                "required": ["id", "mode", "kind", "state", "questions", "max_score"],
                "properties": {
                    "id": {"type": "integer"},
                    "mode": {"type": "string", "enum": ["practice", "test"]},
                    "kind": {"type": "string", "enum": ["section", "mixed", "review"]},
                    "state": {"type": "string", "enum": ["in_progress", "finished"]},
                    "section_ids": {"type": "array", "items": {"type": "string"}},
                    "seed": {"type": "integer"},
                    "started_at": {"type": "string", "format": "date-time"},
                    "deadline": {"type": "string", "format": "date-time", "nullable": True},
                    "seconds_left": {"type": "integer", "nullable": True},
                    "finished_at": {"type": "string", "format": "date-time", "nullable": True},
                    "score": {"type": "number", "nullable": True},
                    "max_score": {"type": "integer"},
                    "awaiting_grading": {
                        "type": "boolean",
                        "description": "Finished, with an essay an instructor has not graded yet",
                    },
                    "questions": {"type": "array", "items": _ref("Question")},
                },
            },
            "Progress": {
                "type": "object",
                "required": ["sections", "due_reviews", "attempts"],
                "properties": {
                    "sections": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "section_id": {"type": "string"},
                                "title": {"type": "string"},
                                "level": {
                                    "type": "string",
                                    "enum": [
                                        "not_started",
                                        "attempted",
                                        "familiar",
                                        "proficient",
                                        "mastered",
                                    ],
                                },
                                "best_score": {"type": "number"},
                                "attempts": {"type": "integer"},
                            },
                        },
                    },
                    "due_reviews": {"type": "integer"},
                    "attempts": {"type": "integer"},
                },
            },
        },
    },
}

# Any request may be refused as malformed before its view runs (app/inputs.py: a NUL character
# in the path, query string or body), so every operation lists the 400 answer.
for _item in OPENAPI["paths"].values():
    for _operation in _item.values():
        _operation["responses"].setdefault("400", {"$ref": "#/components/responses/E400"})
