"""What progress reads of an attempt, whichever way the attempt was read.

A finishing attempt reaches ``updates.record_finished_attempt`` as the quiz's Core rows
(``quiz.attempts.AttemptRow``: plain objects shaped like the models); a replay reads the ORM
``Attempt`` itself. Both have these attributes, which is all progress asks of them. (Progress
cannot name the quiz's row classes: the quiz imports progress, not the reverse.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..models import AttemptKind, AttemptMode


class ResponseShape(Protocol):
    """A saved answer: its score, and whether it waits for an instructor's grade."""

    @property
    def score(self) -> float: ...

    @property
    def awaiting(self) -> bool: ...


class QuestionShape(Protocol):
    """The question a served version belongs to: its section."""

    @property
    def section_id(self) -> str: ...


class VersionShape(Protocol):
    """The version a served question showed."""

    @property
    def question(self) -> QuestionShape: ...


class ServedShape(Protocol):
    """A served question: which question, in which version, and its answer if any."""

    @property
    def question_id(self) -> str: ...

    @property
    def version(self) -> VersionShape: ...

    @property
    def response(self) -> ResponseShape | None: ...


class AttemptShape(Protocol):
    """An attempt: whose, practice or test, section or mixed, and what it served."""

    @property
    def user_id(self) -> int: ...

    @property
    def mode(self) -> AttemptMode: ...

    @property
    def kind(self) -> AttemptKind: ...

    @property
    def served_questions(self) -> Sequence[ServedShape]: ...
