"""xAPI 1.0.3 statements for responses (``answered``) and finished attempts (``completed``,
``passed``/``failed``), built from the export rows. Pure functions: no Flask, no database.

Actors are accounts on the platform (homePage = the platform's URL, name = the username).
Activity ids live under the platform's URL: questions ``{base}/questions/{id}``, quizzes
``{base}/quiz/section/{section_id}`` (or ``{base}/quiz/{kind}`` for mixed and review quizzes),
lessons ``{base}/lessons/{section_id}``. An attempt is the statements' ``registration``.
Statement ids are UUID 5 of the row's identity, so exporting twice yields the same statements
and an LRS stores each once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..questions import get_type
from .writers import iso_utc

XAPI_VERSION = "1.0.3"
VERBS = {
    name: {"id": f"http://adlnet.gov/expapi/verbs/{name}", "display": {"en-US": name}}
    for name in ("answered", "completed", "passed", "failed")
}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
DEFAULT_PASS_MARK = 0.7  # share of the attempt's maximum that counts as passed
NAME_LIMIT = 250


def statement_id(base: str, *parts: Any) -> str:
    """A stable UUID for the statement about ``parts`` on the platform at ``base``."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join([base, *map(str, parts)])))


def actor(base: str, username: str) -> dict[str, Any]:
    """An Agent identified by an account on the platform."""
    account = {"homePage": base, "name": username}
    return {"objectType": "Agent", "name": username, "account": account}


def quiz_activity(base: str, kind: str, section_ids: list[str]) -> dict[str, Any]:
    """The quiz an attempt belongs to, as an assessment activity."""
    if kind == "section" and len(section_ids) == 1:
        iri, name = f"{base}/quiz/section/{section_ids[0]}", f"Section quiz: {section_ids[0]}"
    else:
        iri, name = f"{base}/quiz/{kind}", f"{kind.capitalize()} quiz"
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ASSESSMENT, "name": {"en-US": name}},
    }


def _components(prefix: str, texts: list[Any]) -> list[dict[str, Any]]:
    return [
        {"id": f"{prefix}{i}", "description": {"en-US": str(text)[:NAME_LIMIT]}}
        for i, text in enumerate(texts, 1)
    ]


def _ids(texts: list[Any], prefix: str) -> dict[str, str]:
    return {str(text): f"{prefix}{i}" for i, text in enumerate(texts, 1)}


class Tools:
    """What a question type's xAPI interaction uses from here (see ``questions.interchange``)."""

    components = staticmethod(_components)
    ids = staticmethod(_ids)


def interaction(row: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The question's cmi.interaction definition and the response in that interaction's format,
    as the question's type writes them."""
    qtype = get_type(row["question_type"])
    definition: dict[str, Any] = {
        "type": INTERACTION,
        "name": {"en-US": row["stem"][:NAME_LIMIT]},
        "interactionType": qtype.xapi_interaction,
    }
    parts, response = qtype.xapi_parts(row["key"], row["choices"], row["response"], Tools)
    definition.update(parts)
    return definition, response


def answered_statement(row: dict[str, Any], base: str, platform: str) -> dict[str, Any]:
    """The ``answered`` statement for one response row of the progress export."""
    definition, response = interaction(row)
    result: dict[str, Any] = {
        "score": {"scaled": row["score"], "raw": row["score"], "min": 0, "max": 1},
        "success": row["correct"],
        "completion": True,
    }
    if row.get("grading") == "awaiting":  # an essay not graded yet: no score to state
        del result["score"], result["success"]
    if response is not None:
        result["response"] = response
    return {
        "id": statement_id(base, "responses", row["attempt_id"], row["question_id"]),
        "version": XAPI_VERSION,
        "actor": actor(base, row["learner"]),
        "verb": VERBS["answered"],
        "object": {
            "objectType": "Activity",
            "id": f"{base}/questions/{row['question_id']}",
            "definition": definition,
        },
        "result": result,
        "context": {
            "registration": statement_id(base, "attempts", row["attempt_id"]),
            "platform": platform,
            "language": "en-US",
            "contextActivities": {
                "grouping": [
                    {
                        "objectType": "Activity",
                        "id": f"{base}/lessons/{row['section_id']}",
                        "definition": {"type": LESSON},
                    }
                ]
            },
        },
        "timestamp": iso_utc(row["answered_at"], millis=True),
    }


def _duration(start: datetime | None, end: datetime | None) -> str | None:
    if start is None or end is None or end < start:
        return None
    return f"PT{(end - start).total_seconds():.2f}S"


def attempt_statements(
    row: dict[str, Any], base: str, platform: str, pass_mark: float = DEFAULT_PASS_MARK
) -> list[dict[str, Any]]:
    """``completed`` and then ``passed`` or ``failed`` for one finished attempt (``completed``
    alone, without a score, while an essay in it awaits grading)."""
    maximum = row["max_score"] or 0
    raw = float(row["score"] or 0.0)
    scaled = round(raw / maximum, 4) if maximum else 0.0
    result: dict[str, Any] = {"success": scaled >= pass_mark, "completion": True}
    awaiting = bool(row.get("ungraded"))
    if maximum and not awaiting:
        result["score"] = {"scaled": scaled, "raw": raw, "min": 0, "max": maximum}
    if awaiting:
        del result["success"]
    duration = _duration(row["started_at"], row["finished_at"])
    if duration:
        result["duration"] = duration
    kind, mode = (
        str(getattr(row["kind"], "value", row["kind"])),
        getattr(row["mode"], "value", row["mode"]),
    )
    common = {
        "version": XAPI_VERSION,
        "actor": actor(base, row["username"]),
        "object": quiz_activity(base, kind, list(row["section_ids"] or [])),
        "result": result,
        "context": {
            "registration": statement_id(base, "attempts", row["id"]),
            "platform": platform,
            "language": "en-US",
            "extensions": {f"{base}/xapi/extensions/mode": str(mode)},
        },
        "timestamp": iso_utc(row["finished_at"], millis=True),
    }
    verbs = (
        ("completed",) if awaiting else ("completed", "passed" if result["success"] else "failed")
    )
    return [
        {"id": statement_id(base, "attempts", row["id"], verb), "verb": VERBS[verb], **common}
        for verb in verbs
    ]
