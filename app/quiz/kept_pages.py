"""Test pages kept per process and served again while the learner's attempts stay unchanged.

A test page shows the attempt's questions with the answers saved so far, the learner's name and
links, and two things that change with every request: the CSRF token and the time left.
Rendering it was most of the page's own cost. It is rendered once with markers in place of those
two, split at the markers, and kept under a key of everything else it shows:

- the learner (id, password stamp, name, role, time zone) and their attempts revision, which
  moves in the same transaction as every change to their attempts and answers (quiz.revision)
  and is read with the user on every request: a kept page is current exactly when its key is
  found, without a query of its own, whichever server made the change;
- the attempt and the app's root path (links);
- and, checked on use, whether the time is up (the page then shows another form).

Only pages rendered after the attempt was loaded as the learner's own are kept, so a key holding
another learner's attempt id is never found. Pages with a flashed message are never kept. Nothing
another worker or server needs lives only here: a process without the page renders it.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, render_template
from markupsafe import Markup, escape

from ..models import User
from ..sessions import csrf_token
from .engine import deadline_passed, is_expired, seconds_until
from .fragments import questions_html
from .rows import AttemptRow

# About 11 kB a page: at most some 11 MB per worker process. The least recently used go first.
KEPT_PAGE_CACHE_SIZE = 1024
# Random per process, so that no content (a stem, a name) can contain them.
_CSRF_MARK = f"csrf-{secrets.token_hex(16)}"
_TIME_MARK = f"time-{secrets.token_hex(16)}"
_MARKS = re.compile(f"({_CSRF_MARK}|{_TIME_MARK})")


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A rendered test page split at its markers: text, marker, text, …, text."""

    parts: tuple[str, ...]
    deadline: datetime | None
    expired: bool

    def fill(self, now: datetime) -> str:
        """The page with this request's CSRF token and time left."""
        values = {_CSRF_MARK: str(escape(csrf_token())), _TIME_MARK: _time_left(self.deadline, now)}
        filled = [self.parts[0]]
        for mark, text in zip(self.parts[1::2], self.parts[2::2], strict=True):
            filled += (values[mark], text)
        return "".join(filled)


class KeptPageCache:
    """Kept pages by key, bounded, least recently used first out (safe across threads)."""

    def __init__(self, size: int = KEPT_PAGE_CACHE_SIZE) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, KeptPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> KeptPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: KeptPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


def kept_page_cache() -> KeptPageCache:
    """This app's kept pages (one cache per app, so two apps in one process never share)."""
    return current_app.extensions.setdefault("kept_test_pages", KeptPageCache())


def page_key(user: User, attempt_id: int, root_path: str) -> tuple:
    """Everything a test page shows besides the attempt's own content (see the module)."""
    return (
        user.id, user.session_stamp, user.username, user.role, user.time_zone,
        user.attempts_revision, attempt_id, root_path,
    )  # fmt: skip


def kept_test_page(key: tuple, now: datetime) -> str | None:
    """The kept page under ``key``, filled in for this request; None when there is none."""
    page = kept_page_cache().get(key)
    # kept pages are of unfinished attempts: expired means the deadline passed
    if page is None or page.expired != deadline_passed(page.deadline, now):
        return None
    return page.fill(now)


def render_test_page(
    attempt: AttemptRow, views: list[dict[str, Any]], errors: dict[int, str], now: datetime
) -> str:
    """The test page as it is now (with ``errors`` shown by position), not kept."""
    return _render(attempt, views, errors, now, csrf_token, _time_left(attempt.deadline, now))


def render_and_keep(
    key: tuple, attempt: AttemptRow, views: list[dict[str, Any]], now: datetime
) -> str:
    """The test page without errors, kept under ``key`` for the next requests."""
    mark = Markup(_TIME_MARK)  # noqa: S704  (hex digits, made here)  # nosec B704
    html = _render(attempt, views, {}, now, lambda: _CSRF_MARK, mark)
    expired = is_expired(attempt, now)
    page = KeptPage(tuple(_MARKS.split(html)), attempt.deadline, expired)
    kept_page_cache().put(key, page)
    return page.fill(now)


def _render(
    attempt: AttemptRow,
    views: list[dict[str, Any]],
    errors: dict[int, str],
    now: datetime,
    token: Callable[[], str],
    time_left: str | None,
) -> str:
    expired = is_expired(attempt, now)
    return render_template(
        "quiz/test.html", attempt=attempt, errors=errors, expired=expired,
        time_left=None if expired or attempt.deadline is None else time_left,
        questions_html=questions_html(views, errors), csrf_token=token,
    )  # fmt: skip


def _time_left(deadline: datetime | None, now: datetime) -> str:
    """The timer's element; "" without a time limit."""
    if deadline is None:
        return ""
    left = seconds_until(deadline, now)
    element = (
        f'<time id="time-left" data-seconds="{left}" datetime="PT{left}S">'
        f"{left // 60} min {left % 60} s</time>"
    )
    return Markup(element)  # noqa: S704  (integers only)  # nosec B704
