"""A seeded world for the url_map tests: two instructors, their cohorts, students, an attempt.

Roles, as the access table names them:
- anonymous: not logged in;
- student: S1, member of instructor A's cohort, owner of the attempt;
- other_student: S2, member of instructor B's cohort;
- cohort_instructor: A, who runs S1's cohort;
- other_instructor: B, who runs another cohort;
- admin.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import (
    Accommodation,
    ApiToken,
    Assignment,
    AttemptMode,
    Cohort,
    Membership,
    Question,
    Response,
    Role,
    Section,
    ShowAnswers,
    User,
)

ROLES = ("anonymous", "student", "other_student", "cohort_instructor", "other_instructor", "admin")
PASSWORD = "world-password-1"  # noqa: S105  (test accounts only)
# one cheap hash for every seeded account: the scrypt default would cost seconds per test
_FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
WORLD_USERS = {
    "student": ("s1", Role.STUDENT),
    "other_student": ("s2", Role.STUDENT),
    "cohort_instructor": ("instructor_a", Role.INSTRUCTOR),
    "other_instructor": ("instructor_b", Role.INSTRUCTOR),
    "admin": ("admin", Role.ADMIN),
}


class MissingUrlValue(LookupError):
    """A rule has a URL parameter that the world has no value for."""


@dataclass
class World:
    """Ids of the seeded objects, and how to fill a rule's URL parameters with them."""

    users: dict[str, int]
    cohort_id: int
    other_cohort_id: int
    attempt_id: int
    response_id: int
    section_id: str
    question_id: str
    assignment_id: int = 0
    accommodation_id: int = 0
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, int] = field(default_factory=dict)
    platform_id: int = 0

    def url_values(self) -> dict[str, object]:
        """Values for URL parameters by name: every object belongs to S1 / A's cohort."""
        return {
            "cohort_id": self.cohort_id,
            "user_id": self.users["student"],
            "attempt_id": self.attempt_id,
            "response_id": self.response_id,
            "position": 1,
            "question_id": self.question_id,
            "section_id": self.section_id,
            "number": 1,
            "filename": "css/site.css",
            "token_id": self.token_ids.get("student", 0),
            "platform_id": self.platform_id,
            "ticket": "no-such-ticket",
            "token": "no-such-registration-token",
            "assignment_id": self.assignment_id,
            "accommodation_id": self.accommodation_id,
        }

    def path_for(self, rule: Rule) -> str:
        """The rule's URL with its parameters filled from the world."""
        known = self.url_values()
        missing = sorted(set(rule.arguments) - set(known))
        if missing:
            raise MissingUrlValue(
                f"{rule.endpoint} ({rule.rule}) has URL parameter(s) {missing}: "
                "add a seeded value for them in tests/security/world.py World.url_values"
            )
        _, path = rule.build({name: known[name] for name in rule.arguments})
        return path


def _user(username: str, role: Role) -> User:
    user = User(username=username, role=role, password_hash=_FAST_HASH)
    db.session.add(user)
    db.session.flush()
    return user


def _lti_platform():
    """A registered LMS (its key pair real: the tool's key set is served from it)."""
    from app.lti.keys import new_key_pair
    from app.lti.models import LtiDeployment, LtiPlatform

    pem, kid = new_key_pair()
    platform = LtiPlatform(
        name="World LMS", issuer="https://lms.example.edu", client_id="world",
        key_set_url="https://lms.example.edu/jwks", auth_login_url="https://lms.example.edu/auth",
        auth_token_url="https://lms.example.edu/token", tool_private_key=pem, tool_kid=kid,
    )  # fmt: skip
    platform.deployments = [LtiDeployment(deployment_id="1")]
    db.session.add(platform)
    db.session.flush()
    return platform


def seed_world(app: Flask) -> World:
    """Sync the shipped curriculum and add the people, cohorts and an attempt in progress."""
    from app.commands import run_sync
    from app.quiz.answers import save_answer
    from app.quiz.attempts import served_at
    from app.quiz.starting import build_attempt

    with app.app_context():
        run_sync()
        users = {role: _user(name, r) for role, (name, r) in WORLD_USERS.items()}
        cohort = Cohort(
            name="Class A", instructor_id=users["cohort_instructor"].id, join_code="AAAA1111"
        )
        other = Cohort(
            name="Class B", instructor_id=users["other_instructor"].id, join_code="BBBB2222"
        )
        db.session.add_all([cohort, other])
        db.session.flush()
        db.session.add_all(
            [
                Membership(cohort_id=cohort.id, user_id=users["student"].id),
                Membership(cohort_id=other.id, user_id=users["other_student"].id),
            ]
        )
        section = db.session.scalars(sa.select(Section).order_by(Section.order)).first()
        now = datetime.now(UTC) - timedelta(minutes=5)
        assignment = Assignment(
            cohort_id=cohort.id, title="Week 1", section_ids=[section.id], count=3,
            mode=AttemptMode.PRACTICE, opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=1), show_answers=ShowAnswers.AT_ONCE,
        )  # fmt: skip
        db.session.add(assignment)
        db.session.flush()
        accommodation = Accommodation(
            cohort_id=cohort.id, user_id=users["student"].id, assignment_id=None, extra_attempts=1
        )
        db.session.add(accommodation)
        # the learner's attempt at the class's assignment (the quiz routes treat it like any)
        attempt = build_attempt(
            db.session, users["student"], [section.id], "practice", 3, now=now,
            assignment_id=assignment.id, attempt_number=1,
        )  # fmt: skip
        first = served_at(attempt, 1)
        save_answer(db.session, attempt, first, first.version.answer, now)
        question = db.session.get(Question, first.question_id)
        response_id = db.session.scalar(
            sa.select(Response.id).where(Response.attempt_id == attempt.id)
        )
        tokens, token_ids = {}, {}
        for role, user in users.items():
            raw = secrets.token_urlsafe(32)
            row = ApiToken(
                user_id=user.id,
                token_digest=hashlib.sha256(raw.encode()).hexdigest(),
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
            db.session.add(row)
            db.session.flush()
            tokens[role], token_ids[role] = raw, row.id
        platform = _lti_platform()
        db.session.commit()
        return World(
            users={role: user.id for role, user in users.items()},
            cohort_id=cohort.id,
            other_cohort_id=other.id,
            attempt_id=attempt.id,
            response_id=response_id,
            section_id=section.id,
            question_id=question.id,
            assignment_id=assignment.id,
            accommodation_id=accommodation.id,
            tokens=tokens,
            token_ids=token_ids,
            platform_id=platform.id,
        )


def client_as(app: Flask, role: str) -> FlaskClient:
    """A test client logged in through the real log-in form as ``role`` (or anonymous)."""
    client = app.test_client()
    if role != "anonymous":
        username = WORLD_USERS[role][0]
        response = client.post("/auth/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"log-in as {role} failed: {response.status_code}"
    return client


def database_digest() -> str:
    """SHA-256 over every row of every table, in primary-key order: any change shows."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = db.session.execute(sa.select(table).order_by(*order)).all()
        digest.update(f"{table.name}:{len(rows)}:{rows!r}".encode())
    return digest.hexdigest()
