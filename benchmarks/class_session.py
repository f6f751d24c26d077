"""A class period, as browsers do it: N learners log in, take one timed test, autosave, finish.

    .venv/bin/python benchmarks/class_session.py [--learners 25,50,100,200] [--arrival 60]
        [--one-address] [--save-every 4] [--database-url URL [--servers 2]]
        [--compare-with DIR] [--host 127.0.0.1] [--max-seconds 1800]

Starts gunicorn with the production configuration (gunicorn.conf.py, its default workers and
threads) over a freshly initialised database (SQLite by default; DATABASE_URL's empty PostgreSQL
database with --database-url, then --servers servers on it, learners shared between them as a
load balancer would). For each class size N, new learners arrive over --arrival seconds (each
from an address of its own in 127.0.0.0/8, or all from one with --one-address, as behind a
school's router), log in through the form, start one timed test within a 10-second window
(GET the quiz page, POST its form), load it, save an answer every few seconds as the page's
autosave does (one question's fields, Accept: application/json), finish, and read the review.

Prints per step p50/p99 latency and errors, the server's CPU per request beside the bare
route's (/healthz, measured in the same run), and the largest N whose every step kept
p99 < 300 ms with no error. --compare-with DIR runs the same class sizes against another
checkout (for example `git worktree add /tmp/before HEAD~5`) in the same run, the two servers
taking turns per class size.

Before the first class, each server serves a short warm-up period that is not measured (--warm-up
learners, 4 per worker by default, through every step within a few seconds): a class meets a
server that has been running, not one whose workers were forked a moment ago and whose database
was filled by the benchmark's own setup. --warm-up 0 measures the cold start instead.

Bounded: loopback only (a non-loopback --host is refused with exit status 2), at most 1,000
learners, each request times out after 30 s, and the run stops by itself after --max-seconds.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, server_env  # noqa: E402

P99_LIMIT_MS = 300.0
MAX_LEARNERS = 1000
PASSWORD = "correct-horse-battery"
USER_AGENT = "declaration-tutor-class-session"
STEPS = ("log-in page", "log-in", "landing", "quiz page", "start test", "test page", "autosave",
         "finish", "review")  # fmt: skip


class BenchError(Exception):
    """A refused argument: printed with exit status 2."""


# --- one learner's browser --------------------------------------------------------------------


class FormFields(HTMLParser):
    """The hidden inputs and per-question fields of a page's forms."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.checkboxes: dict[str, list[str]] = defaultdict(list)
        self.questions: list[list[tuple[str, str]]] = []  # per fieldset: (name, value) to send
        self._select: str | None = None
        self._options: list[str] = []
        self._in_question = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "fieldset" and "question" in (a.get("class") or "").split():
            self.questions.append([])
            self._in_question = True
        elif tag == "input":
            name, kind = a.get("name"), (a.get("type") or "text")
            if not name:
                return
            if kind == "hidden":
                self.hidden.setdefault(name, a.get("value") or "")
            elif kind == "checkbox" and not self._in_question:
                self.checkboxes[name].append(a.get("value") or "")
            elif self._in_question and self.questions:
                fields = self.questions[-1]
                if kind in ("radio", "checkbox"):
                    if not any(n == name for n, _ in fields):
                        fields.append((name, a.get("value") or ""))
                elif kind not in ("submit", "button"):
                    fields.append((name, "an answer"))
        elif tag == "select" and self._in_question:
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select and a.get("value"):
            self._options.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset":
            self._in_question = False
        elif tag == "select" and self._select and self._options:
            # the k-th select of a question takes the k-th option: an ordering gives every
            # item its own place, as a learner must
            fields = self.questions[-1]
            k = sum(1 for name, _ in fields if name != self._select)
            fields.append((self._select, self._options[k % len(self._options)]))
            self._select = None


