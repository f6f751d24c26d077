"""The question bank list: filters from the query string, one page at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, contains_eager

from ..models import STATUS_FROM_FILE, Question, QuestionVersion, Section
from ..urls import MAX_DATABASE_INT as MAX_PAGE
from .statistics.flagged import flagged_condition

PAGE_SIZE = 25
STATUS_FILTERS = ("pending", "approved", "rejected", "retired")
STATUS_ALIASES = {"new": "pending"}  # the database's name for pending, in older links
FLAG_FILTERS = ("flagged",)


class BadFilter(ValueError):
    """A filter value that names nothing (unknown status, page below 1)."""


@dataclass
class BankFilter:
    """What the list shows: all empty means every question still in the bank."""

    section: str = ""
    type: str = ""
    generator: str = ""
    status: str = ""
    text: str = ""
    flag: str = ""  # "flagged": only questions the item analysis flags (statistics/flagged.py)
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> BankFilter:
        """Read the filter from query-string arguments; BadFilter for impossible values."""
        page = args.get("page", "1")
        if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_PAGE:
            raise BadFilter("The page is a number from 1.")
        status = args.get("status", "")
        status = STATUS_ALIASES.get(status, status)
        if status and status not in STATUS_FILTERS:
            raise BadFilter(f"Status is one of {', '.join(STATUS_FILTERS)}.")
        flag = args.get("flag", "")
        if flag and flag not in FLAG_FILTERS:
            raise BadFilter("The flag filter is “flagged” or nothing.")
        return cls(
            section=args.get("section", "").strip(),
            type=args.get("type", "").strip(),
            generator=args.get("generator", "").strip(),
            status=status,
            text=args.get("text", "").strip()[:200],
            flag=flag,
            page=int(page),
        )

    def args(self, **changes) -> dict[str, str | int]:
        """Query-string arguments for a link (page links keep the filters)."""
        values = {**self.__dict__, **changes}
        return {key: value for key, value in values.items() if value not in ("", None)}


@dataclass
class BankPage:
    questions: list[Question]
    total: int
    page: int
    pages: int
    generators: list[str] = field(default_factory=list)


def _filtered(session: Session, query: sa.Select, bank_filter: BankFilter) -> sa.Select:
    if bank_filter.flag:
        query = query.where(flagged_condition(session, bank_filter.section))
    if bank_filter.section:
        query = query.where(Question.section_id == bank_filter.section)
    if bank_filter.type:
        query = query.where(Question.type == bank_filter.type)
    if bank_filter.generator:
        query = query.where(QuestionVersion.generator == bank_filter.generator)
    if bank_filter.status == "retired":
        query = query.where(Question.retired.is_(True))
    else:
        query = query.where(Question.retired.is_(False))
        if bank_filter.status:
            query = query.where(Question.status == STATUS_FROM_FILE[bank_filter.status])
    if bank_filter.text:
        escaped = bank_filter.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(QuestionVersion.stem.ilike(f"%{escaped}%", escape="\\"))
    return query


def bank_page(session: Session, bank_filter: BankFilter) -> BankPage:
    """One page of questions matching the filter, with the total and the generators known."""
    base = _filtered(
        session,
        sa.select(Question).join(
            QuestionVersion, Question.current_version_id == QuestionVersion.id
        ),
        bank_filter,
    )
    total = session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    query = (
        base.join(Section, Section.id == Question.section_id)
        .options(contains_eager(Question.current))
        .order_by(Section.order, Question.id)
        .limit(PAGE_SIZE)
        .offset((bank_filter.page - 1) * PAGE_SIZE)
    )
    generators = session.scalars(
        sa.select(QuestionVersion.generator)
        .join(Question, Question.current_version_id == QuestionVersion.id)
        .distinct()
        .order_by(QuestionVersion.generator)
    ).all()
    return BankPage(list(session.scalars(query)), total, bank_filter.page, pages, list(generators))


def _ordered(session: Session, bank_filter: BankFilter) -> sa.Select:
    """The filtered list's (section order, question id) rows, in the list's order."""
    query = (
        sa.select(Section.order, Question.id)
        .join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
        .join(Section, Section.id == Question.section_id)
    )
    return _filtered(session, query, bank_filter)


def neighbours(
    session: Session, bank_filter: BankFilter, question: Question
) -> tuple[str | None, str | None]:
    """The questions before and after ``question`` in the filtered list (None at either end).

    Found by the list's sort key, so a question that has just left the list (approved while the
    list shows pending ones) still has the right next one.
    """
    order = session.scalar(sa.select(Section.order).where(Section.id == question.section_id))
    key = sa.tuple_(Section.order, Question.id)
    here = sa.tuple_(sa.literal(order), sa.literal(question.id))
    ordered = _ordered(session, bank_filter)  # the flag filter's analysis runs once
    after = session.execute(
        ordered.where(key > here).order_by(Section.order, Question.id).limit(1)
    ).first()
    before = session.execute(
        ordered.where(key < here).order_by(Section.order.desc(), Question.id.desc()).limit(1)
    ).first()
    return (before[1] if before else None), (after[1] if after else None)
