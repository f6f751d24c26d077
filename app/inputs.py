"""One rule for every text a request brings: no NUL characters, no form field without a name.

PostgreSQL cannot store or even compare a text holding NUL (U+0000): a query with one fails,
whatever table it reads. No form, path or API field of ours has a use for it, so every request
carrying one, in its path, query string, form fields (names too), file names or JSON body, gets
a clear 400 before any view runs; nothing is read from or written to the database.

A multipart part whose name cannot be read (a name holding a line break breaks its header) comes
out of the parser under the name None, which no view expects: it gets a clear 400 as well.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, request

NUL = "\x00"
NUL_MESSAGE = "Text may not contain the NUL character (\\0): remove it and send again."
NAMELESS_MESSAGE = "Every form field needs a name (without line breaks): send it again."


def _holds_nul(value: Any) -> bool:
    """True when ``value`` (JSON: texts, lists and objects, keys too) holds a NUL anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(NUL in key or _holds_nul(item) for key, item in value.items())
    return False


def refuse_nul_characters() -> None:
    """400 for a request with a NUL in its path, query string, form, file names or JSON body,
    or with a form field or file whose name could not be read."""
    query = request.args.items(multi=True)
    if NUL in request.path or any(NUL in name or NUL in value for name, value in query):
        abort(400, NUL_MESSAGE)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.is_json:
        if _holds_nul(request.get_json(silent=True)):
            abort(400, NUL_MESSAGE)
        return
    fields = list(request.form.items(multi=True))
    files = list(request.files.items(multi=True))
    if any(name is None for name, _ in fields + files):
        abort(400, NAMELESS_MESSAGE)
    if any(NUL in name or NUL in value for name, value in fields):
        abort(400, NUL_MESSAGE)
    if any(NUL in name or NUL in (f.filename or "") for name, f in files):
        abort(400, NUL_MESSAGE)


def init_inputs(app: Flask) -> None:
    """Check every request's texts before its view (and before log-in limits count it)."""
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_nul_characters)
