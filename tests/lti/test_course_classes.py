"""The class of an LMS course: made by whoever launches first, taken by the first instructor,
co-run by the others, the taking decided by the database when two launch at once."""

from __future__ import annotations

import sqlalchemy as sa

from app.classes.access import can_manage_cohort, visible_cohorts
from app.extensions import db
from app.lti.course_classes import add_instructor, new_course_class
from app.models import Cohort, CoInstructor, Role
from tests.factories import make_user


def test_first_instructor_takes_the_class_even_when_another_took_it_meanwhile(app):
    with app.app_context():
        learner = make_user(username="learner", role=Role.STUDENT)
        first, second = (make_user(username=n, role=Role.INSTRUCTOR) for n in ("first", "second"))
        cohort = new_course_class(db.session, "Course", None)
        db.session.commit()
        cohort_id = cohort.id
        assert cohort.instructor_id is None  # this launch reads it...
        # ...and another launch takes it between this one's read and its write
        with db.engine.begin() as other:
            other.execute(sa.update(Cohort).where(Cohort.id == cohort_id)
                          .values(instructor_id=second.id))  # fmt: skip
        add_instructor(db.session, cohort, first)
        db.session.commit()
        assert db.session.get(Cohort, cohort_id).instructor_id == second.id  # not overwritten
        assert db.session.scalars(sa.select(CoInstructor.user_id)).all() == [first.id]
        assert can_manage_cohort(first, cohort) and can_manage_cohort(second, cohort)
        assert not can_manage_cohort(learner, cohort)
        assert [c.id for c in visible_cohorts(db.session, first)] == [cohort_id]


def test_an_ownerless_class_takes_its_first_instructor(app):
    with app.app_context():
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        cohort = new_course_class(db.session, "Course", None)
        add_instructor(db.session, cohort, teacher)
        add_instructor(db.session, cohort, teacher)  # again: nothing more
        db.session.commit()
        assert cohort.instructor_id == teacher.id
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CoInstructor)) == 0
