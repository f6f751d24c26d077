"""INSERT of new responses that leaves alone a question another request has just answered.

Two requests may answer the same question at the same moment (a double click, an autosave
racing the Save button, a client retrying). Both find no saved answer; with a plain INSERT the
second one hit the unique served_id and failed with a 409 even when it sent the very same
answer. ON CONFLICT DO NOTHING (SQLite and PostgreSQL) lets it read what was saved instead, and
the engine decides again against that answer (see engine.plan_response).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Response

TABLE = Response.__table__
# Built once (building a statement cost more than running it); values come as parameters.
_INSERTS = {
    name: dialect.insert(TABLE).on_conflict_do_nothing(index_elements=["served_id"])
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
# another database: a duplicate raises IntegrityError (answered 409 by the routes)
_PLAIN_INSERT = sa.insert(TABLE)
_RETURNING = {name: insert.returning(TABLE.c.id) for name, insert in _INSERTS.items()}
_PLAIN_RETURNING = _PLAIN_INSERT.returning(TABLE.c.id)


def insert_one(session: Session, values: dict[str, Any]) -> int | None:
    """Insert one response; its id, or None when its question has a saved answer already."""
    statement = _RETURNING.get(session.get_bind().dialect.name, _PLAIN_RETURNING)
    return session.execute(statement, values).scalar()


def insert_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert responses (one statement); questions answered meanwhile keep their answer."""
    session.execute(_INSERTS.get(session.get_bind().dialect.name, _PLAIN_INSERT), rows)
