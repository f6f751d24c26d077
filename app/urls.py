"""The Flask application class: URLs built once per process and kept.

Every page builds the same dozen URLs (the stylesheet, the navigation, its own forms); building
one walks the URL map each time, and on a page of ten quiz questions that was a tenth of the
request. A URL is a pure function of the endpoint, the values, and the request's root path,
host and scheme, so the cache key holds all of these; URL-default callbacks (which could read
anything) turn the cache off. Nothing here is state another worker or server needs.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request
from flask.globals import request_ctx

# Distinct URLs kept per process (a few hundred bytes each); the oldest half goes when full.
URL_CACHE_SIZE = 8192


class Platform(Flask):
    """Flask, with ``url_for`` answered from a per-process cache inside requests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built_urls: dict[tuple, str] = {}

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: Any,
    ) -> str:
        """``Flask.url_for``, the same URL, built once per distinct request root and arguments."""
        options = {"_anchor": _anchor, "_method": _method, "_scheme": _scheme}
        adapter = request_ctx.url_adapter if has_request_context() else None
        if adapter is None or any(self.url_default_functions.values()):
            return super().url_for(endpoint, _external=_external, **options, **values)
        key = (
            adapter.script_name, adapter.server_name, adapter.url_scheme,
            request.blueprint if endpoint[:1] == "." else None,
            endpoint, _anchor, _method, _scheme, _external,
            # the type too: True == 1, yet one builds "True" and the other "1"
            tuple((name, type(value), value) for name, value in sorted(values.items())),
        )  # fmt: skip
        try:
            return self._built_urls[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key (a list of ids): built each time
            return super().url_for(endpoint, _external=_external, **options, **values)
        url = super().url_for(endpoint, _external=_external, **options, **values)
        if len(self._built_urls) >= URL_CACHE_SIZE:
            for old in list(self._built_urls)[: URL_CACHE_SIZE // 2]:
                self._built_urls.pop(old, None)
        self._built_urls[key] = url
        return url
