"""Dates in the text: finding them, reading them, and the other ways of writing them."""

from __future__ import annotations

import re
from datetime import date

from .wordlists import MONTHS

_MONTH = "|".join(MONTHS)
DATE_PATTERN = re.compile(
    rf"\b(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}}), (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}),? (?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<n3>\d{{2}})-(?P<d3>\d{{2}}))\b"
)
YEAR_PATTERN = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def parse_date(match: re.Match[str]) -> date | None:
    """The calendar date of a DATE_PATTERN match (None when it is not a real date)."""
    g = match.groupdict()
    try:
        if g["m1"]:
            return date(int(g["y1"]), MONTHS.index(g["m1"]) + 1, int(g["d1"]))
        if g["m2"]:
            return date(int(g["y2"]), MONTHS.index(g["m2"]) + 1, int(g["d2"]))
        return date(int(g["y3"]), int(g["n3"]), int(g["d3"]))
    except ValueError:
        return None


def format_date(day: date) -> str:
    """The date as the text most often writes it: "May 24, 2002"."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_variants(day: date) -> list[str]:
    """Other accepted ways of writing ``day``."""
    month = MONTHS[day.month - 1]
    forms = [
        f"{day.day} {month} {day.year}",
        day.isoformat(),
        f"{month} {day.day} {day.year}",
        f"{day.day} {month}, {day.year}",
        f"{month[:3]} {day.day}, {day.year}",
        f"{day.month}/{day.day}/{day.year}",
    ]
    return [f for f in forms if f != format_date(day)]
