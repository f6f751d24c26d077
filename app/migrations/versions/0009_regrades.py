"""Regrades: who re-scored a question's past responses, when, and each score they changed

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 01:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "regrades",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["instructor_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["question_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("regrades", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrades_question_id"), ["question_id"], unique=False)

    op.create_table(
        "regrade_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regrade_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("old_score", sa.Double(), nullable=False),
        sa.Column("new_score", sa.Double(), nullable=False),
        sa.Column("old_attempt_score", sa.Double(), nullable=True),
        sa.Column("new_attempt_score", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["regrade_id"], ["regrades.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("regrade_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_regrade_changes_regrade_id"), ["regrade_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_regrade_changes_response_id"), ["response_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("regrade_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regrade_changes_response_id"))
        batch_op.drop_index(batch_op.f("ix_regrade_changes_regrade_id"))
    op.drop_table("regrade_changes")
    with op.batch_alter_table("regrades", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regrades_question_id"))
    op.drop_table("regrades")
