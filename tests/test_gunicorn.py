"""Production servers: gunicorn.conf.py, several servers on one PostgreSQL, nothing lost."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPException
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import pgtools
from tests.servers import (
    database_totals,
    http,
    init_database,
    learner_run,
    make_learners,
    running_servers,
    sample_answer,
    stored_answers,
)

pytestmark = pytest.mark.slow
LEARNERS = 50


@pytest.fixture
def postgres_database() -> str:
    """A fresh, migrated PostgreSQL database of its own (servers connect from other processes)."""
    server = pgtools.postgres_url()
    if not server:
        pytest.skip(pgtools.SKIP_REASON)
    with pgtools.scratch_database(server, "servers") as url:
        init_database(url)
        yield url


@pytest.fixture
def sqlite_database(tmp_path: Path) -> str:
    """A migrated SQLite file with the shipped curriculum."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    init_database(url)
    return url


def check_nothing_lost(database_url: str, runs: list[dict]) -> None:
    """Every acknowledged answer stored once, and each score the sum of its responses."""
    stored = stored_answers(database_url)
    totals = database_totals(database_url)
    assert totals["duplicates"] == 0
    acknowledged = {
        (run["attempt_id"], qid): answer
        for run in runs
        for qid, answer in run["acknowledged"].items()
    }
    assert len(acknowledged) == sum(len(run["acknowledged"]) for run in runs)
    assert stored == acknowledged
    for run in runs:
        state, score, count, total = totals["attempts"][run["attempt_id"]]
        assert state == "finished" and count == len(run["acknowledged"]) == 10
        assert score == pytest.approx(total) == pytest.approx(run["final"]["score"])


def run_learners(bases: list[str], tokens: list[str]) -> list[dict]:
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        futures = [pool.submit(learner_run, bases, t, n) for n, t in enumerate(tokens)]
        return [future.result(timeout=300) for future in futures]


def production_config():
    """gunicorn.conf.py as gunicorn reads it."""
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location(
        "gunicorn_conf", Path(__file__).parent.parent / "gunicorn.conf.py"
    )
    conf = module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_config_is_the_production_start():
    conf = production_config()
    assert conf.wsgi_app == "app:create_app()"
    assert conf.bind == ["127.0.0.1:8000"] or os.environ.get("GUNICORN_BIND")
    assert conf.workers >= 1 and conf.worker_class == "gthread" and conf.timeout > 0
    assert conf.preload_app and callable(conf.post_fork)
    # threads fill network waits on a database server; on SQLite they only contend for the GIL
    assert conf._default_threads("") == 1
    assert conf._default_threads("sqlite:////srv/tutor.db") == 1
    assert conf._default_threads("postgresql+psycopg://tutor@db/tutor") == 4


def test_the_master_compiles_every_template_before_forking(app):
    conf = production_config()
    server = SimpleNamespace(
        cfg=SimpleNamespace(preload_app=True), app=SimpleNamespace(wsgi=lambda: app)
    )
    conf.when_ready(server)
    names = app.jinja_env.list_templates()
    assert len(names) > 20 and len(app.jinja_env.cache) == len(names)
    unloaded = SimpleNamespace(cfg=SimpleNamespace(preload_app=False), app=None)
    conf.when_ready(unloaded)  # without preloading the master has no app: nothing to do


def test_two_servers_share_one_postgresql(postgres_database, tmp_path):
    tokens = make_learners(postgres_database, LEARNERS)
    with running_servers(postgres_database, tmp_path, 2) as (first, second):
        # a browser session started on one server goes on on the other (signed cookie, shared key)
        status, page, headers = http(first.url, "GET", "/auth/login")
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        cookie = headers["Set-Cookie"].split(";")[0]
        form = f"csrf_token={csrf}&username=learner0&password=correct-horse-battery".encode()
        request = urllib.request.Request(  # noqa: S310  (a local server)
            first.url + "/auth/login", data=form, method="POST"
        )
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Cookie", cookie)
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(request, timeout=30)
        assert redirect.value.code == 302
        # every cookie the log-in sets (the session and the known-browser cookie)
        set_cookies = redirect.value.headers.get_all("Set-Cookie")
        session_cookie = "; ".join(value.split(";")[0] for value in set_cookies)
        status, home, _ = http(second.url, "GET", "/", headers={"Cookie": session_cookie})
        assert status == 200 and "learner0" in home

        runs = run_learners([first.url, second.url], tokens)
    check_nothing_lost(postgres_database, runs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep the 302 (and its Set-Cookie) instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


def test_concurrent_submissions_on_sqlite_lose_nothing(sqlite_database, tmp_path):
    tokens = make_learners(sqlite_database, LEARNERS)
    with running_servers(sqlite_database, tmp_path, 1) as (server,):
        runs = run_learners([server.url], tokens)
    check_nothing_lost(sqlite_database, runs)


def test_killed_worker_loses_no_acknowledged_answer(sqlite_database, tmp_path):
    tokens = make_learners(sqlite_database, 20)
    headers = [{"Authorization": f"Bearer {t}"} for t in tokens]
    with running_servers(sqlite_database, tmp_path, 1, workers=2) as (server,):
        attempts = []
        for header in headers:
            status, attempt, _ = http(
                server.url, "POST", "/api/v1/attempts",
                {"section_ids": ["political-cooperation"], "mode": "test", "count": 10}, header,
            )  # fmt: skip
            assert status == 201
            attempts.append(attempt)
        acknowledged: dict[tuple[int, str], object] = {}
        failures: list[object] = []
        lock = threading.Lock()

        def submit(n: int) -> None:
            attempt = attempts[n]
            for question in attempt["questions"]:
                answer = sample_answer(question)
                path = f"/api/v1/attempts/{attempt['id']}/responses/{question['question_id']}"
                try:
                    status, _, _ = http(server.url, "PUT", path, {"answer": answer}, headers[n])
                except (OSError, HTTPException) as exc:
                    # the connection or the response died with the worker: not acknowledged
                    failures.append(exc)
                    continue
                if status == 200:
                    with lock:
                        acknowledged[(attempt["id"], question["question_id"])] = answer

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(len(attempts))]
        for thread in threads:
            thread.start()
        time.sleep(0.3)  # mid-burst
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads)
        # the arbiter replaced the worker and the server still answers
        deadline = time.monotonic() + 30
        while victim in server.worker_pids() or len(server.worker_pids()) < 2:
            assert time.monotonic() < deadline, "the killed worker was not replaced"
            time.sleep(0.2)
        assert http(server.url, "GET", "/healthz")[0] == 200
    stored = stored_answers(sqlite_database)
    assert acknowledged, "no submission went through"
    for key, answer in acknowledged.items():
        assert stored.get(key) == answer, f"acknowledged answer {key} is missing"
    assert database_totals(sqlite_database)["duplicates"] == 0
