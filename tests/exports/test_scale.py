"""Exports at scale: a bounded number of queries for 1,000 learners, flat memory, streaming."""

from __future__ import annotations

import tracemalloc

import pytest
import sqlalchemy as sa

from app.exports import progress, writers
from app.exports.formats import FORMATS, SiteIdentity, export_chunks
from app.exports.progress import ExportScope
from app.extensions import db
from app.models import Cohort, Question
from tests.factories import make_bank, make_cohort, seed_learners_bulk

PLATFORM = SiteIdentity(url="https://tutor.example.org", name="Declaration Tutor")


def _seed(app, learners: int) -> int:
    with app.app_context():
        section = make_bank(per_type=1)
        questions = list(
            db.session.scalars(sa.select(Question).where(Question.section_id == section.id))
        )
        cohort = make_cohort(name="Large class")
        seed_learners_bulk(
            cohort=cohort, questions=questions, learners=learners, prefix=f"c{cohort.id}-"
        )
        db.session.commit()
        return cohort.id


class QueryCounter:
    """Counts the statements the engine runs (before_cursor_execute)."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __call__(self, *args, **kwargs):
        self.count += 1

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self)


def test_exports_of_1000_learners_make_a_bounded_number_of_queries(app):
    cohort_id = _seed(app, 1000)
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        for name in FORMATS:
            with QueryCounter(db.engine) as counter:
                size = sum(map(len, export_chunks(db.session, ExportScope(cohort), name, PLATFORM)))
            assert size > 1000 * 20, name
            assert counter.count <= 2, (name, counter.count)


def test_the_download_route_makes_a_bounded_number_of_queries(app, client, auth):
    cohort_id = _seed(app, 1000)
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        teacher = cohort.instructor.username
    auth.login(teacher)  # the instructor make_cohort created has the default password
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        response = client.get(f"/instructor/exports/progress/{cohort_id}?format=csv")
        body = response.get_data(as_text=True)
    assert body.count("\n") == 1000 * 6 + 1
    assert counter.count <= 6  # user, cohort, the row stream (and session bookkeeping)


def _peak_while_exporting(app, cohort_id: int, name: str) -> int:
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        chunks = export_chunks(db.session, ExportScope(cohort), name, PLATFORM)
        tracemalloc.start()
        try:
            for _chunk in chunks:
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.mark.parametrize("name", ["csv", "summary", "xapi"])
def test_memory_stays_flat_with_ten_times_the_rows(app, name, monkeypatch):
    # Smaller fetch batches and chunks let a test-sized export span many of them.
    monkeypatch.setattr(progress, "BATCH", 50)
    monkeypatch.setattr(writers, "CHUNK_ROWS", 50)
    small, large = _seed(app, 60), _seed(app, 600)
    _peak_while_exporting(app, small, name)  # warm caches (compiled SQL, imports)
    small_peak = _peak_while_exporting(app, small, name)
    large_peak = _peak_while_exporting(app, large, name)
    # Ten times the rows may not cost (nearly) ten times the memory, as a buffered export would.
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)
