"""Shared helpers for quiz page tests: a counted bank, right answers, secrets to look for."""

from __future__ import annotations

import re
from contextlib import contextmanager
from html import unescape

import sqlalchemy as sa
from sqlalchemy import event

from app.extensions import db
from app.models import Response, ServedQuestion, utcnow
from tests.factories import QUESTION_DEFAULTS


def right_form(served: ServedQuestion) -> dict:
    """Form fields that answer ``served`` right."""
    name, key = f"q{served.position}", served.version.answer
    qtype = served.version.question.type
    if qtype == "true_false":
        return {name: "true" if key else "false"}
    if qtype == "matching":
        return {f"{name}-{i}": right for i, (_left, right) in enumerate(key)}
    if qtype == "ordering":
        return {
            f"{name}-{i}": str(key.index(item) + 1) for i, item in enumerate(served.choice_order)
        }
    return {name: key}


def wrong_form(served: ServedQuestion) -> dict:
    """Form fields that answer ``served`` wrong (each type in its own shape)."""
    name, key = f"q{served.position}", served.version.answer
    qtype = served.version.question.type
    if qtype == "multiple_choice":
        return {name: next(c for c in served.choice_order if c != key)}
    if qtype == "multiple_response":
        return {name: [c for c in served.choice_order if c not in key]}
    if qtype == "true_false":
        return {name: "false" if key else "true"}
    if qtype == "short_answer":
        return {name: "Washington"}
    if qtype == "matching":  # every left item given its neighbour's right item
        rights = [right for _left, right in key]
        return {f"{name}-{i}": rights[(i + 1) % len(rights)] for i in range(len(key))}
    wrong = list(reversed(key))
    return {f"{name}-{i}": str(wrong.index(item) + 1) for i, item in enumerate(served.choice_order)}


def secrets_of(served: ServedQuestion) -> list[str]:
    """Strings that must not reach the learner before feedback is due."""
    version = served.version
    found = [version.explanation]
    if served.version.question.type == "short_answer":
        found += [version.answer, *version.accepted]
    return [s for s in found if s]


def main_of(html: str) -> str:
    """The page's <main> element as text (entities decoded), without the header and footer."""
    return unescape(html[html.index("<main") : html.index("</main>")])


def leaked(page: str, secrets: list[str]) -> list[str]:
    """Secrets found in the page's main content."""
    content = main_of(page)
    return [secret for secret in secrets if secret in content]


def attempt_id_from(location: str) -> int:
    return int(re.search(r"/attempts/(\d+)", location).group(1))


@contextmanager
def count_queries():
    """Count the SQL statements run inside the block (``counter["n"]``)."""
    counter = {"n": 0, "sql": []}

    def before(conn, cursor, statement, parameters, context, executemany):
        counter["n"] += 1
        counter["sql"].append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


# The statement that holds an attempt open before an answer is stored (answers.hold_open_attempt):
# SELECT ... FOR UPDATE on PostgreSQL, a conditional UPDATE of the attempt on SQLite.
def _holds_attempt(statement: str) -> bool:
    text = " ".join(statement.split()).upper()
    return text.startswith("UPDATE ATTEMPTS SET STATE=ATTEMPTS.STATE") or (
        text.startswith("SELECT ATTEMPTS.ID") and text.endswith("FOR UPDATE")
    )


@contextmanager
def racing_insert(engine, attempt_id: int, served_id: int, answer):
    """After the request read the attempt and before it holds it to store its answer, another
    request commits ``answer`` for the same served question (a double click, an autosave racing
    the Save button); yields a list that holds the raced statement once the race happened."""
    raced = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if raced or not _holds_attempt(statement):
            return
        raced.append(statement)
        with engine.begin() as other_request:
            other_request.execute(
                sa.insert(Response).values(
                    attempt_id=attempt_id, served_id=served_id, answer=answer, score=0.0,
                    correct=False, answered_at=utcnow(),
                )
            )  # fmt: skip

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield raced
    finally:
        event.remove(engine, "before_cursor_execute", before)


ALL_TYPES = list(QUESTION_DEFAULTS)
