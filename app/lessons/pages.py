"""What a lesson page shows, read in one query: the lesson and its place among the sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import Connection

from ..models import Lesson, Section

# a few hundred pages of ~15 kB: every lesson with each highlighted paragraph fits
PUBLIC_PAGES_KEPT = 256


@dataclass(frozen=True)
class SectionLink:
    """A neighbouring section in reading order."""

    id: str
    title: str


@dataclass(frozen=True)
class LessonPage:
    """The data of one lesson page (plain values: nothing lazy to load while rendering)."""

    section_id: str
    order: int
    title: str
    html: str
    previous: SectionLink | None
    following: SectionLink | None


# Every section in order (for the neighbours), with the lesson's title and HTML only on the
# requested row: one round trip instead of a lesson load, a lazy section load and a list. Built
# once, with a bound parameter, so that a request pays neither construction nor compilation.
_WANTED = Section.id == sa.bindparam("section_id")
_PAGE_STATEMENT = (
    sa.select(
        Section.id,
        Section.title,
        Section.order,
        sa.case((_WANTED, Lesson.title)),
        sa.case((_WANTED, Lesson.html)),
    )
    .outerjoin(Lesson, Lesson.section_id == Section.id)
    .order_by(Section.order)
)


def load_lesson_page(connection: Connection, section_id: str) -> LessonPage | None:
    """The lesson page of ``section_id``, or None when that section has no lesson."""
    rows = connection.execute(_PAGE_STATEMENT, {"section_id": section_id}).all()
    for position, (row_id, _, order, title, html) in enumerate(rows):
        if row_id != section_id:
            continue
        if html is None:
            return None
        before = rows[position - 1] if position > 0 else None
        after = rows[position + 1] if position + 1 < len(rows) else None
        return LessonPage(
            section_id=row_id,
            order=order,
            title=title,
            html=html,
            previous=SectionLink(before[0], before[1]) if before else None,
            following=SectionLink(after[0], after[1]) if after else None,
        )
    return None


def public_page_cache(app: Flask, render: Callable[..., str]) -> Callable[..., str]:
    """``render`` memoised per app for pages every anonymous visitor sees alike.

    The key is the page's data as just read from the database, so an edit saved through any
    server shows at once; what stays in this process is only a copy that can be rebuilt.
    """
    cached = app.extensions.get("public_lesson_pages")
    if cached is None:
        cached = lru_cache(maxsize=PUBLIC_PAGES_KEPT)(render)
        app.extensions["public_lesson_pages"] = cached
    return cached
