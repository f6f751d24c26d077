"""`flask progress export`: files written whole, bad options exit 2 with a message."""

from __future__ import annotations

import csv
import json


def test_export_csv_for_a_cohort(runner, class_data, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "progress.csv"
    result = runner.invoke(
        args=[
            "progress",
            "export",
            "--format",
            "csv",
            "--cohort",
            class_data.cohort_code,
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbflearner,")  # UTF-8 BOM for spreadsheets
    with out.open(newline="", encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == class_data.responses
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind
    plain = tmp_path / "plain.csv"
    result = runner.invoke(args=["progress", "export", "--no-bom", "-o", str(plain)])
    assert result.exit_code == 0, result.output
    assert plain.read_bytes().startswith(b"learner,")


def test_export_xapi_of_everyone_since_a_date(runner, class_data, tmp_path):
    out = tmp_path / "statements.json"
    result = runner.invoke(
        args=[
            "progress",
            "export",
            "--format",
            "xapi",
            "--since",
            "2026-02-02",
            "--platform-url",
            "https://lms.example.org",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    statements = json.loads(out.read_text(encoding="utf-8"))
    assert len(statements) == 1 + 2  # one response, one attempt's completed + outcome
    assert statements[0]["actor"]["account"]["homePage"] == "https://lms.example.org"


def test_bad_options_exit_2_and_leave_the_file_alone(runner, class_data, tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("previous export")
    for args, message in (
        (["--format", "xlsx"], "xlsx"),
        (["--cohort", "NOPE1234"], "NOPE1234"),
        (["--since", "last week"], "last week"),
    ):
        result = runner.invoke(args=["progress", "export", *args, "-o", str(out)])
        assert result.exit_code == 2, args
        assert message in result.output
        assert "Traceback" not in result.output
    assert out.read_text() == "previous export"
    result = runner.invoke(args=["progress", "export", "-o", str(tmp_path / "no" / "x.csv")])
    assert result.exit_code == 2
