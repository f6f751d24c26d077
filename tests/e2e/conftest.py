"""End-to-end harness: the real app on a local port, driven by Debian's Chromium via Selenium.

Nothing is downloaded: Selenium is given Debian's chromedriver, so Selenium Manager never runs.
Without /usr/bin/chromium the tests skip on a developer's machine and fail in CI (CI=true),
where .ci/run installs it. They run in the SQLite pass of CI (the app here uses its own
temporary SQLite database either way).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db

from .browser import Browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
INSTRUCTOR = ("teacher", "teacher-password-1")
JOIN_CODE = "E2ECLASS"


def _require_browser() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        message = f"Debian's chromium / chromium-driver not installed ({', '.join(missing)})"
        if os.environ.get("CI"):
            pytest.fail(message + ": .ci/run should have installed them")
        pytest.skip(message + ": apt-get install chromium chromium-driver")
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("end-to-end tests run in the SQLite pass (their app has its own database)")


@dataclass
class LiveServer:
    """The app serving on 127.0.0.1 in a thread."""

    app: object
    url: str


def _seed(app) -> None:
    from app.accounts.accounts import create_user
    from app.commands import run_sync
    from app.models import Role
    from tests.conftest import v1_copy_of_the_shipped_bank

    # the shipped bank's questions served as they are, whatever the review decided so far
    bank = v1_copy_of_the_shipped_bank(Path(tempfile.mkdtemp(prefix="e2e-bank-")))
    app.config["QUESTION_BANK_DIR"] = str(bank)
    with app.app_context():
        db.create_all()
        run_sync()
        teacher = create_user(db.session, *INSTRUCTOR, role=Role.INSTRUCTOR)
        from app.classes.cohorts import create_cohort

        cohort = create_cohort(db.session, teacher, "Strategic Relations 101")
        cohort.join_code = JOIN_CODE
        db.session.commit()


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    """A production-like app (CSRF on, log-in limits on, no TESTING) on a random local port."""
    _require_browser()
    workdir = Path(tempfile.mkdtemp(prefix="e2e-app-"))
    app = create_app(
        {
            "SECRET_KEY": "e2e-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'e2e.db'}",
        }
    )
    _seed(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(live_server: LiveServer) -> Iterator[Browser]:
    """Headless Chromium with a fresh profile, a download folder, and screenshot helpers."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with Browser.start(live_server.url, CHROMIUM, CHROMEDRIVER, SCREENSHOTS) as session:
        yield session
