"""What every command-line command shares: a failure message with exit status 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click
from sqlalchemy.exc import OperationalError

from .errors import DATABASE_UNAVAILABLE
from .extensions import db
from .generation.files import BankFileError
from .lessons.files import LessonFileError


def fail(message: str) -> None:
    """Print ``message`` as an error and exit with status 2 (bad input, nothing changed)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def database_guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an unreachable database or bad curriculum files into a message and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except OperationalError as exc:
            db.session.rollback()
            fail(f"{DATABASE_UNAVAILABLE}\n({exc.orig})")
        except (LessonFileError, BankFileError) as exc:
            db.session.rollback()
            fail(str(exc))

    return wrapper
