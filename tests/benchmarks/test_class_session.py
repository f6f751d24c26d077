"""The class-session benchmark refuses what it must not do, before it starts anything."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.servers import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "class_session.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, str(SCRIPT), *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.5", "8.8.8.8", "example.org", "::1"])
def test_a_target_off_loopback_is_refused(host):
    result = run("--host", host)
    assert result.returncode == 2
    assert "not an IPv4 loopback address; refused" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--learners", "abc"], "not a list of numbers"),
        (["--learners", "0"], "each class size must be 1 to 1000"),
        (["--learners", "5000"], "each class size must be 1 to 1000"),
        (["--max-seconds", "0"], "must be positive"),
        (["--database-url", "sqlite:///x.db"], "a PostgreSQL URL"),
        (["--compare-with", "/nonexistent"], "is not a checkout of the project"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
