"""LTI 1.3: registered platforms, deployments, nonces, linked users, courses, links, attempts,
the grade log and new-window tickets

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 04:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.String(length=255)
URL = sa.String(length=2000)
WHEN = sa.DateTime()


def upgrade():
    op.create_table(
        "lti_platforms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("issuer", ID, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("key_set_url", URL, nullable=False),
        sa.Column("auth_login_url", URL, nullable=False),
        sa.Column("auth_token_url", URL, nullable=False),
        sa.Column("auth_audience", URL, nullable=True),
        sa.Column("tool_private_key", sa.Text(), nullable=False),
        sa.Column("tool_kid", sa.String(length=64), nullable=False),
        sa.Column("key_set_json", sa.Text(), nullable=True),
        sa.Column("key_set_expires_at", WHEN, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("issuer", "client_id", name="uq_lti_platforms_client"),
        sa.UniqueConstraint("tool_kid"),
    )
    op.create_index("ix_lti_platforms_issuer", "lti_platforms", ["issuer"])
    op.create_table(
        "lti_deployments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("deployment_id", ID, nullable=False),
        sa.ForeignKeyConstraint(["platform_id"], ["lti_platforms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform_id", "deployment_id"),
    )
    op.create_index("ix_lti_deployments_platform_id", "lti_deployments", ["platform_id"])
    op.create_table(
        "lti_nonces",
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("nonce"),
    )
    op.create_index("ix_lti_nonces_expires_at", "lti_nonces", ["expires_at"])
    op.create_table(
        "lti_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issuer", ID, nullable=False),
        sa.Column("sub", ID, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("issuer", "sub"),
    )
    op.create_index("ix_lti_users_user_id", "lti_users", ["user_id"])
    op.create_table(
        "lti_contexts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("issuer", ID, nullable=False),
        sa.Column("context_id", ID, nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("memberships_url", URL, nullable=True),
        sa.Column("lineitems_url", URL, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["platform_id"], ["lti_platforms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("issuer", "context_id"),
    )
    op.create_index("ix_lti_contexts_cohort_id", "lti_contexts", ["cohort_id"])
    op.create_index("ix_lti_contexts_platform_id", "lti_contexts", ["platform_id"])
    op.create_table(
        "lti_resource_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("context_pk", sa.Integer(), nullable=False),
        sa.Column("resource_link_id", ID, nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("resource", sa.String(length=200), nullable=False),
        sa.Column("lineitem_url", URL, nullable=True),
        sa.Column("score_scope", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["context_pk"], ["lti_contexts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("context_pk", "resource_link_id"),
    )
    op.create_index("ix_lti_resource_links_context_pk", "lti_resource_links", ["context_pk"])
    op.create_table(
        "lti_attempts",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("sub", ID, nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["link_id"], ["lti_resource_links.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id"),
    )
    op.create_index("ix_lti_attempts_link_id", "lti_attempts", ["link_id"])
    op.create_table(
        "lti_grade_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("sub", ID, nullable=False),
        sa.Column("score_given", sa.Double(), nullable=False),
        sa.Column("score_maximum", sa.Double(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "sent", "failed", name="gradestatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("next_try_at", WHEN, nullable=False),
        sa.Column("sent_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["link_id"], ["lti_resource_links.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id"),
    )
    op.create_index("ix_lti_grade_sends_link_id", "lti_grade_sends", ["link_id"])
    op.create_index("ix_lti_grade_sends_status", "lti_grade_sends", ["status"])
    op.create_table(
        "lti_tickets",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index("ix_lti_tickets_expires_at", "lti_tickets", ["expires_at"])
    op.create_index("ix_lti_tickets_user_id", "lti_tickets", ["user_id"])


def downgrade():
    for table in (
        "lti_tickets",
        "lti_grade_sends",
        "lti_attempts",
        "lti_resource_links",
        "lti_contexts",
        "lti_users",
        "lti_nonces",
        "lti_deployments",
        "lti_platforms",
    ):
        op.drop_table(table)
