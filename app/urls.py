"""Numbers in URLs and query strings, within what the database can hold.

PostgreSQL's integer ends at 2^31 - 1 (SQLite's at 2^63 - 1): a larger id sent to the database
fails the query itself, a 500 where the page or the object simply does not exist. Every
``<int:...>`` route uses DatabaseIntegerConverter (create_app makes it the ``int`` converter),
and query-string numbers are read with ``whole_number``.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

# The largest id or number a URL or query string may carry: PostgreSQL's integer.
MAX_DATABASE_INT = 2**31 - 1


class DatabaseIntegerConverter(IntegerConverter):
    """``<int:...>`` within the database's integer: a larger number matches no route (404)."""

    def __init__(
        self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,
        signed: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(map, fixed_digits, min, MAX_DATABASE_INT if max is None else max, signed)


def whole_number(text: str) -> int:
    """A query-string number from 0 to MAX_DATABASE_INT (``type=`` of ``request.args.get``).

    ValueError for anything else, so ``args.get(name, default, type=whole_number)`` falls back
    to the default: also for digits int() reads but a form never sends ("²", "١٢").
    """
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > MAX_DATABASE_INT:
        raise ValueError(f"not a whole number from 0 to {MAX_DATABASE_INT}: {text[:20]!r}")
    return int(text)
