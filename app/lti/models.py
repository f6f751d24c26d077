"""LTI 1.3 tables: registered platforms, their deployments, links of accounts, courses, resource
links and attempts to the LMS's, single-use nonces and the log of grades sent back."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models.types import UTCDateTime, enum_column, utcnow

# LMS identifiers (issuer, client id, sub, context id, ...) are opaque strings of up to 255
# characters in the spec's examples; URLs are kept up to 2,000 as browsers do.
ID = sa.String(255)
URL = sa.String(2000)


class LtiPlatform(db.Model):
    """An LMS registered by an administrator, with the tool key pair made for it."""

    __tablename__ = "lti_platforms"
    __table_args__ = (sa.UniqueConstraint("issuer", "client_id", name="uq_lti_platforms_client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    issuer: Mapped[str] = mapped_column(ID, index=True)
    client_id: Mapped[str] = mapped_column(ID)
    key_set_url: Mapped[str] = mapped_column(URL)
    auth_login_url: Mapped[str] = mapped_column(URL)
    auth_token_url: Mapped[str] = mapped_column(URL)
    auth_audience: Mapped[str | None] = mapped_column(URL)
    # the tool's own RSA key pair for this platform (PEM); the public half is served at /lti/jwks
    tool_private_key: Mapped[str] = mapped_column(sa.Text)
    tool_kid: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # the platform's key set as last fetched, kept as long as its HTTP caching headers allow
    key_set_json: Mapped[str | None] = mapped_column(sa.Text)
    key_set_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    deployments: Mapped[list[LtiDeployment]] = relationship(
        back_populates="platform", cascade="all, delete-orphan", order_by="LtiDeployment.id"
    )


class LtiDeployment(db.Model):
    __tablename__ = "lti_deployments"
    __table_args__ = (sa.UniqueConstraint("platform_id", "deployment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lti_platforms.id", ondelete="CASCADE"), index=True
    )
    deployment_id: Mapped[str] = mapped_column(ID)

    platform: Mapped[LtiPlatform] = relationship(back_populates="deployments")


class LtiNonce(db.Model):
    """A nonce sent with an OIDC log-in: a launch deletes it, so it serves once."""

    __tablename__ = "lti_nonces"

    nonce: Mapped[str] = mapped_column(sa.String(128), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LtiUser(db.Model):
    """A platform's user (``sub`` is unique per issuer) linked to an account here."""

    __tablename__ = "lti_users"
    __table_args__ = (sa.UniqueConstraint("issuer", "sub"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(ID)
    sub: Mapped[str] = mapped_column(ID)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LtiContext(db.Model):
    """An LMS course linked to a class; the service URLs its launches last gave."""

    __tablename__ = "lti_contexts"
    __table_args__ = (sa.UniqueConstraint("issuer", "context_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lti_platforms.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(ID)
    context_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(sa.String(255), default="")
    cohort_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="SET NULL"), index=True
    )
    memberships_url: Mapped[str | None] = mapped_column(URL)
    lineitems_url: Mapped[str | None] = mapped_column(URL)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    platform: Mapped[LtiPlatform] = relationship()
    cohort = relationship("Cohort")


class LtiResourceLink(db.Model):
    """A link placed in an LMS course: what it opens here and the line item its grades go to."""

    __tablename__ = "lti_resource_links"
    __table_args__ = (sa.UniqueConstraint("context_pk", "resource_link_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    context_pk: Mapped[int] = mapped_column(
        sa.ForeignKey("lti_contexts.id", ondelete="CASCADE"), index=True
    )
    resource_link_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(sa.String(255), default="")
    resource: Mapped[str] = mapped_column(sa.String(200), default="")
    lineitem_url: Mapped[str | None] = mapped_column(URL)
    score_scope: Mapped[bool] = mapped_column(default=False)

    context: Mapped[LtiContext] = relationship()


class LtiAttempt(db.Model):
    """An attempt started from an LMS link, whose score goes back to that link's line item."""

    __tablename__ = "lti_attempts"

    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    link_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lti_resource_links.id", ondelete="CASCADE"), index=True
    )
    sub: Mapped[str] = mapped_column(ID)

    link: Mapped[LtiResourceLink] = relationship()


class GradeStatus(enum.StrEnum):
    PENDING = "pending"  # not sent yet, or to be tried again
    SENT = "sent"
    FAILED = "failed"  # given up after the last try


class LtiGradeSend(db.Model):
    """One score to send to an LMS line item, and what became of it (the visible log)."""

    __tablename__ = "lti_grade_sends"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    link_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lti_resource_links.id", ondelete="CASCADE"), index=True
    )
    sub: Mapped[str] = mapped_column(ID)
    score_given: Mapped[float]
    score_maximum: Mapped[float]
    status: Mapped[GradeStatus] = mapped_column(
        enum_column(GradeStatus), default=GradeStatus.PENDING, index=True
    )
    tries: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    link: Mapped[LtiResourceLink] = relationship()
    attempt = relationship("Attempt")


class LtiTicket(db.Model):
    """A one-time ticket that carries a framed launch into a new window (top level, where the
    site's own cookies work): only its digest is stored, and opening it deletes it."""

    __tablename__ = "lti_tickets"

    digest: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(sa.String(500))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
