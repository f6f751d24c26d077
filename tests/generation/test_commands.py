"""`flask bank generate|check|report` through the CLI, with good and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.generation.commands import bank_cli
from app.generation.files import bank_version, v1_view
from app.generation.reviews import merge_reviews

from .conftest import SECOND_DOCUMENT

LATIN_1_TEXT = "Café Section\nUne déclaration très longue, écrite en français, ici.\n"
BANK_DIR = Path(__file__).resolve().parents[2] / "question_bank"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def test_generate_writes_byte_identical_files_on_every_run(runner, tmp_path):
    out = tmp_path / "bank"
    first = runner.invoke(args=["bank", "generate", "--out", str(out)])
    assert first.exit_code == 0, first.output
    written = _files(out)
    again = runner.invoke(args=["bank", "generate", "--out", str(out)])
    assert again.exit_code == 0
    assert _files(out) == written
    fresh = {name: json.loads(text) for name, text in written.items()}
    shipped = {name: json.loads(text) for name, text in _files(BANK_DIR).items()}
    if all(bank_version(bank) == 1 for bank in shipped.values()):  # until the bank moves to v2
        fresh = {name: v1_view(bank) for name, bank in fresh.items()}
    else:  # the shipped files hold the instructors' reviews, edits and questions besides
        merged, _ = merge_reviews(list(fresh.values()), list(shipped.values()))
        fresh = dict(zip(fresh, merged, strict=True))
    assert fresh == shipped


def test_generate_from_another_source(runner, tmp_path):
    out = tmp_path / "other"
    result = runner.invoke(
        args=["bank", "generate", "--source", str(SECOND_DOCUMENT), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "02-rivers-and-fisheries.json" in _files(out)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"just one line of prose without any heading at all in it, only words.\n", "no headings"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (LATIN_1_TEXT.encode("latin-1"), "not UTF-8"),
    ],
    ids=["empty", "no-headings", "binary", "latin-1"],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(runner, tmp_path, content, message):
    source = tmp_path / "source.txt"
    source.write_bytes(content)
    out = tmp_path / "bank"
    out.mkdir()
    (out / "01-kept.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(args=["bank", "generate", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert _files(out) == {"01-kept.json": b"{}"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bank")]  # no temp folder left


def test_check_passes_on_the_committed_bank(runner):
    """This is how CI runs `flask bank check`."""
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_check_fails_on_a_stale_bank(runner, tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(BANK_DIR, copy)
    target = sorted(copy.glob("*.json"))[2]
    target.write_text(target.read_text().replace('"difficulty": 0.', '"difficulty": 0.0'))
    result = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    assert result.exit_code == 1
    assert f"{target.name}: out of date" in result.output
    (copy / "99-extra.json").write_text(target.read_text())
    (copy / "01-preamble.json").unlink()
    result = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    assert "01-preamble.json: missing" in result.output
    assert "99-extra.json: not produced by the generator" in result.output


def test_check_fails_on_an_invalid_bank(runner, tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(BANK_DIR, copy)
    (copy / "01-preamble.json").write_text('{"section_id": "Bad Id", "questions": []}')
    result = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    assert result.exit_code == 2
    assert "Invalid bank" in result.output


def test_report_prints_counts_and_a_sample(runner):
    result = runner.invoke(args=["bank", "report", "--sample", "1"])
    assert result.exit_code == 0
    assert "strengthening-people-to-people-contacts" in result.output
    assert "By type:" in result.output and "ordering" in result.output
    assert "By generator:" in result.output and "term-choice" in result.output
    assert "answer:" in result.output


def test_bank_cli_is_importable_for_other_commands():
    assert bank_cli.name == "bank"
    assert {"generate", "check", "report"} <= set(bank_cli.commands)
