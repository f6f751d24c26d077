"""Web benchmark: requests per second of real pages against the app's bare route, same run.

    .venv/bin/python benchmarks/web.py [--seconds 10] [--connections 16] [--database-url URL]

Starts gunicorn with the production configuration (gunicorn.conf.py) on a free local port over a
freshly initialised SQLite database (or DATABASE_URL's empty PostgreSQL database with
--database-url), then drives load with wrk (Debian package `wrk`; a bounded Python load generator
when wrk is missing) on: /healthz (a constant string: the framework's limit on this machine), a
lesson page, a quiz page of 10 questions (logged in) and an answer submission (JSON API PUT that
changes the saved answer each time, so every request writes). Prints req/s, p99 latency and each
ratio to the bare route, with the targets.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import shutil
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
    """Log in through the real form; return the session cookie."""
    _, page, headers = http(base, "GET", "/auth/login")
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = f"csrf_token={csrf}&username={username}&password={password}".encode()
    request = urllib.request.Request(base + "/auth/login", data=form, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Cookie", headers["Set-Cookie"].split(";")[0])
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as redirect:
        return redirect.headers["Set-Cookie"].split(";")[0]
    raise SystemExit("log-in did not redirect")


def run_wrk(url: str, seconds: int, connections: int, headers=(), script: str | None = None):
    """(req/s, p99 ms, non-2xx count) from wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
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
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    workdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    init_database(url)
    token = make_learners(url, 1, prefix="bench")[0]
    auth = f"Authorization: Bearer {token}"
    workers = multiprocessing.cpu_count() * 2 + 1
    server = start_gunicorn(url, workdir, workers=workers, threads=4)
    try:
        base = server.url
        status, attempt, _ = http(
            base, "POST", "/api/v1/attempts",
            {"section_ids": ["preamble"], "mode": "test", "count": 10},
            {"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        assert status == 201 and len(attempt["questions"]) == 10, attempt
        true_false = next(q for q in attempt["questions"] if q["type"] == "true_false")
        cookie = "Cookie: " + login_cookie(base, "bench0", "correct-horse-battery")
        quiz_path = f"/quiz/attempts/{attempt['id']}"
        status, page, _ = http(base, "GET", quiz_path, headers=dict([cookie.split(": ", 1)]))
        assert status == 200 and page.count("<fieldset") >= 10, "the quiz page lost its questions"
        submit = f"/api/v1/attempts/{attempt['id']}/responses/{true_false['question_id']}"
        cases = [
            ("bare route (/healthz)", "/healthz", [], None),
            ("lesson page", "/lessons/preamble", [], None),
            ("quiz page (10 questions)", quiz_path, [cookie], None),
            ("answer submission", submit, [auth], "submit"),
        ]
        lua = workdir / "submit.lua"
        lua.write_text(SUBMIT_LUA.replace("TOKEN", token))
        results = {}
        for name, path, headers, kind in cases:
            if use_wrk:
                measured = run_wrk(base + path, args.seconds, args.connections, headers,
                                   str(lua) if kind else None)  # fmt: skip
            else:
                bodies = ['{"answer": false}', '{"answer": true}'] if kind else None
                extra = ["Content-Type: application/json"] if kind else []
                method = "PUT" if kind else "GET"
                measured = run_python(base + path, args.seconds, args.connections,
                                      headers + extra, method, bodies)  # fmt: skip
            results[name] = measured
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    bare = results["bare route (/healthz)"][0]
    tool = "wrk" if use_wrk else "python threads"
    print(f"load: {tool}, {args.connections} connections, {args.seconds}s each; "
          f"gunicorn gthread {workers} workers x 4 threads; {url.split(':')[0]}")  # fmt: skip
    print(f"{'case':<28}{'req/s':>10}{'p99 ms':>10}{'ratio':>8}{'target':>8}{'errors':>8}")
    for name, (rate, p99, errors) in results.items():
        target = TARGETS.get(name)
        ratio = rate / bare if bare else 0.0
        mark = "" if target is None else ("  ok" if ratio >= target else "  BELOW")
        print(f"{name:<28}{rate:>10.0f}{p99:>10.1f}{ratio:>8.2f}"
              f"{(f'{target:.1f}' if target else '-'):>8}{errors:>8}{mark}")  # fmt: skip
    print(json.dumps({n: {"rps": r, "p99_ms": p, "ratio": r / bare} for n, (r, p, _) in
                      results.items()}))  # fmt: skip


if __name__ == "__main__":
    main()
