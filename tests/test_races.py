"""Races of real requests against a real gunicorn server, on SQLite and on PostgreSQL.

Each test fires two requests at one barrier, ROUNDS times, and then reads the database: an
answer racing "finish" is either counted in the score or refused (never stored into a finished
attempt), two finishes count once (API and web form), one username (in any case) makes one
account, and joining one class twice at once makes one membership, with no 5xx anywhere.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import sqlalchemy as sa

from tests import pgtools
from tests.factories import DEFAULT_PASSWORD
from tests.servers import Server, http, init_database, make_learners, start_gunicorn

pytestmark = pytest.mark.slow
ROUNDS = 40
NEW_PASSWORD = "quarry-lantern-9-thimble"  # noqa: S105  (passes the registration rules)
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Racing:
    """A gunicorn server (two workers) on its own database, three learners and their tokens,
    and the questions' keys (an answer racing "finish" scores, so a lost one shows)."""

    server: Server
    url: str
    engine: sa.Engine
    tokens: list[str]
    keys: dict[str, object]

    def api(self, learner: int, method: str, path: str, body: object = None):
        headers = {"Authorization": f"Bearer {self.tokens[learner]}"}
        return http(self.server.url, method, f"/api/v1{path}", body, headers)

    def scalar(self, sql: str, **params):
        with self.engine.connect() as connection:
            return connection.execute(sa.text(sql), params).scalar()

    def rows(self, sql: str, **params):
        with self.engine.connect() as connection:
            return connection.execute(sa.text(sql), params).all()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def racing(request, tmp_path_factory) -> Iterator[Racing]:
    """One server per database; PostgreSQL only when TEST_DATABASE_URL names a server."""
    folder = tmp_path_factory.mktemp(f"races-{request.param}")
    if request.param == "sqlite":
        yield from _racing(f"sqlite:///{folder / 'races.db'}", folder)
        return
    server = pgtools.postgres_url()
    if not server:
        pytest.skip(pgtools.SKIP_REASON)
    with pgtools.scratch_database(server, "races") as url:
        yield from _racing(url, folder)


def _racing(url: str, folder: Path) -> Iterator[Racing]:
    init_database(url)
    tokens = make_learners(url, 3, prefix="racer")
    # TRUSTED_PROXIES: registrations come from addresses of their own (X-Forwarded-For), as a
    # class's would, so that the log-in and registration limits stay out of the way
    server = start_gunicorn(url, folder, workers=2, threads=4, TRUSTED_PROXIES="1")
    engine = sa.create_engine(url)
    try:
        racing = Racing(server, url, engine, tokens, {})
        racing.keys = _answer_keys(racing)
        yield racing
    finally:
        server.stop()
        engine.dispose()


def _answer_keys(racing: Racing) -> dict[str, object]:
    """Every question's key (its current version's answer), read from the database."""
    from app.models import Question, QuestionVersion

    query = sa.select(Question.id, QuestionVersion.answer).join(
        QuestionVersion, QuestionVersion.id == Question.current_version_id
    )
    with racing.engine.connect() as connection:
        return dict(connection.execute(query).all())


def _TEST_OF(count: int) -> dict:  # noqa: N802  (reads like the constant body it builds)
    return {"section_ids": ["preamble"], "mode": "test", "count": count}


def together(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released at one barrier; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result(timeout=60) for future in [pool.submit(run, c) for c in calls]]


