"""`flask lessons export` replaces tracked lesson files without changing their mode."""

from __future__ import annotations

from tests.exports.test_file_modes import _mode, umask


def test_lessons_export_keeps_tracked_files_0644(runner, lessons_dir, curriculum):
    for path in lessons_dir.glob("*.md"):
        path.chmod(0o644)
    with umask(0o077):
        result = runner.invoke(args=["lessons", "export"])
    assert result.exit_code == 0, result.output
    assert {_mode(path) for path in lessons_dir.glob("*.md")} == {0o644}
