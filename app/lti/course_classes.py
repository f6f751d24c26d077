"""The class an LMS course is linked to: made on the course's first launch, whoever launches,
and run by the course's instructors (the first to launch owns it, the others co-run it).
Plain functions over a session: flush, never commit."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..classes.cohorts import new_join_code
from ..models import Cohort, CoInstructor, User, utcnow

_CO = CoInstructor.__table__
# Two instructors' first launches at once: each INSERT adds its own row or, for a repeat,
# nothing (no primary-key failure)
_ADD_CO = {
    name: dialect.insert(_CO).on_conflict_do_nothing()
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


class ArchivedClass(Exception):
    """A launch into a course whose class is archived: nothing is made or joined."""

    status = 403

    def __init__(self, cohort: Cohort, course: str):
        super().__init__(course)
        self.cohort = cohort
        self.course = course


def new_course_class(session: Session, title: str, instructor: User | None) -> Cohort:
    """The class of a course's first launch: the launching instructor's, or (a learner came
    first) a class without an instructor, which the first instructor to launch the course
    takes."""
    cohort = Cohort(
        name=title[:120] or "LMS course",
        instructor_id=instructor.id if instructor else None,
        join_code=new_join_code(session),
        time_zone=(instructor.time_zone if instructor else None) or "UTC",
    )
    session.add(cohort)
    session.flush()
    return cohort


def add_instructor(session: Session, cohort: Cohort, user: User) -> None:
    """Make an instructor of the course an instructor of its class: its owner if it has none
    yet (one conditional UPDATE, so two first launches cannot both take it), otherwise a
    co-instructor."""
    if cohort.instructor_id == user.id:
        return
    if cohort.instructor_id is None:
        took = session.execute(
            sa.update(Cohort)
            .where(Cohort.id == cohort.id, Cohort.instructor_id.is_(None))
            .values(instructor_id=user.id)
            .execution_options(synchronize_session=False)
        ).rowcount
        session.refresh(cohort, ["instructor_id"])
        if took or cohort.instructor_id == user.id:
            return
    insert = _ADD_CO.get(session.get_bind().dialect.name, sa.insert(_CO))
    session.execute(insert, {"cohort_id": cohort.id, "user_id": user.id, "added_at": utcnow()})
    session.expire(cohort, ["co_instructors"])
    session.flush()
