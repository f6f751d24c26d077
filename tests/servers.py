"""Real gunicorn servers for the tests: prepare a database, start on a free port, stop for sure."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SERVER_SECRET = "servers-test-secret-key-shared-by-every-server"  # noqa: S105  (test only)
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production server: the database and a secret shared by all."""
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_URL", "FLASK_APP"}}
    env.update(DATABASE_URL=database_url, SECRET_KEY=SERVER_SECRET, **extra)
    return env


def init_database(database_url: str) -> None:
    """`flask --app app init` on ``database_url``: migrations and the shipped curriculum."""
    result = subprocess.run(  # noqa: S603  (our own interpreter and command)
        [sys.executable, "-m", "flask", "--app", "app", "init"],
        cwd=PROJECT_ROOT,
        env=server_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@dataclass
class Server:
    """One gunicorn master with its workers, listening on ``url``."""

    process: subprocess.Popen
    url: str
    log: Path
    _closed: bool = field(default=False)

    def worker_pids(self) -> list[int]:
        """The master's worker processes (Linux /proc)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        """Graceful stop; killed if it does not end in time."""
        if self._closed:
            return
        self._closed = True
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_gunicorn(
    database_url: str, log_dir: Path, *, workers: int = 2, threads: int | None = 4, **env: str
) -> Server:
    """gunicorn with the production config (gunicorn.conf.py) on a free local port.

    ``threads=None`` leaves the number of threads to the configuration's default.
    """
    port = free_port()
    if threads is not None:
        env["GUNICORN_THREADS"] = str(threads)
    log = log_dir / f"gunicorn-{port}.log"
    handle = log.open("w")
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and config)
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"],
        cwd=PROJECT_ROOT,
        env=server_env(database_url, WEB_CONCURRENCY=str(workers), **env),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    handle.close()
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{log.read_text()}")
        try:
            if http(server.url, "GET", "/healthz", timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise AssertionError(f"gunicorn did not answer within {START_TIMEOUT}s:\n{log.read_text()}")


@contextmanager
def running_servers(database_url: str, log_dir: Path, count: int, **options) -> Iterator[list]:
    """``count`` servers on one database, all stopped on the way out whatever happens."""
    with ExitStack() as stack:
        servers = []
        for _ in range(count):
            server = start_gunicorn(database_url, log_dir, **options)
            stack.callback(server.stop)
            servers.append(server)
        yield servers


def http(
    base: str,
    method: str,
    path: str,
    body: object | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, object, dict[str, str]]:
    """One request: (status, parsed JSON or text, headers). Errors are answers, not raises."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)  # noqa: S310  (local)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  (local)
            status, raw, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), dict(error.headers)
    text = raw.decode("utf-8", "replace")
    if got.get("Content-Type", "").startswith("application/json"):
        return status, json.loads(text), got
    return status, text, got


def sample_answer(question: dict) -> object:
    """A well-formed answer for a served question's public view (right or wrong)."""
    qtype = question["type"]
    choices = question.get("choices") or question.get("items") or []
    if qtype == "multiple_response":
        return [choices[0]]
    if qtype == "short_answer":
        return "Moscow"
    if qtype == "matching":
        return [list(pair) for pair in zip(question["left"], question["right"], strict=False)]
    if qtype == "ordering":
        return list(choices)
    return choices[0]


def make_learners(database_url: str, count: int, prefix: str = "learner") -> list[str]:
    """``count`` students with API tokens (issued by the app's own code); returns the tokens."""
    from app import create_app
    from app.accounts.tokens import issue_token
    from app.extensions import db
    from app.models import Role, User
    from app.models.types import utcnow
    from tests.factories import DEFAULT_PASSWORD

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SERVER_SECRET})
    with app.app_context():
        first = User(username=f"{prefix}0", role=Role.STUDENT)
        first.set_password(DEFAULT_PASSWORD)  # one slow hash, shared: the password is the same
        users = [first] + [
            User(username=f"{prefix}{n}", role=Role.STUDENT, password_hash=first.password_hash)
            for n in range(1, count)
        ]
        db.session.add_all(users)
        db.session.flush()
        tokens = [issue_token(db.session, user, utcnow())[0] for user in users]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return tokens


def database_totals(database_url: str) -> dict[str, object]:
    """Per attempt: state, stored score, number of responses and the sum of their scores."""
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT a.id, a.state, a.score, COUNT(r.id), COALESCE(SUM(r.score), 0) "
                    "FROM attempts a LEFT JOIN responses r ON r.attempt_id = a.id "
                    "GROUP BY a.id, a.state, a.score"
                )
            ).all()
            duplicates = connection.scalar(
                sa.text(
                    "SELECT COUNT(*) FROM (SELECT served_id FROM responses "
                    "GROUP BY served_id HAVING COUNT(*) > 1) d"
                )
            )
    finally:
        engine.dispose()
    return {"attempts": {row[0]: tuple(row[1:]) for row in rows}, "duplicates": duplicates}


def learner_run(
    bases: list[str], token: str, index: int, section: str = "political-cooperation"
) -> dict:
    """One learner: start a 10-question test, answer each, finish; alternate between servers.

    Returns the attempt id, the answers the server acknowledged (HTTP 200) and the final JSON.
    """
    headers = {"Authorization": f"Bearer {token}"}
    server = bases[index % len(bases)]
    status, attempt, _ = http(
        server, "POST", "/api/v1/attempts",
        {"section_ids": [section], "mode": "test", "count": 10}, headers,
    )  # fmt: skip
    assert status == 201, (status, attempt)
    acknowledged = {}
    for number, question in enumerate(attempt["questions"]):
        answer = sample_answer(question)
        server = bases[(index + number + 1) % len(bases)]
        path = f"/api/v1/attempts/{attempt['id']}/responses/{question['question_id']}"
        status, body, _ = http(server, "PUT", path, {"answer": answer}, headers)
        assert status == 200, (status, body)
        acknowledged[question["question_id"]] = answer
    status, final, _ = http(
        bases[index % len(bases) - 1], "POST", f"/api/v1/attempts/{attempt['id']}/finish",
        None, headers,
    )  # fmt: skip
    assert status == 200, (status, final)
    return {"attempt_id": attempt["id"], "acknowledged": acknowledged, "final": final}


def stored_answers(database_url: str) -> dict[tuple[int, str], object]:
    """(attempt id, question id) -> stored answer, for every response in the database."""
    import sqlalchemy as sa
    from sqlalchemy.orm import Session

    from app.models import Response, ServedQuestion

    engine = sa.create_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                sa.select(Response.attempt_id, ServedQuestion.question_id, Response.answer).join(
                    ServedQuestion, ServedQuestion.id == Response.served_id
                )
            ).all()
    finally:
        engine.dispose()
    return {(attempt, question): answer for attempt, question, answer in rows}
