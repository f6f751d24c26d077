"""Matching dated events to their dates, and putting them in order."""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Section
from ..draft import Context, Draft
from ..events import DatedEvent, dated_events
from ..terms import normalise


def _section_events(ctx: Context, section: Section) -> list[DatedEvent]:
    """One event per distinct date and label, in text order."""
    seen_dates, seen_labels, kept = set(), set(), []
    by_section = ctx._cached("events_by_section", lambda: _by_section(dated_events(ctx)))
    for event in by_section.get(section.id, []):
        if event.iso in seen_dates or normalise(event.label) in seen_labels:
            continue
        seen_dates.add(event.iso)
        seen_labels.add(normalise(event.label))
        kept.append(event)
    return kept


def _by_section(events: list[DatedEvent]) -> dict[str, list[DatedEvent]]:
    found: dict[str, list[DatedEvent]] = {}
    for event in events:
        found.setdefault(event.section_id, []).append(event)
    return found


def _item(event: DatedEvent) -> str:
    return event.label[0].upper() + event.label[1:]


def _where_all(ctx: Context, section: Section, events: list[DatedEvent]) -> str:
    paragraphs = sorted({e.paragraph for e in events})
    listed = ", ".join(str(p) for p in paragraphs)
    plural = "s" if len(paragraphs) > 1 else ""
    return f"Section {section.order}, “{section.title}”, paragraph{plural} {listed}"


def chronology(ctx: Context, section: Section) -> Iterator[Draft]:
    """A matching question (event to date) and an ordering question per section."""
    events = _section_events(ctx, section)
    if len(events) < 2:
        return
    first = events[0]
    quote = ctx.sentence_text(first.section_id, first.paragraph, first.sentence)
    facts = "; ".join(f"{_item(e)}: {e.date_text}" for e in sorted(events, key=lambda e: e.iso))
    base = dict(
        section_id=section.id,
        paragraph=first.paragraph,
        sentence=first.sentence,
        quote=quote,
        keys=tuple(e.iso for e in events),
    )
    yield Draft(
        type="matching",
        generator="event-dates",
        stem=f"Match each event named in {ctx.name} with its date.",
        answer=[[_item(e), e.date_text] for e in events],
        explanation=f"{_where_all(ctx, section, events)}: {facts}.",
        fact=f"dates@{section.id}",
        score=0.95,
        difficulty=0.5 + 0.05 * len(events),
        **base,
    )
    if len(events) >= 3 and len({e.iso[:4] if len(e.iso) == 4 else e.iso for e in events}) == len(
        events
    ):
        ordered = sorted(events, key=lambda e: e.iso)
        yield Draft(
            type="ordering",
            generator="event-order",
            stem=f"Put these events named in {ctx.name} in chronological order, earliest first.",
            answer=[_item(e) for e in ordered],
            explanation=f"{_where_all(ctx, section, events)}: {facts}.",
            fact=f"order@{section.id}",
            score=0.95,
            difficulty=0.6 + 0.05 * len(events),
            **base,
        )
