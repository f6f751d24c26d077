"""users: one account per username whatever its case (unique index on lower(username))

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:00:00

Names that already differ only in case (possible before: the check was in code only, and two
registrations at the same moment could both pass it) keep the oldest account as it is; each
later one is renamed to its name followed by "-" and its id, and the rename is printed.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEX = "uq_users_username_lower"


def upgrade():
    connection = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String))
    first = {}
    for user_id, username in connection.execute(
        sa.select(users.c.id, users.c.username).order_by(users.c.id)
    ):
        key = username.lower()
        if key not in first:
            first[key] = user_id
            continue
        renamed = f"{username[:50]}-{user_id}"
        print(f"0010: user {user_id} {username!r} is renamed {renamed!r}")  # noqa: T201
        connection.execute(sa.update(users).where(users.c.id == user_id).values(username=renamed))
    op.create_index(INDEX, "users", [sa.text("lower(username)")], unique=True)


def downgrade():
    op.drop_index(INDEX, table_name="users")
