"""Production gunicorn settings: `gunicorn -c gunicorn.conf.py` from the project folder.

Every setting can be changed from the environment (or the command line, which wins), so one file
serves one machine on SQLite and several machines behind a load balancer on PostgreSQL. The app
keeps nothing in process memory that another worker or server needs: sessions are signed cookies
(share SECRET_KEY), and quiz deadlines, progress, login sessions and failed log-ins live in the
database, so every worker and server counts the log-in limits together.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

wsgi_app = "app:create_app()"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# gthread holds keep-alive connections in a poller, and its threads keep a worker busy while
# another request waits on a database server across the network. SQLite answers from the page
# cache in microseconds: there is no wait to fill, and a worker's threads only contend for the
# GIL (web benchmark, 4 runs of each: the same requests/s, half the p99 latency with one thread).
worker_class = "gthread"


def _default_threads(database_url: str) -> int:
    """One thread per worker on SQLite (the default database), four on a database server."""
    return 1 if not database_url or database_url.startswith("sqlite") else 4


threads = int(
    os.environ.get("GUNICORN_THREADS") or _default_threads(os.environ.get("DATABASE_URL", ""))
)
keepalive = 5
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# The master imports and builds the app once; workers are forked from it. Booting the app costs
# about a second of CPU, which a worker recycled below paid again each time without preloading;
# under the web benchmark's load workers were recycled every few seconds. It also shares memory.
# The price: SIGHUP no longer loads new code (README, Production: USR2 then QUIT, or a restart).
preload_app = True
# recycle workers now and then so that a slow leak can never take a server down
max_requests = 5000
max_requests_jitter = 500

# requests arrive through a reverse proxy on this machine; trust its X-Forwarded-* headers only
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" logs to stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "declaration-tutor"
# gunicorn 24+ opens a control socket at one fixed path per user; several servers on one machine
# would share it, and signals (HUP to reload, TERM to stop) do the same job
control_socket_disable = True


def post_fork(server, worker) -> None:
    """Drop database connections inherited from the master: each worker opens its own."""
    from app.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)  # close=False: the master's sockets stay the master's


def when_ready(server) -> None:
    """Compile every template in the master, once: the workers forked from it share them, and a
    worker recycled by max_requests serves its first pages without compiling them again."""
    if not server.cfg.preload_app:
        return  # the master has no app to hold them
    jinja = server.app.wsgi().jinja_env
    for name in jinja.list_templates():
        jinja.get_template(name)
    # The master's objects (the app, its imports, the compiled templates) live as long as it
    # does: out of the collector's reach, a worker's first full collection no longer walks them
    # all and copies every page it touches (a first log-in took 0.4-0.7 s instead of 0.2 s)
    gc.collect()
    gc.freeze()