def form_post(base: str, path: str, fields: dict, cookie: str, address: str = "") -> tuple:
    """POST a form as a browser would (no redirect followed): (status, body, Set-Cookie)."""
    parts = urlsplit(base)
    connection = HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    if address:
        headers["X-Forwarded-For"] = address
    try:
        connection.request("POST", path, urlencode(fields, doseq=True), headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        # every cookie the response sets (the session and, after a log-in, the known-browser
        # cookie), as the Cookie header a browser would send next
        cookies = [value.split(";")[0] for value in response.headers.get_all("Set-Cookie") or []]
        return response.status, body, "; ".join(cookies)
    finally:
        connection.close()


def page_form(base: str, path: str, cookie: str = "") -> tuple[str, str]:
    """GET a page with a form: (its CSRF token, the session cookie that goes with it)."""
    status, page, headers = http(base, "GET", path, headers={"Cookie": cookie} if cookie else {})
    assert status == 200, (status, page[:300])
    new_cookie = headers.get("Set-Cookie", "").split(";")[0]
    return CSRF_FIELD.search(page).group(1), new_cookie or cookie


def logged_in(racing: Racing, username: str) -> tuple[str, str]:
    """A session of ``username`` through the real log-in form: (CSRF token, cookie)."""
    token, cookie = page_form(racing.server.url, "/auth/login")
    fields = {"csrf_token": token, "username": username, "password": DEFAULT_PASSWORD}
    status, body, set_cookie = form_post(racing.server.url, "/auth/login", fields, cookie)
    assert status == 302, body[:300]
    return page_form(racing.server.url, "/classes/join", set_cookie)


def report(name: str, racing: Racing, failures: dict[str, int]) -> None:
    database = sa.make_url(racing.url).get_backend_name()
    figures = ", ".join(f"{count} {what}" for what, count in failures.items())
    print(f"\n{name} on {database}: {ROUNDS} rounds, {figures}")  # noqa: T201  (-s shows it)
    assert not any(failures.values()), f"{name} on {database}, {ROUNDS} rounds: {figures}"


def _start(racing: Racing, learner: int, count: int = 2) -> dict:
    status, attempt = racing.api(learner, "POST", "/attempts", _TEST_OF(count))[:2]
    assert status == 201, attempt
    return attempt


def _answer(racing: Racing, learner: int, attempt: dict, question: dict) -> Callable[[], tuple]:
    path = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
    key = racing.keys[question["question_id"]]
    return lambda: racing.api(learner, "PUT", path, {"answer": key})[:2]


def _finish(racing: Racing, learner: int, attempt: dict) -> Callable[[], tuple]:
    return lambda: racing.api(learner, "POST", f"/attempts/{attempt['id']}/finish")[:2]


def test_an_answer_racing_finish_is_counted_or_refused(racing):
    failures = {
        "scores that differ from their responses": 0,
        "answers stored after finished_at": 0,
        "acknowledged answers lost": 0,
        "server errors": 0,
    }
    for _ in range(ROUNDS):
        attempt = _start(racing, 0)
        first, last = attempt["questions"]
        assert _answer(racing, 0, attempt, first)()[0] == 200
        (put_status, put_body), (finish_status, final) = together(
            _answer(racing, 0, attempt, last), _finish(racing, 0, attempt)
        )
        failures["server errors"] += (put_status >= 500) + (finish_status >= 500)
        assert put_status in (200, 409, 500) and finish_status in (200, 500), (put_body, final)
        score, finished_at = racing.rows(
            "SELECT score, finished_at FROM attempts WHERE id = :id", id=attempt["id"]
        )[0]
        stored = racing.rows(
            "SELECT r.score, s.question_id FROM responses r "
            "JOIN served_questions s ON s.id = r.served_id WHERE r.attempt_id = :id",
            id=attempt["id"],
        )
        if score != pytest.approx(sum(row[0] for row in stored)):
            failures["scores that differ from their responses"] += 1
        last_stored = any(row[1] == last["question_id"] for row in stored)
        finished_view = {q["question_id"]: q for q in final.get("questions", [])}
        if last_stored and not finished_view.get(last["question_id"], {}).get("answered"):
            failures["answers stored after finished_at"] += 1
        if put_status == 200 and not last_stored:
            failures["acknowledged answers lost"] += 1
        assert finished_at is not None
    report("answer racing finish", racing, failures)


def _attempts_counted(racing: Racing, learner: int) -> int:
    """The learner's section progress count, which each finish adds one to."""
    return racing.scalar(
        "SELECT COALESCE(SUM(p.attempts_count), 0) FROM section_progress p "
        "JOIN users u ON u.id = p.user_id WHERE u.username = :name",
        name=f"racer{learner}",
    )


def test_two_finishes_at_once_are_counted_once(racing):
    failures = {"double-counted finishes": 0, "scores that differ": 0, "server errors": 0}
    for _ in range(ROUNDS):
        attempt = _start(racing, 1)
        assert _answer(racing, 1, attempt, attempt["questions"][0])()[0] == 200
        before = _attempts_counted(racing, 1)
        answers = together(_finish(racing, 1, attempt), _finish(racing, 1, attempt))
        failures["server errors"] += sum(status >= 500 for status, _ in answers)
        counted = _attempts_counted(racing, 1) - before
        failures["double-counted finishes"] += counted != 1
        scores = {body.get("score") for status, body in answers if status == 200}
        failures["scores that differ"] += len(scores) != 1
    report("two API finishes", racing, failures)


def test_finish_pressed_twice_on_the_web_form_counts_once(racing):
    token, cookie = logged_in(racing, "racer2")
    failures = {"double-counted finishes": 0, "refused or failed presses": 0}
    for _ in range(ROUNDS):
        attempt = _start(racing, 2)
        path = f"/quiz/attempts/{attempt['id']}/answers"
        fields = {"csrf_token": token, "finish": "Finish"}
        before = _attempts_counted(racing, 2)
        answers = together(*[partial(form_post, racing.server.url, path, fields, cookie)] * 2)
        failures["refused or failed presses"] += sum(status != 302 for status, *_ in answers)
        failures["double-counted finishes"] += _attempts_counted(racing, 2) - before != 1
    report("Finish pressed twice", racing, failures)


def test_one_username_registered_twice_at_once_makes_one_account(racing):
    failures = {
        "duplicate accounts": 0, "rounds without an account": 0, "server errors": 0,
        "unclear refusals": 0,
    }  # fmt: skip
    for round_ in range(ROUNDS):
        names = [f"Twin{round_}", f"twin{round_}"]
        forms = [page_form(racing.server.url, "/auth/register") for _ in names]

        def register(name, form, address):
            fields = {
                "csrf_token": form[0], "username": name,
                "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
            }  # fmt: skip
            return form_post(racing.server.url, "/auth/register", fields, form[1], address)

        answers = together(
            *[
                lambda n=n, f=f, a=f"10.9.{round_}.{i + 1}": register(n, f, a)
                for i, (n, f) in enumerate(zip(names, forms, strict=True))
            ]
        )
        failures["server errors"] += sum(status >= 500 for status, *_ in answers)
        refused = [body for status, body, _ in answers if status == 400]
        failures["unclear refusals"] += sum("is taken" not in body for body in refused)
        accounts = racing.scalar(
            "SELECT COUNT(*) FROM users WHERE lower(username) = :name", name=names[1]
        )
        failures["duplicate accounts"] += accounts > 1
        failures["rounds without an account"] += accounts == 0
    report("one username registered twice", racing, failures)


def _cohorts(racing: Racing, count: int) -> list[str]:
    """``count`` classes of one instructor, made with the app's own code; their join codes."""
    from app import create_app
    from app.classes.cohorts import create_cohort
    from app.extensions import db
    from app.models import Role, User
    from tests.servers import SERVER_SECRET

    app = create_app({"SQLALCHEMY_DATABASE_URI": racing.url, "SECRET_KEY": SERVER_SECRET})
    with app.app_context():
        teacher = User(username="race-teacher", role=Role.INSTRUCTOR, password_hash="!")
        db.session.add(teacher)
        db.session.flush()
        codes = [create_cohort(db.session, teacher, f"Class {n}").join_code for n in range(count)]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return codes


def test_joining_one_class_twice_at_once_makes_one_membership(racing):
    token, cookie = logged_in(racing, "racer1")
    failures = {"server errors": 0, "unclear outcomes": 0, "memberships not one": 0}
    for code in _cohorts(racing, ROUNDS):
        fields = {"csrf_token": token, "code": code}
        answers = together(
            *[partial(form_post, racing.server.url, "/classes/join", fields, cookie)] * 2
        )
        failures["server errors"] += sum(status >= 500 for status, *_ in answers)
        failures["unclear outcomes"] += sum(status != 302 for status, *_ in answers)
        members = racing.scalar(
            "SELECT COUNT(*) FROM memberships m JOIN cohorts c ON c.id = m.cohort_id "
            "WHERE c.join_code = :code",
            code=code,
        )
        failures["memberships not one"] += members != 1
    report("joining one class twice", racing, failures)
