"""The progress export generators and writers: columns, quoting, formula escape, summary, JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from app.csv_cells import safe_cell
from app.exports.formats import SiteIdentity, export_chunks
from app.exports.progress import RESPONSE_COLUMNS, ExportScope
from app.exports.summary import SUMMARY_COLUMNS
from app.exports.writers import csv_cell_chunks, csv_chunks
from app.extensions import db
from app.models import Cohort

PLATFORM = SiteIdentity(url="https://tutor.example.org/", name="Declaration Tutor")


def _export(app, name, cohort_id=None, since=None) -> str:
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id) if cohort_id else None
        return "".join(export_chunks(db.session, ExportScope(cohort, since), name, PLATFORM))


def _csv(text: str) -> list[dict[str, str]]:
    # what a program does with the spreadsheet CSV: read it as UTF-8 with an optional BOM
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_has_the_design_columns_one_row_per_response(app, class_data):
    text = _export(app, "csv", class_data.cohort_id)
    assert text.splitlines()[0] == "\ufeff" + ",".join(RESPONSE_COLUMNS)
    assert "\r\n" in text  # RFC 4180 line ends
    rows = _csv(text)
    assert len(rows) == class_data.responses
    first = rows[0]
    assert first["learner"] == "ada"
    assert first["cohort"] == "Period 3"
    assert first["section_id"] == "foundation"
    assert first["answered_at"].endswith("Z")
    assert datetime.fromisoformat(first["answered_at"]).tzinfo is not None
    assert first["correct"] == "1" and first["score"] == "1"
    assert {row["correct"] for row in rows} == {"0", "1"}
    assert [row["score"] for row in rows if row["learner"] != "ada"] == ["0.5"]


def test_csv_escapes_formulas_but_not_numbers_and_round_trips_quotes(app, class_data):
    rows = _csv(_export(app, "csv", class_data.cohort_id))
    tricky = [row for row in rows if row["learner"].startswith("'")]
    assert tricky and tricky[0]["learner"] == '\'=HYPERLINK("http://x")'
    short = [row for row in rows if row["response"].startswith("'-")]
    assert short[0]["response"] == "'-2+3"
    assert all(not row[c].startswith("'") for row in rows for c in ("score", "correct"))
    matching = [row for row in rows if row["response"].startswith("[")]
    assert json.loads(matching[0]["response"]) == [["Genoa", "São Paulo"]]
    assert "São Paulo" in matching[0]["response"]  # readable, not \\u escapes


def test_safe_cell_covers_every_dangerous_start():
    for start in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        assert safe_cell(f"{start}1") == f"'{start}1"
    assert safe_cell("Moscow") == "Moscow"
    assert safe_cell("Zürich ＝ 1") == "Zürich ＝ 1"


def test_csv_quotes_commas_quotes_and_newlines():
    rows = [{"learner": 'a, "b"\nc', "score": 0.25}]
    text = "".join(csv_chunks(("learner", "score"), rows))
    assert _csv(text) == [{"learner": 'a, "b"\nc', "score": "0.25"}]


def test_a_cohort_export_holds_only_its_members_and_since_filters(app, class_data):
    other = _csv(_export(app, "csv", class_data.other_cohort_id))
    assert {row["learner"] for row in other} == {'\'=HYPERLINK("http://x")'}
    assert {row["cohort"] for row in other} == {"Elsewhere"}
    late = _csv(_export(app, "csv", class_data.cohort_id, datetime(2026, 2, 2, tzinfo=UTC)))
    assert len(late) == 1


def test_export_of_everyone_names_the_oldest_cohort(app, class_data):
    rows = _csv(_export(app, "csv"))
    assert len(rows) == class_data.responses
    assert {row["cohort"] for row in rows} == {"Period 3"}


def test_summary_has_a_row_per_learner_and_section(app, class_data):
    text = _export(app, "summary", class_data.cohort_id)
    assert text.splitlines()[0] == "\ufeff" + ",".join(SUMMARY_COLUMNS)
    rows = _csv(text)
    assert len(rows) == 2  # two learners × one section
    ada = next(row for row in rows if row["learner"] == "ada")
    assert ada["accuracy"] == "0.6667"
    assert ada["attempts"] == "1" and ada["responses"] == "3"
    assert ada["level"] == "attempted"  # no mastery record: answered, so at least attempted
    assert ada["last_activity"].startswith("2026-02-01T")


def test_json_is_one_documented_object_with_typed_values(app, class_data):
    data = json.loads(_export(app, "json", class_data.cohort_id))
    assert data["format"] == "declaration-tutor/progress-responses"
    assert data["cohort"] == "Period 3"
    assert len(data["responses"]) == class_data.responses
    first = data["responses"][0]
    assert set(RESPONSE_COLUMNS) <= set(first)
    assert first["correct"] is True and first["score"] == 1.0
    assert first["learner"] == "ada"  # JSON needs no spreadsheet escaping
    assert any(r["response"] is True for r in data["responses"])


def test_empty_exports_are_still_valid(app, class_data):
    with app.app_context():
        from tests.factories import make_cohort

        empty = make_cohort(name="Empty")
        db.session.commit()
        empty_id = empty.id
    assert _csv(_export(app, "csv", empty_id)) == []
    assert json.loads(_export(app, "json", empty_id))["responses"] == []
    assert json.loads(_export(app, "xapi", empty_id)) == []


def test_the_fast_text_path_writes_the_same_csv_as_typed_values(app, class_data):
    from app.exports.csv_rows import response_csv_rows
    from app.exports.progress import response_rows

    with app.app_context():
        cohort = db.session.get(Cohort, class_data.cohort_id)
        fast = "".join(csv_cell_chunks(*response_csv_rows(db.session, ExportScope(cohort))))
        typed = "".join(csv_chunks(*response_rows(db.session, ExportScope(cohort))))
    assert fast == typed
    # what the route and CLI serve, after the BOM
    assert "\ufeff" + fast == _export(app, "csv", class_data.cohort_id)
    assert len(_csv(fast)) == class_data.responses
