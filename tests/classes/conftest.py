"""A class with an instructor, two learners and a servable bank, logged in through the forms."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import Role
from tests.factories import make_bank, make_cohort, make_section, make_user


@dataclass
class ClassWorld:
    cohort_id: int
    teacher_id: int
    learner_ids: list[int]
    section_id: str
    empty_section_id: str


@pytest.fixture
def world(app) -> ClassWorld:
    """Class "Period 3" (Europe/Paris) of teacher; ana and ben in it; a bank in one section and
    another section without questions."""
    with app.app_context():
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        ana, ben = make_user(username="ana"), make_user(username="ben")
        section = make_bank(make_section(id="preamble", title="Preamble", order=1), per_type=2)
        empty = make_section(id="empty", title="Nothing approved", order=2)
        cohort = make_cohort(instructor=teacher, name="Period 3", members=[ana, ben])
        cohort.time_zone = "Europe/Paris"
        db.session.commit()
        return ClassWorld(cohort.id, teacher.id, [ana.id, ben.id], section.id, empty.id)


def login(client, username: str) -> None:
    """Log ``username`` in through the form (the factories' default password)."""
    from tests.factories import DEFAULT_PASSWORD

    client.post("/auth/logout")
    response = client.post("/auth/login", data={"username": username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.status_code
