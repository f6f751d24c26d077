"""A learner's attempts revision: one more with every change to their attempts and answers.

The count lives on the user's row, which every logged-in request reads anyway, and it moves in
the same transaction as the change it counts. A page rendered from revision N therefore holds
every change up to N, and a server that kept it knows, from the row it loads, whether it is still
current (see quiz.kept_pages). Every write to attempts or responses calls this.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, scoped_session

from ..models import User

_USERS = User.__table__
# Built once (building a statement cost more than running it); one indexed UPDATE.
_NEXT_REVISION = (
    sa.update(_USERS)
    .where(_USERS.c.id == sa.bindparam("changed_user_id"))
    .values(attempts_revision=_USERS.c.attempts_revision + 1)
)
# in session.info: the last transaction that counted a change, and whose changes it counted
_NOTED = "attempts_changed"


def note_attempts_changed(session: Session, user_id: int) -> None:
    """Count a change to ``user_id``'s attempts or answers (with the change; never commits).

    Once per transaction is enough (answers saved and the attempt finished in one request)."""
    if isinstance(session, scoped_session):  # Flask-SQLAlchemy's db.session: this thread's
        session = session()
    noted = session.info.get(_NOTED)
    if noted and noted[0] is session.get_transaction() and user_id in noted[1]:
        return
    session.execute(_NEXT_REVISION, {"changed_user_id": user_id})
    transaction = session.get_transaction()  # begun by now, whatever came before
    if noted is None or noted[0] is not transaction:
        # holding the transaction keeps it alive: a later one can never be mistaken for it
        noted = session.info[_NOTED] = (transaction, set())
    noted[1].add(user_id)
