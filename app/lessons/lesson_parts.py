"""The parts of a lesson's structure as data: objectives, key terms, dated events, tables,
discussion questions.

``structure.parse_lesson`` reads them from a lesson's Markdown (no Flask here either).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Problem:
    """A malformed structured part: where it is and what is wrong."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Objective:
    """One learning objective; ``paragraphs`` are the text's paragraphs it names."""

    text: str
    line: int
    paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True)
class KeyTerm:
    """A term and its definition, as plain text (inline emphasis removed)."""

    term: str
    definition: str
    line: int


@dataclass(frozen=True, order=True)
class TimelineDate:
    """A date known to the day, the month or the year only."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """The date as written in a lesson: YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day else "month" if self.month else "year"

    def display(self) -> str:
        """The date in words, as the lessons write it: "July 31, 1991", "July 1991", "1991"."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        return f"{month} {self.day}, {self.year}" if self.day else f"{month} {self.year}"

    def first_day(self) -> tuple[int, int, int]:
        """The earliest day the date can mean (a sort key)."""
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        """The latest day the date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def precedes(self, other: TimelineDate) -> bool:
        """True when this date is certainly earlier ("1991" does not precede "1991-07")."""
        return self.last_day() < other.first_day()

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event; ``beyond_text`` marks context the declaration itself does not give."""

    date: TimelineDate
    label: str
    line: int
    beyond_text: bool
    paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True)
class ComparisonTable:
    """A Markdown table under a ``## Compare …`` heading, cells as plain text."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int


@dataclass(frozen=True)
class DiscussionQuestion:
    """A discussion question and its rubric (what a good answer does, one point each);
    ``position`` is its place in the list, 1 for the first."""

    position: int
    text: str
    rubric: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class SourceQuote:
    """A quoted paragraph of the text (``> ¶N …``)."""

    number: int
    text: str
    line: int


@dataclass(frozen=True)
class LessonSection:
    """A level-2 heading and the lines it spans (``end_line`` inclusive)."""

    heading: str
    line: int
    end_line: int


@dataclass
class LessonStructure:
    """What ``parse_lesson`` found; ``problems`` lists what it had to leave out."""

    objectives: list[Objective] = field(default_factory=list)
    key_terms: list[KeyTerm] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    comparisons: list[ComparisonTable] = field(default_factory=list)
    discussion: list[DiscussionQuestion] = field(default_factory=list)
    # the places of discussion questions left out for a problem (what was built stays as it was)
    discussion_skipped: list[int] = field(default_factory=list)
    source_quotes: list[SourceQuote] = field(default_factory=list)
    sections: list[LessonSection] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def section_at(self, line: int) -> LessonSection | None:
        """The level-2 section that holds ``line``."""
        for section in self.sections:
            if section.line <= line <= section.end_line:
                return section
        return None


def parse_timeline_date(text: str) -> TimelineDate:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD); ValueError says what is wrong."""
    match = _ISO_DATE.match(text)
    if not match:
        raise ValueError(f"“{text}” is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # noqa: S101  (the pattern requires it)  # nosec B101
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"“{text}” is not a date: there is no month {month}")
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValueError(f"“{text}” is not a date: {_MONTHS[month - 1]} {year} has {days} days")
    return TimelineDate(year, month, day)