@dataclass
class Browser:
    """Cookies and one keep-alive connection, from one source address, as a browser has."""

    host: str
    port: int
    source: str
    record: callable
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(self, step: str, method: str, path: str, form=None, accept=None):
        """One request; returns (status, headers, body text). Errors are recorded, not raised."""
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"User-Agent": USER_AGENT}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if accept:
            headers["Accept"] = accept
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.connection is not None
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(
                        self.host, self.port, timeout=30, source_address=(self.source, 0)
                    )
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                status, got = response.status, response.headers
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                # a kept-alive connection the server closed while the learner read: a browser
                # opens a new one and sends the request again, and so do we, once
                stale = isinstance(exc, http.client.RemoteDisconnected | ConnectionResetError |
                                   BrokenPipeError)  # fmt: skip
                if attempt == 1 and reused and stale:
                    started = time.perf_counter()
                    continue
                self.record(step, time.perf_counter() - started, False, repr(exc))
                return 0, {}, ""
        for value in got.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.record(step, time.perf_counter() - started, status < 400, f"{status} {text[:150]}")
        return status, got, text

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _location(headers) -> str:
    location = headers.get("Location", "") if headers else ""
    return urllib.parse.urlsplit(location).path + (
        "?" + urllib.parse.urlsplit(location).query if urllib.parse.urlsplit(location).query else ""
    )


def learner_session(browser: Browser, username: str, plan: dict, stop_at: float) -> None:
    """One learner's class period, each step at the time the plan gives it."""

    def wait_until(moment: float) -> bool:
        # never past the run's time bound: a learner due later than that stops there
        delay = min(moment, stop_at) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        return time.monotonic() < stop_at

    if not wait_until(plan["arrive"]):
        return
    status, _, page = browser.request("log-in page", "GET", "/auth/login")
    fields = FormFields()
    fields.feed(page)
    form = dict(fields.hidden, username=username, password=PASSWORD)
    status, headers, _ = browser.request("log-in", "POST", "/auth/login", form)
    if status != 302:
        return
    browser.request("landing", "GET", _location(headers))
    if not wait_until(plan["start"]):
        return
    status, _, page = browser.request("quiz page", "GET", "/quiz/")
    fields = FormFields()
    fields.feed(page)
    sections = fields.checkboxes.get("section_ids", [])
    form = [("csrf_token", fields.hidden.get("csrf_token", ""))]
    form += [("section_ids", s) for s in sections]
    form += [("mode", "test"), ("count", "10"), ("time_limit", "20")]
    status, headers, _ = browser.request("start test", "POST", "/quiz/start", form)
    if status != 302:
        return
    test_path = _location(headers)
    status, _, page = browser.request("test page", "GET", test_path)
    fields = FormFields()
    fields.feed(page)
    token = fields.hidden.get("csrf_token", "")
    save_path = test_path.rstrip("/") + "/answers"
    for n, question in enumerate(fields.questions):
        if not wait_until(plan["saves"][n % len(plan["saves"])]):
            return
        browser.request(
            "autosave", "POST", save_path, [("csrf_token", token), *question], "application/json"
        )
    if not wait_until(plan["finish"]):
        return
    status, headers, _ = browser.request(
        "finish", "POST", save_path, [("csrf_token", token), ("finish", "1")]
    )
    if status == 302:
        browser.request("review", "GET", _location(headers))
    browser.close()


# --- servers ------------------------------------------------------------------------------------


@dataclass
class Server:
    """A gunicorn master from one checkout, with its workers."""

    process: subprocess.Popen
    host: str
    port: int

    def cpu_seconds(self) -> float:
        """CPU of the master and its workers, live and reaped (Linux /proc)."""
        tick = os.sysconf("SC_CLK_TCK")

        def times(pid: int, children: bool) -> int:
            parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return sum(int(v) for v in parts[11 : 15 if children else 13])

        total = times(self.process.pid, True)
        kids = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in kids.read_text().split() if kids.exists() else []:
            try:
                total += times(int(pid), False)
            except (FileNotFoundError, ProcessLookupError):
                continue
        return total / tick

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run_flask(root: Path, url: str, *args: str) -> None:
    """`flask --app app ARGS` in checkout ``root`` on database ``url``."""
    result = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=root, env=server_env(url), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed in {root}:\n{result.stderr[-2000:]}")


