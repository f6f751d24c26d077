"""Files the commands write end with the umask's permissions, not mkstemp's 0600."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from app.filemodes import current_umask, new_file_mode, write_atomically
from app.lessons.files import LessonFile, render_lesson_file, write_lesson_file

LESSON = LessonFile("preamble", "Preamble", 1, "text")


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_export_file_follows_the_umask(tmp_path, mask, expected):
    with umask(mask):
        assert current_umask() == mask
        write_atomically(tmp_path / "out.csv", ["a,b\r\n"])
        write_lesson_file(tmp_path / "lesson.md", LESSON)
    assert _mode(tmp_path / "out.csv") == expected
    assert _mode(tmp_path / "lesson.md") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.md", "out.csv"]


def test_a_replaced_file_keeps_its_own_mode(tmp_path):
    tracked = tmp_path / "01-preamble.md"
    tracked.write_text("old\n")
    tracked.chmod(0o644)
    with umask(0o077):
        write_lesson_file(tracked, LESSON)
        assert new_file_mode(tmp_path / "absent") == 0o600
    assert tracked.read_text() == render_lesson_file(LESSON) and _mode(tracked) == 0o644


def test_cli_exports_respect_the_umask(runner, class_data, tmp_path):
    with umask(0o022):
        out = tmp_path / "progress.csv"
        result = runner.invoke(args=["progress", "export", "-o", str(out)])
        assert result.exit_code == 0, result.output
        bank = tmp_path / "bank.gift"
        result = runner.invoke(args=["bank", "export", "--format", "gift", "-o", str(bank)])
        assert result.exit_code == 0, result.output
    assert _mode(out) == 0o644 and _mode(bank) == 0o644
