"""assignments: quizzes given to a class, accommodations per learner and their log; attempts
know their assignment and number; a class has a time zone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 04:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


# SQLite rebuilds a batch-altered table from its reflection; reflecting its foreign keys' tables
# too would reflect users, whose expression index (lower(username)) SQLAlchemy warns it cannot
# reflect (an error under the tests' warning filter). The copied table needs none of them.
NO_FKS = {"resolve_fks": False}


def upgrade():
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("section_ids", sa.JSON(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("mode", _enum("practice", "test", name="attemptmode"), nullable=False),
        sa.Column("time_limit", sa.Integer(), nullable=True),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("attempts_allowed", sa.Integer(), nullable=False),
        sa.Column(
            "show_answers",
            _enum("at_once", "after_due", "never", name="showanswers"),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_cohort_id"), ["cohort_id"], unique=False)

    op.create_table(
        "accommodation_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("what", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("accommodation_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accommodation_changes_cohort_id"), ["cohort_id"], unique=False
        )

    op.create_table(
        "accommodations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("time_factor", sa.Double(), nullable=True),
        sa.Column("extra_minutes", sa.Integer(), nullable=True),
        sa.Column("extra_attempts", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "user_id", "assignment_id"),
    )
    with op.batch_alter_table("accommodations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accommodations_cohort_id"), ["cohort_id"], unique=False
        )

    with op.batch_alter_table("attempts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.add_column(sa.Column("assignment_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("attempt_number", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_attempts_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_unique_constraint(
            "uq_attempts_assignment_number", ["assignment_id", "user_id", "attempt_number"]
        )
        batch_op.create_foreign_key(
            "fk_attempts_assignment_id", "assignments", ["assignment_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip

    with op.batch_alter_table("cohorts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.add_column(
            sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("cohorts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_column("time_zone")

    with op.batch_alter_table("attempts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_constraint("fk_attempts_assignment_id", type_="foreignkey")
        batch_op.drop_constraint("uq_attempts_assignment_number", type_="unique")
        batch_op.drop_index(batch_op.f("ix_attempts_assignment_id"))
        batch_op.drop_column("attempt_number")
        batch_op.drop_column("assignment_id")

    op.drop_table("accommodations")
    op.drop_table("accommodation_changes")
    op.drop_table("assignments")
