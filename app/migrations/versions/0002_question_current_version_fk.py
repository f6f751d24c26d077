"""the questions.current_version_id foreign key that 0001 left out

Alembic leaves use_alter foreign keys out of create_table, so 0001 made questions without
fk_question_current_version (the models have it; create_all made it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:20:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_question_current_version", "question_versions", ["current_version_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_question_current_version", type_="foreignkey")
