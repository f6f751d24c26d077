"""questions.fact, approval_required, changed_in_browser: reviews kept in v2 bank files

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 00:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fact", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("approval_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("changed_in_browser", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_column("changed_in_browser")
        batch_op.drop_column("approval_required")
        batch_op.drop_column("fact")
