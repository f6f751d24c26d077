"""co-instructors of a class; a class made by an LMS course's first launch may have no
instructor until one launches it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 15:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# as in 0013: SQLite rebuilds the batch-altered table without reflecting the tables its
# foreign keys name (users has an expression index SQLAlchemy cannot reflect)
NO_FKS = {"resolve_fks": False}


def upgrade():
    op.create_table(
        "cohort_instructors",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cohort_id", "user_id"),
    )
    with op.batch_alter_table("cohort_instructors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cohort_instructors_user_id"), ["user_id"], unique=False
        )
    with op.batch_alter_table("cohorts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.alter_column("instructor_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    # a class no instructor has opened yet cannot stay: it goes with its members
    op.execute("DELETE FROM cohorts WHERE instructor_id IS NULL")
    with op.batch_alter_table("cohorts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.alter_column("instructor_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("cohort_instructors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_instructors_user_id"))
    op.drop_table("cohort_instructors")
