"""The class dashboard and the learner page, with bounded queries."""

from __future__ import annotations

import itertools
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.classes.dashboard import format_duration
from app.extensions import db
from app.models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    Cohort,
    MasteryLevel,
    Membership,
    Role,
    SectionProgress,
    User,
)
from tests.factories import (
    make_cohort,
    make_finished_attempt,
    make_question,
    make_section,
    make_user,
)

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
_numbers = itertools.count(1)


class QueryCounter:
    """Counts the SQL statements the engine runs while active."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def _count(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def teacher_cohort(app, auth, member_ids=()):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        teacher = db.session.scalar(sa.select(User).where(User.username == "teacher"))
        members = [db.session.get(User, i) for i in member_ids]
        cohort = make_cohort(instructor=teacher, name="Year 10", members=members)
        db.session.commit()
        return cohort.id


def learner(username=None):
    """A student who never logs in here: no password hashing, so that seeding stays fast."""
    user = User(username=username or f"l{next(_numbers)}", password_hash="-", role=Role.STUDENT)
    db.session.add(user)
    db.session.flush()
    return user


def set_level(user, section, level, attempts=1):
    db.session.add(
        SectionProgress(
            user_id=user.id,
            section_id=section.id,
            level=MasteryLevel(level),
            best_score=0.5,
            attempts_count=attempts,
            last_activity=T0,
        )
    )


def test_format_duration():
    assert format_duration(0) == "0 s"
    assert format_duration(59.6) == "1 min 00 s"
    assert format_duration(250) == "4 min 10 s"
    assert format_duration(3900) == "1 h 05 min"


@pytest.fixture
def small_class(app, auth):
    with app.app_context():
        one, two = make_section(id="alpha", order=1), make_section(id="beta", order=2)
        ann, bob, cy = (learner(n) for n in ("ann", "bob", "cy"))
        outsider = learner("outsider")
        set_level(ann, one, "mastered")
        set_level(ann, two, "familiar")
        set_level(bob, one, "attempted")
        set_level(outsider, one, "mastered")
        q = make_question(section=one)
        make_finished_attempt(user=bob, answers=[(q, 1.0, q.current.answer)], seconds=600)
        make_finished_attempt(user=bob, answers=[(q, 0.0, "Quartet")], seconds=30)
        make_finished_attempt(user=ann, answers=[(q, 1.0, q.current.answer)], seconds=90)
        make_finished_attempt(user=outsider, answers=[(q, 1.0, "x")], seconds=9999)
        db.session.add(
            Attempt(
                user_id=cy.id,
                mode=AttemptMode.TEST,
                kind=AttemptKind.SECTION,
                seed=1,
                started_at=T0,
                state=AttemptState.IN_PROGRESS,
            )
        )
        member_ids = [ann.id, bob.id, cy.id]
        db.session.commit()
    return teacher_cohort(app, auth, member_ids)


def cell_texts(html):
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).split() for row in rows]


def test_grid_shows_levels_as_text_attempts_and_time(client, small_class):
    response = client.get(f"/instructor/classes/{small_class}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    rows = {cells[0]: cells[1:] for cells in cell_texts(html)}
    assert set(rows) == {"ann", "bob", "cy"}  # the outsider is not in this class
    assert rows["ann"] == ["Mastered", "Familiar", "6", "1", "1", "min", "30", "s"]
    assert rows["bob"] == ["Attempted", "Not", "started", "1", "2", "10", "min", "30", "s"]
    assert rows["cy"] == ["Not", "started", "Not", "started", "0", "0", "0", "s"]  # unfinished
    assert 'class="mastery mastery-mastered"' in html
    legend = re.search(r'<ul class="mastery-legend".*?</ul>', html, re.S).group(0)
    for level in MasteryLevel:
        assert level.label in legend


def test_dashboard_links_to_this_class_exports(client, small_class):
    html = client.get(f"/instructor/classes/{small_class}").get_data(as_text=True)
    link = f"/instructor/exports/progress/{small_class}?format=csv"
    assert link in html
    download = client.get(link)
    assert download.status_code == 200 and download.mimetype == "text/csv"


def test_grid_sorts_on_the_server(client, small_class):
    def order(query):
        html = client.get(f"/instructor/classes/{small_class}?{query}").get_data(as_text=True)
        return [cells[0] for cells in cell_texts(html)]

    assert order("sort=name") == ["ann", "bob", "cy"]
    assert order("sort=name&dir=desc") == ["cy", "bob", "ann"]
    assert order("sort=attempts&dir=desc") == ["bob", "ann", "cy"]
    assert order("sort=time") == ["cy", "ann", "bob"]
    assert order("sort=alpha&dir=desc") == ["ann", "bob", "cy"]
    assert order("sort=beta&dir=desc") == ["ann", "bob", "cy"]
    assert order("sort=mastery") == ["cy", "bob", "ann"]  # rank sums 0, 1, 4 + 2
    html = client.get(f"/instructor/classes/{small_class}?sort=time").get_data(as_text=True)
    assert 'aria-sort="ascending"' in html
    assert "sort=time&amp;dir=desc" in html  # the link toggles the direction


def test_bad_sort_and_paging_values_are_400(client, small_class):
    for query in ("sort=nonsense", "dir=up", "page=0"):
        response = client.get(f"/instructor/classes/{small_class}?{query}")
        assert response.status_code == 400, query
    assert "Cannot sort by" in client.get(
        f"/instructor/classes/{small_class}?sort=nonsense"
    ).get_data(as_text=True)


def test_learner_page_shows_history_and_levels(client, app, small_class):
    with app.app_context():
        bob = db.session.scalar(sa.select(User).where(User.username == "bob"))
        bob_id = bob.id
    html = client.get(f"/instructor/classes/{small_class}/learners/{bob_id}").get_data(as_text=True)
    assert "<h1>bob</h1>" in html
    assert html.count("Finished") == 2
    assert "1 / 1" in html and "0 / 1" in html
    assert "10 min 00 s" in html and "30 s" in html
    assert "Attempted" in html and "Not started" in html


def test_archive_and_unarchive_a_class(client, app, small_class):
    response = client.post(f"/instructor/classes/{small_class}/archive", data={"archived": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Cohort, small_class).archived is True
    assert "Unarchive the class" in client.get(f"/instructor/classes/{small_class}").get_data(
        as_text=True
    )
    client.post(f"/instructor/classes/{small_class}/archive", data={"archived": "0"})
    with app.app_context():
        assert db.session.get(Cohort, small_class).archived is False


def test_create_a_class_from_the_home_page(client, auth, app):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    response = client.post("/instructor/classes", data={"name": "Monday group"})
    assert response.status_code == 302
    assert "Monday group" in client.get("/instructor/").get_data(as_text=True)
    assert client.post("/instructor/classes", data={"name": ""}).status_code == 400


def seed_large_cohort(size: int) -> int:
    """A cohort of ``size`` learners with progress and two attempts each (bulk inserts)."""
    sections = [make_section(id=f"s{i}", order=i) for i in range(1, 8)]
    teacher = db.session.scalar(sa.select(User).where(User.username == "teacher"))
    cohort = make_cohort(instructor=teacher, name="Big class")
    first = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    ids = list(range(first, first + size))
    db.session.execute(
        sa.insert(User),
        [
            {"id": i, "username": f"learner{i:05d}", "password_hash": "-", "role": Role.STUDENT}
            for i in ids
        ],
    )
    joined = T0 - timedelta(days=1)  # the class counts work from joining: all of it here
    db.session.execute(
        sa.insert(Membership),
        [{"cohort_id": cohort.id, "user_id": i, "joined_at": joined} for i in ids],
    )
    levels = list(MasteryLevel)
    db.session.execute(
        sa.insert(SectionProgress),
        [
            {
                "user_id": i,
                "section_id": s.id,
                "level": levels[(i + n) % len(levels)],
                "best_score": 0.5,
                "attempts_count": 1,
                "last_activity": T0,
            }
            for i in ids
            for n, s in enumerate(sections)
        ],
    )
    db.session.execute(
        sa.insert(Attempt),
        [
            {
                "user_id": i,
                "mode": AttemptMode.PRACTICE,
                "kind": AttemptKind.SECTION,
                "state": AttemptState.FINISHED,
                "section_ids": ["s1"],
                "seed": i * 10 + k,
                "started_at": T0,
                "finished_at": T0 + timedelta(seconds=60 * (k + 1)),
                "score": 1.0,
                "max_score": 1,
            }
            for i in ids
            for k in range(2)
        ],
    )
    db.session.commit()
    return cohort.id


def test_dashboard_of_1000_learners_runs_a_bounded_number_of_queries(client, auth, app):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        cohort_id = seed_large_cohort(1000)
        engine = db.engine
    counts = {}
    for query in ("", "?sort=s3&dir=desc", "?sort=time&page=10"):
        started = time.perf_counter()
        with QueryCounter(engine) as counter:
            response = client.get(f"/instructor/classes/{cohort_id}{query}")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        counts[query] = (len(counter.statements), f"{elapsed:.2f}s")
        assert len(counter.statements) <= 10, counter.statements
        assert elapsed < 3, elapsed
    html = response.get_data(as_text=True)
    assert "1000 learners" in html and "Page 10 of 10" in html
    assert len(cell_texts(html)) == 100
    assert "3 min 00 s" in html  # 60 s + 120 s per learner
    print(f"dashboard of 1000 learners (queries, time): {counts}")


def test_home_lists_only_own_classes_with_codes_and_member_counts(client, app, small_class):
    with app.app_context():
        other = make_user(role=Role.INSTRUCTOR)
        make_cohort(instructor=other, name="Someone else's class", members=[learner()])
        mine = db.session.get(Cohort, small_class)
        code = mine.join_code
        db.session.commit()
    html = client.get("/instructor/").get_data(as_text=True)
    assert "Year 10" in html and code in html
    assert "Someone else" not in html
    row = re.search(r"Year 10</a>.*?</tr>", html, re.S).group(0)
    assert "<td>3</td>" in row and "Active" in row
