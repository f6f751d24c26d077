"""The class-session benchmark refuses what it must not do, and stops at its time bound."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time

import pytest

from tests.servers import PROJECT_ROOT, free_port

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
        (["--warm-up", "-1"], "--warm-up: 0 to 200 learners"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("class_session", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_class_period_ends_at_the_time_bound():
    """Learners due long after the bound (arriving over 10 minutes) do not keep it running."""
    bench = _benchmark_module()
    # stands in for gunicorn's master, whose CPU time the period reads; nothing listens on the
    # port, so a learner who arrives before the bound gets an error and goes
    master = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])  # noqa: S603
    try:
        server = bench.Server(master, "127.0.0.1", free_port())
        args = bench.parse_args(["--learners", "300", "--arrival", "600"])
        started = time.monotonic()
        names = [f"learner{n}" for n in range(300)]
        result = bench.class_period([server], names, args, stop_at=started + 2)
        took = time.monotonic() - started
    finally:
        master.kill()
        master.wait()
    assert took < 15, took
    assert result["unfinished"] == 300