def make_learners(root: Path, url: str, prefix: str, count: int) -> list[str]:
    """``count`` student accounts made by checkout ``root``'s own code; their usernames."""
    code = (
        "import sys\n"
        "from app import create_app\nfrom app.extensions import db\n"
        "from app.models import Role, User\n"
        "app = create_app({'SQLALCHEMY_DATABASE_URI': sys.argv[1], 'SECRET_KEY': 'x'})\n"
        "with app.app_context():\n"
        "    first = User(username=sys.argv[2] + '0', role=Role.STUDENT)\n"
        "    first.set_password(sys.argv[4])\n"
        "    db.session.add(first)\n"
        "    db.session.add_all(User(username=f'{sys.argv[2]}{n}', role=Role.STUDENT,\n"
        "        password_hash=first.password_hash) for n in range(1, int(sys.argv[3])))\n"
        "    db.session.commit()\n"
    )
    subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", code, url, prefix, str(count), PASSWORD],
        cwd=root, env=server_env(url), check=True, timeout=300,
    )  # fmt: skip
    return [f"{prefix}{n}" for n in range(count)]


def start_server(root: Path, url: str, log_dir: Path, host: str) -> Server:
    """gunicorn -c gunicorn.conf.py in ``root`` with its default workers and threads."""
    port = free_port()
    env = server_env(url, PLAIN_HTTP="1")
    env.pop("WEB_CONCURRENCY", None)
    env.pop("GUNICORN_THREADS", None)
    with (log_dir / f"gunicorn-{port}.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603  (our own interpreter and config)
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"{host}:{port}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(process, host, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {log_dir}")
        try:
            connection = http.client.HTTPConnection(host, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise SystemExit("gunicorn did not start within 60 s")


def bare_cpu_ms(servers: list[Server], host: str, requests: int = 400) -> float:
    """Server CPU per request of /healthz (the framework's floor), 4 clients at a time."""
    before = sum(s.cpu_seconds() for s in servers)

    def client(n: int) -> None:
        server = servers[n % len(servers)]
        connection = http.client.HTTPConnection(host, server.port, timeout=30)
        for _ in range(requests // 4):
            connection.request("GET", "/healthz", headers={"User-Agent": USER_AGENT})
            connection.getresponse().read()
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return 1000 * (sum(s.cpu_seconds() for s in servers) - before) / requests


# --- one class period ---------------------------------------------------------------------------


def class_period(servers: list[Server], usernames: list[str], args, stop_at: float) -> dict:
    """Run one class period; per step latencies and errors, server CPU per request."""
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    kinds: dict[str, int] = defaultdict(int)
    lock = threading.Lock()

    def record(step: str, seconds: float, ok: bool, what: str) -> None:
        with lock:
            samples[step].append(seconds * 1000)
            if not ok:
                errors[step] += 1
                kinds[f"{step}: {what}"] += 1

    rng = random.Random(len(usernames))  # noqa: S311  (a reproducible schedule, not a secret)
    t0 = time.monotonic() + 1.0
    threads = []
    for n, username in enumerate(usernames):
        arrive = t0 + rng.uniform(0, args.arrival)
        start = t0 + args.arrival + rng.uniform(0, args.start_window)
        saves = [start + 2 + args.save_every * (k + rng.uniform(0.5, 1.5)) for k in range(10)]
        plan = {"arrive": arrive, "start": start, "saves": saves, "finish": saves[-1] + 2}
        source = "127.0.0.1" if args.one_address else f"127.0.{1 + n // 250}.{1 + n % 250}"
        server = servers[n % len(servers)]
        browser = Browser(server.host, server.port, source, record)
        thread = threading.Thread(
            target=learner_session, args=(browser, username, plan, stop_at), daemon=True
        )
        threads.append(thread)
    cpu_before = sum(s.cpu_seconds() for s in servers)
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    for thread in threads:
        thread.start()
    for thread in threads:
        # past the bound, a learner still waiting on a request (at most 30 s) is left behind
        thread.join(timeout=max(0.0, stop_at - time.monotonic()) + 0.1)
    cpu = sum(s.cpu_seconds() for s in servers) - cpu_before
    client = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (client.ru_utime - client_before.ru_utime) + (
        client.ru_stime - client_before.ru_stime
    )
    total = sum(len(v) for v in samples.values())
    steps = {}
    for step in STEPS:
        values = sorted(samples.get(step, []))
        if values:
            steps[step] = {
                "n": len(values),
                "p50": statistics.median(values),
                "p99": values[max(0, int(len(values) * 0.99 + 0.5) - 1)],
                "errors": errors.get(step, 0),
            }
    missing = len(usernames) - steps.get("review", {}).get("n", 0)
    return {
        "learners": len(usernames),
        "steps": steps,
        "requests": total,
        "server_cpu_ms_per_request": 1000 * cpu / max(1, total),
        "client_cpu_s": client_cpu,
        "unfinished": missing,
        "error_kinds": dict(kinds),
    }


def passes(result: dict) -> bool:
    """Every step under the p99 limit, no error, every learner reached the review."""
    return (
        not result.get("cut_short")
        and result["unfinished"] == 0
        and all(s["p99"] < P99_LIMIT_MS and s["errors"] == 0 for s in result["steps"].values())
    )


def print_period(label: str, result: dict, bare: float) -> None:
    cpu = result["server_cpu_ms_per_request"]
    verdict = "PASS" if passes(result) else "FAIL"
    ratio = cpu / bare if bare else 0.0
    print(f"\n[{label}] N={result['learners']}: {verdict}; {result['requests']} requests; "
          f"server CPU {cpu:.2f} ms/request, bare route {bare:.2f} ms ({ratio:.1f}x); "
          f"client CPU {result['client_cpu_s']:.1f} s; "
          f"unfinished {result['unfinished']}")  # fmt: skip
    print(f"  {'step':<14}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for step, s in result["steps"].items():
        print(f"  {step:<14}{s['n']:>6}{s['p50']:>9.1f}{s['p99']:>9.1f}{s['errors']:>8}")
    for kind, count in sorted(result["error_kinds"].items()):
        print(f"  error {kind} x{count}")


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Deployment:
    """One checkout's servers on one database."""

    label: str
    root: Path
    url: str
    servers: list[Server]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", default="25,50,100,200", help="class sizes, ascending")
    parser.add_argument("--arrival", type=float, default=60.0, help="log-ins spread over (s)")
    parser.add_argument("--start-window", type=float, default=10.0)
    parser.add_argument("--save-every", type=float, default=4.0, help="seconds between saves")
    parser.add_argument("--one-address", action="store_true", help="all from one address")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default SQLite)")
    parser.add_argument("--servers", type=int, default=None, help="default 1 SQLite, 2 PostgreSQL")
    parser.add_argument("--compare-with", type=Path, help="another checkout, run side by side")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to serve on")
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    parser.add_argument(
        "--warm-up", type=int, default=None, help="unmeasured learners first (default 4/worker)"
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(n) for n in args.learners.split(",")]
    except ValueError:
        raise BenchError(f"--learners: not a list of numbers: {args.learners!r}") from None
    if not args.sizes or any(n < 1 or n > MAX_LEARNERS for n in args.sizes):
        raise BenchError(f"--learners: each class size must be 1 to {MAX_LEARNERS}")
    try:
        loopback = ipaddress.IPv4Address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise BenchError(f"--host: {args.host!r} is not an IPv4 loopback address; refused")
    if args.database_url and not args.database_url.startswith("postgresql"):
        raise BenchError("--database-url: a PostgreSQL URL (postgresql+psycopg://...)")
    if args.compare_with and not (args.compare_with / "gunicorn.conf.py").exists():
        raise BenchError(f"--compare-with: {args.compare_with} is not a checkout of the project")
    if args.max_seconds <= 0 or args.arrival < 0 or args.save_every <= 0:
        raise BenchError("--max-seconds and --save-every must be positive, --arrival not negative")
    if args.servers is not None and not 1 <= args.servers <= 4:
        raise BenchError("--servers: 1 to 4")
    if args.warm_up is not None and not 0 <= args.warm_up <= 200:
        raise BenchError("--warm-up: 0 to 200 learners")
    return args


def deploy(label: str, root: Path, n: int, args, workdir: Path) -> Deployment:
    """Initialise a database for checkout ``root`` and start its servers."""
    if args.database_url:
        url = args.database_url if n == 0 else _second_database(args.database_url)
    else:
        url = f"sqlite:///{workdir / f'class-{n}.db'}"
    run_flask(root, url, "init")
    count = args.servers or (2 if args.database_url else 1)
    servers = [start_server(root, url, workdir, args.host) for _ in range(count)]
    return Deployment(label, root, url, servers)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except BenchError as exc:
        print(f"class_session: {exc}", file=sys.stderr)
        return 2
    stop_at = time.monotonic() + args.max_seconds
    workdir = Path(tempfile.mkdtemp(prefix="bench-class-"))
    checkouts = [("this checkout", ROOT)]
    if args.compare_with:
        checkouts.append(("compared", args.compare_with.resolve()))
    deployments: list[Deployment] = []
    results: dict[str, list[dict]] = {label: [] for label, _ in checkouts}
    try:
        for n, (label, root) in enumerate(checkouts):
            deployments.append(deploy(label, root, n, args, workdir))
        for d in deployments:
            warm_up(d, args, stop_at)
        failed: set[str] = set()
        for size in args.sizes:  # the checkouts take turns at each class size
            for d in deployments:
                if d.label in failed or time.monotonic() > stop_at:
                    continue
                names = make_learners(d.root, d.url, f"c{size}x", size)
                bare = bare_cpu_ms(d.servers, args.host)
                result = class_period(d.servers, names, args, stop_at)
                result["bare_cpu_ms"] = bare
                result["cut_short"] = time.monotonic() >= stop_at
                results[d.label].append(result)
                print_period(d.label, result, bare)
                if not passes(result):
                    failed.add(d.label)
    finally:
        for d in deployments:
            for server in d.servers:
                server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if time.monotonic() >= stop_at:
        print(f"\nstopped at the time bound (--max-seconds {args.max_seconds:g}): a class cut "
              "short counts as failed, and larger ones were not run")  # fmt: skip
    print("\nlargest class with every step at p99 < 300 ms and no error:")
    for label, periods in results.items():
        best = max((r["learners"] for r in periods if passes(r)), default=0)
        print(f"  {label}: {best or 'none of the sizes tried'}")
    print(json.dumps(results))
    return 0


def warm_up(d: Deployment, args, stop_at: float) -> None:
    """An unmeasured class period, quick and small, so each worker has served every step."""
    workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))
    count = args.warm_up if args.warm_up is not None else 4 * workers * len(d.servers)
    if count:
        names = make_learners(d.root, d.url, "warm", count)
        quick = argparse.Namespace(**{**vars(args), "arrival": 5.0, "start_window": 2.0,
                                      "save_every": 0.5})  # fmt: skip
        class_period(d.servers, names, quick, stop_at)


def _second_database(url: str) -> str:
    """A database beside ``url`` for the compared checkout (created, or emptied if it exists)."""
    import sqlalchemy as sa

    parts = sa.engine.make_url(url)
    name = f"{parts.database}_compared"
    engine = sa.create_engine(parts.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise SystemExit(f"cannot derive a database name from {parts.database!r}")
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parts.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
