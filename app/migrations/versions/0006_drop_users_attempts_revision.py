"""Drop users.attempts_revision: the kept test pages it served are gone

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 00:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("attempts_revision")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attempts_revision", sa.Integer(), nullable=False, server_default="0")
        )
