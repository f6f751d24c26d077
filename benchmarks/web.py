"""Web benchmark: requests per second of real pages against the app's bare route, same run.

    .venv/bin/python benchmarks/web.py [--seconds 10] [--rounds 3] [--connections 16]
                                       [--database-url URL]

Starts gunicorn with the production configuration (gunicorn.conf.py) on a free local port over a
freshly initialised SQLite database (or DATABASE_URL's empty PostgreSQL database with
--database-url), then drives load with wrk (Debian package `wrk`; a bounded Python load generator
when wrk is missing) on: /healthz (a constant string: the framework's limit on this machine), a
lesson page, a quiz page of 10 questions (logged in) and an answer submission (JSON API PUT that
changes the saved answer each time, so every request writes). The cases take turns for --rounds
rounds (--seconds per case in all); prints per case the median req/s, p99 latency and ratio to the
bare route of the same round, with the targets, and the server's CPU time per request (master and
workers from /proc: a figure that load from other processes on a shared machine barely moves).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import http, init_database, make_learners, start_gunicorn  # noqa: E402

# one client throughout, as a browser is: Flask-Login's session protection ties the session to the
# User-Agent it logged in with, and would rewrite the cookie on every request from another one
USER_AGENT = "declaration-tutor-benchmark"
TARGETS = {"lesson page": 0.6, "quiz page (10 questions)": 0.5, "answer submission": 0.3}
SUBMIT_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local body = (math.fmod(counter, 2) == 0) and '{"answer": true}' or '{"answer": false}'
  return wrk.format("PUT", nil, {["Content-Type"] = "application/json",
                                 ["Authorization"] = "Bearer TOKEN"}, body)
end
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login_cookie(base: str, username: str, password: str) -> str:
    """Log in through the real form and follow its redirect as a browser does; return the
    session cookie the client then holds.

    The log-in leaves a flash message ("Logged in as …") in the session; the page after the
    redirect shows it and sets a cookie without it. A client that kept replaying the log-in's
    own cookie would have every request pop that message and re-sign the session: a cost no
    browser pays (it stores each new cookie), so the benchmark must not pay it either."""
    _, page, headers = http(base, "GET", "/auth/login")
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = f"csrf_token={csrf}&username={username}&password={password}".encode()
    request = urllib.request.Request(base + "/auth/login", data=form, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Cookie", headers["Set-Cookie"].split(";")[0])
    request.add_header("User-Agent", USER_AGENT)
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as redirect:
        cookie = "; ".join(v.split(";")[0] for v in redirect.headers.get_all("Set-Cookie"))
        target = redirect.headers["Location"]
    else:
        raise SystemExit("log-in did not redirect")
    _, page, headers = http(
        base, "GET", target, headers={"Cookie": cookie, "User-Agent": USER_AGENT}
    )
    if "Logged in as" not in page:
        raise SystemExit("the page after log-in did not show its message")
    return headers["Set-Cookie"].split(";")[0] if headers.get("Set-Cookie") else cookie


def run_wrk(url: str, seconds: int, connections: int, headers=(), script: str | None = None):
    """(req/s, p99 ms, non-2xx count) from wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in [f"User-Agent: {USER_AGENT}", *headers]:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, p99, int(errors.group(1)) if errors else 0


