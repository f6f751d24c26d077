"""Why a quiz action was refused, with the HTTP status a page or the API answers."""

from __future__ import annotations


class QuizError(ValueError):
    """A request the quiz cannot carry out; ``status`` is the HTTP status to answer with."""

    status = 400


class AttemptNotFound(QuizError):
    status = 404


class AttemptClosed(QuizError):
    """The attempt is finished or its time is up: answers can no longer change."""

    status = 409


class AttemptFinished(AttemptClosed):
    """The attempt is finished (by this learner, on another tab or device, or a double click)."""
