"""LTI launch latency beside the platform's key-set fetch.

Starts gunicorn (gunicorn.conf.py, one worker) on a fresh SQLite database (or --database-url)
and the test LMS of tests/lti on loopback, registers the LMS, then times, as a browser and the
LMS make them: the OIDC log-in (POST /lti/login), the launch (POST /lti/launch: the id_token
checked, the account linked, a login session started) for learners new to the site and for
learners launching again, the same launch when the stored key set has expired (so the launch
fetches it again), and the key-set fetch itself (a GET of the LMS's JWKS from this process).

    .venv/bin/python benchmarks/lti_launch.py [--launches 40] [--database-url URL]

Target: a launch under 200 ms (p95) with the key set cached.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.lti.platform import LEARNER, RunningLms  # noqa: E402
from tests.servers import init_database, server_env, start_gunicorn  # noqa: E402


def _register(database_url: str, lms) -> None:
    """Register the test LMS through the write layer, on the server's database."""
    import os

    from app import create_app
    from app.extensions import db
    from app.lti.keys import http_session
    from app.lti.platforms import PlatformFields, register_platform
    from app.models import utcnow

    os.environ.update(server_env(database_url))
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        fields = PlatformFields(
            name="Bench LMS", issuer=lms.issuer, client_id=lms.client_id,
            deployment_ids=[lms.deployment_id], key_set_url=f"{lms.url}/jwks",
            auth_login_url=f"{lms.url}/auth", auth_token_url=f"{lms.url}/token",
        )  # fmt: skip
        register_platform(db.session, fields, http_session(), utcnow())
        db.session.commit()
        db.engine.dispose()


def _expire_key_set(database_url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE lti_platforms SET key_set_expires_at = NULL"))
    engine.dispose()


def one_launch(base: str, lms, sub: str) -> tuple[float, float, int]:
    """(log-in seconds, launch seconds, launch status) of one launch in a new browser."""
    browser = requests.Session()
    form = {
        "iss": lms.issuer, "login_hint": sub, "client_id": lms.client_id,
        "target_link_uri": f"{base}/lti/launch", "lti_deployment_id": lms.deployment_id,
    }  # fmt: skip
    started = time.perf_counter()
    login = browser.post(f"{base}/lti/login", data=form, allow_redirects=False, timeout=30)
    login_seconds = time.perf_counter() - started
    auth = {k: v[0] for k, v in parse_qs(urlsplit(login.headers["Location"]).query).items()}
    token = lms.sign(lms.claims(auth["nonce"], sub=sub, roles=(LEARNER,)))
    started = time.perf_counter()
    launched = browser.post(f"{base}/lti/launch", data={"id_token": token, "state": auth["state"]},
                            allow_redirects=False, timeout=30)  # fmt: skip
    return login_seconds, time.perf_counter() - started, launched.status_code


def _p95(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[round(0.95 * (len(ordered) - 1))]


def _summary(name: str, seconds: list[float]) -> str:
    p50, p95 = statistics.median(seconds) * 1000, _p95(seconds) * 1000
    return f"{name:44} n={len(seconds):3}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launches", type=int, default=40)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    running = RunningLms()
    lms = running.lms
    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database_url or f"sqlite:///{folder}/bench.db"
        init_database(database_url)
        _register(database_url, lms)
        # plain HTTP on loopback: the cookies must not be Secure for requests to send them back
        server = start_gunicorn(database_url, Path(folder), workers=1, threads=1, PLAIN_HTTP="1")
        try:
            base = server.url
            one_launch(base, lms, "warm-up")  # the worker's first request imports and connects
            logins, firsts, agains, colds, fetches = [], [], [], [], []
            for n in range(args.launches):
                login, launch, status = one_launch(base, lms, f"learner-{n}")
                assert status == 302, status
                logins.append(login)
                firsts.append(launch)
                agains.append(one_launch(base, lms, f"learner-{n}")[1])
                if n % 4 == 0:
                    _expire_key_set(database_url)
                    colds.append(one_launch(base, lms, f"learner-{n}")[1])
                started = time.perf_counter()
                requests.get(f"{lms.url}/jwks", timeout=30).raise_for_status()
                fetches.append(time.perf_counter() - started)
                lms.key_set_fetches -= 1  # this process's own fetch, not the tool's
        finally:
            server.stop()
            running.stop()
    print(_summary("OIDC log-in (POST /lti/login)", logins))
    print(_summary("launch, learner's first (account made)", firsts))
    print(_summary("launch, learner again", agains))
    print(_summary("launch with the key set expired (refetched)", colds))
    print(_summary("the platform's key-set fetch alone", fetches))
    launches = 2 * args.launches + len(colds) + 1
    print(
        f"key-set fetches by the tool: {lms.key_set_fetches} for {launches} launches and the"
        f" registration ({len(colds)} forced by expiry; the LMS sends Cache-Control:"
        f" {lms.key_set_cache_control})"
    )
    verdict = "met" if max(_p95(firsts), _p95(agains)) < 0.2 else "NOT met"
    print(f"target: launch p95 < 200 ms with the key set cached: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
