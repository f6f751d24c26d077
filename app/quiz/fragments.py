"""A test page's questions, each rendered once per process for everything it shows.

Rendering the answer inputs of ten questions was most of the test page's own time. The cache key
is the whole input of the quiz/_test_question.html macro (position, type, stem, the options in
their served order, the saved answer, whether it is saved, the error shown), so a cached
fragment can never differ from a fresh rendering, and nothing another worker or server needs
lives only here. The cache is bounded: the least recently used fragments go first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from flask import current_app
from markupsafe import Markup

# A fragment and its key are a few kB: at most about 8 MB per worker process.
FRAGMENT_CACHE_SIZE = 2048
# What the macro reads from a question view (quiz.views.question_view), besides the answer.
_SHOWN = ("position", "type", "stem", "choices", "left", "right", "items", "answered", "picks")


@lru_cache(maxsize=FRAGMENT_CACHE_SIZE)
def _question_html(shown: tuple[tuple[str, Any], ...], answer_json: str, error: str) -> Markup:
    template = current_app.jinja_env.get_template("quiz/_test_question.html")
    return template.module.test_question(dict(shown), json.loads(answer_json), error)


def question_html(view: dict[str, Any], error: str | None = None) -> Markup:
    """One test question's list item, its inputs filled in with ``view["answer"]``."""
    shown = tuple(
        (name, tuple(view[name]) if isinstance(view[name], list) else view[name])
        for name in _SHOWN
        if name in view
    )
    return _question_html(shown, json.dumps(view.get("answer")), error or "")


def questions_html(views: Iterable[dict[str, Any]], errors: dict[int, str]) -> Markup:
    """The list items of a test page's questions, with the errors by position."""
    return Markup("").join(question_html(view, errors.get(view["position"])) for view in views)
