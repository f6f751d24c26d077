"""The JSON shapes of the API's requests and answers: the OpenAPI document's schemas."""

from __future__ import annotations

from typing import Any

from ..questions import QUESTION_TYPES


def ref(name: str) -> dict[str, str]:
    """A reference to the schema ``name`` of this document."""
    return {"$ref": f"#/components/schemas/{name}"}


ANSWER_DOC = (
    "The answer in the question type's shape: "
    + "; ".join(f"{qtype.name} {qtype.json_answer}" for qtype in QUESTION_TYPES.values())
    + ". Only options the attempt offered are accepted."
)

SCHEMAS: dict[str, Any] = {
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
        "properties": {"sections": {"type": "array", "items": ref("Section")}},
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
        "properties": {"answer": {"description": ANSWER_DOC}},
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
            "questions": {"type": "array", "items": ref("Question")},
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
}
