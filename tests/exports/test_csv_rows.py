"""The fast CSV path writes the typed path's bytes: answers, cells, chunks and whole exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.csv_cells import number_cell, safe_cell
from app.exports import progress, writers
from app.exports.csv_rows import answer_cell, csv_query, response_csv_rows
from app.exports.formats import SiteIdentity, export_chunks
from app.exports.progress import ExportScope, response_rows
from app.exports.writers import CellCache, csv_cell_chunks, csv_chunks, response_text
from app.extensions import db
from app.models import Cohort
from tests.factories import make_bank, make_cohort, make_finished_attempt, make_section, make_user

from .conftest import section_questions

# Text that a spreadsheet or a CSV reader could trip on: formula starts, separators, quotes,
# line breaks, backslashes, non-ASCII (stored as \u escapes), control characters.
TRICKY = st.text(
    alphabet=st.sampled_from(list("=+-@\t\r\n,\"'\\/ aZ0é€😀\x01\u2028")) | st.characters(),
    max_size=12,
)
ANSWERS = st.one_of(
    TRICKY,
    st.booleans(),
    st.none(),
    st.lists(TRICKY, max_size=4),
    st.lists(st.tuples(TRICKY, TRICKY).map(list), max_size=3),
)


@given(ANSWERS)
def test_an_answer_cell_from_stored_json_is_the_typed_answers_cell(answer):
    # SQLAlchemy's JSON type stores json.dumps(answer) with its default (ASCII) escapes.
    assert answer_cell(json.dumps(answer)) == safe_cell(response_text(answer))


def test_an_sql_null_answer_reads_as_the_json_type_reads_it():
    assert answer_cell(None) == safe_cell(response_text(None)) == "null"


def test_numbers_and_the_cell_cache():
    assert [number_cell(v) for v in (1.0, 0.5, 1 / 3, 0.99995, 2, None, True)] == [
        "1",
        "0.5",
        "0.3333",
        "1",
        "2",
        "",
        "1",
    ]
    assert number_cell(-0.0) == number_cell(-0.00001) == "0"  # never "-0"
    cells = CellCache(number_cell, limit=2)
    assert [cells[v] for v in (0.5, 0.5, 0.25, 1.0, 0.5)] == ["0.5", "0.5", "0.25", "1", "0.5"]
    assert len(cells) <= 2  # emptied when full, never more than its limit


def _csv_writer_text(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # one patch for all
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.tuples(
            st.just(tuple(f"c{i}" for i in range(width))),
            st.lists(st.lists(TRICKY, min_size=width, max_size=width).map(tuple), max_size=9),
        )
    )
)
def test_joined_chunks_are_csv_writers_bytes(monkeypatch, table):
    monkeypatch.setattr(writers, "CHUNK_ROWS", 3)  # plain and quoted chunks in one export
    header, rows = table
    assert "".join(csv_cell_chunks(header, rows)) == _csv_writer_text(header, rows)


def test_a_one_column_empty_cell_is_quoted_as_csv_writer_does():
    assert "".join(csv_cell_chunks(("a",), [("",), ("x",)])) == 'a\r\n""\r\nx\r\n'


ODD_ANSWERS = [
    "plain",
    "=1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    'say "hi", then go',
    "line\nbreak",
    "back\\slash",
    "São Paulo",
    "😀 emoji",
    "",
    True,
    False,
    ["Genoa", "São Paulo"],
    [["=left", 'right, "quoted"'], ["a", "b"]],
    ["+1", "\\"],
    "＝1+1",  # fullwidth equals sign: a formula to spreadsheets with an East Asian IME
    "＠SUM(A1)",
]


@pytest.fixture
def odd_class(app):
    """Learners, a cohort and a section with awkward names; answers of every awkward kind at
    times with fractions of a second (up to 59.999999 s) and scores of every form."""
    with app.app_context():
        section = make_bank(make_section(id='-section, "x"', title="Odd"))
        questions = section_questions(section.id)
        learners = [
            make_user(username="=cmd|' /C calc'!A0"),
            make_user(username='Zoë, "the" learner\nsecond line'),
            make_user(username="+plain"),
        ]
        cohort = make_cohort(name='@Period, "3"\r\n', members=learners)
        make_cohort(name="-second", members=learners[:1])
        scores = [1.0, 0.0, 0.5, 1 / 3, 2 / 3, 0.123456, 0.99995, 0.00004]
        start = datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=UTC)
        for number, answer in enumerate(ODD_ANSWERS):
            make_finished_attempt(
                user=learners[number % len(learners)],
                answers=[
                    (questions[number % len(questions)], scores[number % len(scores)], answer)
                ],
                started_at=start + timedelta(seconds=number * 61.5, microseconds=-number),
                seconds=0.000001 * number,
            )
        db.session.commit()
        return cohort.id


def _both(scope: ExportScope) -> tuple[str, str]:
    fast = "".join(csv_cell_chunks(*response_csv_rows(db.session, scope)))
    typed = "".join(csv_chunks(*response_rows(db.session, scope)))
    return fast, typed


def test_the_csv_of_awkward_data_is_byte_for_byte_the_typed_paths(app, odd_class, monkeypatch):
    monkeypatch.setattr(writers, "CHUNK_ROWS", 4)  # plain chunks and csv.writer chunks
    monkeypatch.setattr(progress, "BATCH", 5)  # several fetches
    with app.app_context():
        cohort = db.session.get(Cohort, odd_class)
        scopes = [
            ExportScope(cohort),
            ExportScope(),
            ExportScope(cohort, since=datetime(2026, 3, 2, 0, 5, tzinfo=UTC)),
        ]
        for scope in scopes:
            fast, typed = _both(scope)
            assert fast == typed
            platform = SiteIdentity("http://x", "x")
            served = "".join(export_chunks(db.session, scope, "csv", platform))
            assert served == "\ufeff" + fast  # a BOM for spreadsheets by default
            plain = "".join(export_chunks(db.session, scope, "csv", platform, bom=False))
            assert plain == fast
        rows = list(csv.DictReader(io.StringIO(_both(scopes[0])[0], newline="")))
    assert len(rows) == len(ODD_ANSWERS)
    assert {row["cohort"] for row in rows} == {'\'@Period, "3"\r\n'}
    assert {row["section_id"] for row in rows} == {'\'-section, "x"'}
    assert rows[0]["answered_at"] == "2026-03-01T23:59:59Z"  # truncated, as isoformat does
    assert [row["response"] for row in rows[1:6]] == [
        "'=1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        "'\rCR",
    ]
    assert [row["response"] for row in rows[-2:]] == ["'＝1+1", "'＠SUM(A1)"]


def test_the_fast_paths_tuples_are_the_processed_rows(app, odd_class):
    # SQLite's rows are read as the driver's tuples: they must equal what SQLAlchemy's result
    # processing makes of them (no column of the CSV query may need it).
    with app.app_context():
        query = csv_query(ExportScope())
        fast = [
            tuple(row)
            for batch in progress.batches(db.session, query, tuples=True)
            for row in batch
        ]
        processed = [tuple(row) for row in db.session.execute(query)]
    assert fast == processed and len(fast) == len(ODD_ANSWERS)


def test_an_empty_export_is_the_header_alone(app, odd_class):
    with app.app_context():
        scope = ExportScope(since=datetime(2030, 1, 1, tzinfo=UTC))
        fast, typed = _both(scope)
    assert fast == typed == ",".join(progress.RESPONSE_COLUMNS) + "\r\n"


def test_the_database_never_has_to_hold_more_than_one_batch(app, odd_class, monkeypatch):
    monkeypatch.setattr(progress, "BATCH", 2)
    with app.app_context():
        fetched = [
            len(batch)
            for batch in progress.batches(db.session, csv_query(ExportScope()), tuples=True)
        ]
    assert max(fetched) == 2 and sum(fetched) == len(ODD_ANSWERS)
