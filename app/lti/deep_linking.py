"""Deep linking: the instructor picks a lesson or a quiz, and it goes back into the course."""

from __future__ import annotations

from .tool import refuse


def picker(message, claims, now):
    """The picker page of a deep-linking launch."""
    raise refuse("message")
