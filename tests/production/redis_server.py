"""Debian's redis-server for the tests: a process of their own on a free port, stopped for sure."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.servers import free_port

START_TIMEOUT = 10.0


def redis_server_binary() -> str:
    """The redis-server executable; skips the test without one, fails it in CI (CI=true)."""
    path = shutil.which("redis-server")
    if path:
        return path
    message = "Debian's redis-server is not installed"
    if os.environ.get("CI"):
        pytest.fail(message + ": .ci/run should have installed it")
    pytest.skip(message + ": apt-get install redis-server")


@dataclass
class RedisServer:
    """One redis-server process listening on 127.0.0.1:``port``."""

    binary: str
    port: int
    workdir: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"redis-{self.port}.log"

    def client(self) -> redis.Redis:
        """A client of this server that decodes replies to text."""
        return redis.Redis(host="127.0.0.1", port=self.port, decode_responses=True)

    def start(self) -> None:
        """Start (again, on the same port) and wait until it answers PING."""
        assert self.process is None or self.process.poll() is not None, "already running"
        # no config file, nothing written to disk: an empty in-memory store on loopback only
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
        with self.log.open("a") as handle:
            self.process = subprocess.Popen(  # noqa: S603  (Debian's redis-server, fixed arguments)
                command, stdout=handle, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT
        with self.client() as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise AssertionError(f"redis-server exited:\n{self.log.read_text()}")
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    time.sleep(0.05)
        self.stop()
        raise AssertionError(f"redis-server did not answer within {START_TIMEOUT}s")

    def stop(self) -> None:
        """Stop the process (killed if it does not end in time); safe to call twice."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def running_redis(workdir: Path) -> Iterator[RedisServer]:
    """A fresh redis-server on a free local port, stopped on the way out whatever happens."""
    server = RedisServer(redis_server_binary(), free_port(), workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