def run_python(url: str, seconds: int, connections: int, headers=(), method="GET", bodies=None):
    """The same measure without wrk: threads, one keep-alive-less request each at a time."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(n: int) -> None:
        count = n
        while time.monotonic() < stop:
            count += 1
            data = bodies[count % 2].encode() if bodies else None
            request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
            request.add_header("User-Agent", USER_AGENT)
            for header in headers:
                name, value = header.split(": ", 1)
                request.add_header(name, value)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    response.read()
            except (urllib.error.URLError, OSError):
                with lock:
                    errors[0] += 1
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    return len(latencies) / seconds, p99, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="turns each case takes (default 3)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    workdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    init_database(url)
    token = make_learners(url, 1, prefix="bench")[0]
    auth = f"Authorization: Bearer {token}"
    workers = multiprocessing.cpu_count() * 2 + 1
    server = start_gunicorn(url, workdir, workers=workers, threads=None)  # the config's default
    try:
        base = server.url
        status, attempt, _ = http(
            base, "POST", "/api/v1/attempts",
            {"section_ids": ["political-cooperation"], "mode": "test", "count": 10},
            {"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        assert status == 201 and len(attempt["questions"]) == 10, attempt
        true_false = next(q for q in attempt["questions"] if q["type"] == "true_false")
        cookie = "Cookie: " + login_cookie(base, "bench0", "correct-horse-battery")
        quiz_path = f"/quiz/attempts/{attempt['id']}"
        as_client = dict([cookie.split(": ", 1)], **{"User-Agent": USER_AGENT})
        status, page, headers = http(base, "GET", quiz_path, headers=as_client)
        assert status == 200 and page.count("<fieldset") >= 10, "the quiz page lost its questions"
        # a browser's steady state: the session is read, not written back on every page
        assert "Set-Cookie" not in headers, "the quiz page rewrote the session cookie"
        submit = f"/api/v1/attempts/{attempt['id']}/responses/{true_false['question_id']}"
        cases = [
            ("bare route (/healthz)", "/healthz", [], None),
            ("lesson page", "/lessons/preamble", [], None),
            ("quiz page (10 questions)", quiz_path, [cookie], None),
            ("answer submission", submit, [auth], "submit"),
        ]
        lua = workdir / "submit.lua"
        lua.write_text(SUBMIT_LUA.replace("TOKEN", token))
        # the cases take turns, round after round: a burst of load from elsewhere on a shared
        # machine then slows one round of every case instead of one case of the whole run
        rounds: dict[str, list[tuple[float, float, int, float]]] = {c[0]: [] for c in cases}
        slice_seconds = max(1, round(args.seconds / args.rounds))
        for _ in range(args.rounds):
            for name, path, headers, kind in cases:
                cpu_before = server_cpu_seconds(server)
                if use_wrk:
                    rate, p99, errors = run_wrk(base + path, slice_seconds, args.connections,
                                                headers, str(lua) if kind else None)  # fmt: skip
                else:
                    bodies = ['{"answer": false}', '{"answer": true}'] if kind else None
                    extra = ["Content-Type: application/json"] if kind else []
                    method = "PUT" if kind else "GET"
                    rate, p99, errors = run_python(base + path, slice_seconds, args.connections,
                                                   headers + extra, method, bodies)  # fmt: skip
                cpu_ms = (
                    1000
                    * (server_cpu_seconds(server) - cpu_before)
                    / max(1.0, rate * slice_seconds)
                )
                rounds[name].append((rate, p99, errors, cpu_ms))
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    report(rounds, args, workers, use_wrk, url)


def server_cpu_seconds(server) -> float:
    """CPU time of the gunicorn master and its workers, live and already reaped (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")

    def times(pid: int, children: bool) -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(value) for value in fields[11 : 15 if children else 13])

    total = times(server.process.pid, children=True)
    for pid in server.worker_pids():
        try:
            total += times(pid, children=False)
        except (FileNotFoundError, ProcessLookupError):  # recycled between the two reads
            continue
    return total / tick


def config_threads(url: str) -> str:
    """The threads per worker that gunicorn.conf.py gives the server started for ``url``."""
    if os.environ.get("GUNICORN_THREADS"):
        return os.environ["GUNICORN_THREADS"]
    config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    return str(config["_default_threads"](url))


def report(rounds: dict, args, workers: int, use_wrk: bool, url: str) -> None:
    """Medians over the rounds; each ratio is taken within its round, then the median of those."""
    bare_name = next(iter(rounds))
    bare_rates = [measured[0] for measured in rounds[bare_name]]
    bare_cpu = statistics.median(measured[3] for measured in rounds[bare_name])
    tool = "wrk" if use_wrk else "python threads"
    print(f"load: {tool}, {args.connections} connections, {args.rounds} rounds of "
          f"{max(1, round(args.seconds / args.rounds))}s per case; gunicorn gthread {workers} "
          f"workers x {config_threads(url)} threads; {url.split(':')[0]}")  # fmt: skip
    print(f"{'case':<28}{'req/s':>9}{'p99 ms':>9}{'ratio':>7}{'target':>8}{'errors':>8}"
          f"{'cpu ms/req':>12}{'cpu ratio':>11}")  # fmt: skip
    summary = {}
    for name, measured in rounds.items():
        rate = statistics.median(m[0] for m in measured)
        p99 = statistics.median(m[1] for m in measured)
        errors = sum(m[2] for m in measured)
        cpu = statistics.median(m[3] for m in measured)
        ratio = statistics.median(m[0] / bare for m, bare in zip(measured, bare_rates, strict=True))
        target = TARGETS.get(name)
        mark = "" if target is None else ("  ok" if ratio >= target else "  BELOW")
        print(f"{name:<28}{rate:>9.0f}{p99:>9.1f}{ratio:>7.2f}"
              f"{(f'{target:.1f}' if target else '-'):>8}{errors:>8}{cpu:>12.2f}"
              f"{bare_cpu / cpu if cpu else 0.0:>11.2f}{mark}")  # fmt: skip
        summary[name] = {"rps": rate, "p99_ms": p99, "ratio": ratio, "server_cpu_ms": cpu,
                         "rounds": [m[0] for m in measured]}  # fmt: skip
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
