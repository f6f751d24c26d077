"""hand grading: a response's grading state, an instructor's grade of it, and each attempt's
count of responses still waiting for one

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 14:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# as in 0013: the copied tables need no reflection of the tables their foreign keys name
NO_FKS = {"resolve_fks": False}


def upgrade():
    op.create_table(
        "response_grades",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.Double(), nullable=False),
        sa.Column("max_points", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("grader_id", sa.Integer(), nullable=True),
        sa.Column("graded_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["grader_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("response_id"),
    )
    with op.batch_alter_table("responses", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.add_column(
            sa.Column(
                "grading",
                sa.Enum("auto", "awaiting", "graded", name="gradingstate", native_enum=False,
                        length=20),
                server_default="auto",
                nullable=False,
            )
        )  # fmt: skip
    with op.batch_alter_table("attempts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.add_column(sa.Column("ungraded", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("attempts", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_column("ungraded")
    with op.batch_alter_table("responses", reflect_kwargs=NO_FKS) as batch_op:
        batch_op.drop_column("grading")
    op.drop_table("response_grades")
