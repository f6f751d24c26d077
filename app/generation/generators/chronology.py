"""Matching dated events to their dates, and putting them in order."""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Section
from ..dates import DATE_PATTERN, format_date, parse_date
from ..distractors import tiebreak
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
        if event.date_text[-4:] in event.label:
            continue  # "the Treaty of Emberly of 1987" matched with 1987: the key in the item
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
        fact=f"events@{section.id}",  # one fact with the ordering of the same events
        score=0.95,
        difficulty=0.5 + 0.05 * len(events),
        # two pairs: matching one gives the other (rule 3); a candidate still, never chosen
        flaws=("two pairs to match: one gives the other",) if len(events) < 3 else (),
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
            fact=f"events@{section.id}",
            score=0.95,
            difficulty=0.6 + 0.05 * len(events),
            **base,
        )


def signing_order(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which of these events came after the text was signed?" (in the closing section): the
    dated events of the whole text on either side of the signing date."""
    if section.kind != "closing":
        return
    signed = None
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            match = DATE_PATTERN.search(sentence.text)
            day = parse_date(match) if match else None
            if day is not None:
                signed, where = day.isoformat(), (paragraph.index, sentence.index, sentence.text)
                signed_day = day
    if signed is None:
        return
    events: dict[str, DatedEvent] = {}
    for event in dated_events(ctx):
        if len(event.iso) == 10 and not event.clause and event.iso != signed:
            events.setdefault(normalise(event.label), event)
    after = [e for e in events.values() if e.iso > signed]
    before = [e for e in events.values() if e.iso < signed]
    if not after or len(before) < 3:
        return
    before.sort(key=lambda e: e.iso, reverse=True)  # the nearest are the hardest to place
    keys = [_item(e) for e in sorted(after, key=lambda e: e.iso)]
    distractors = [_item(e) for e in before[: max(3, len(keys) + 2) - len(keys) + 1]]
    choices = sorted(keys + distractors, key=lambda c: tiebreak(signed, c))
    facts = "; ".join(
        f"{_item(e)}: {e.date_text}" for e in sorted(events.values(), key=lambda e: e.iso)
    )
    paragraph, sentence, quote = where
    day = signed_day
    common = dict(
        section_id=section.id,
        paragraph=paragraph,
        sentence=sentence,
        quote=quote,
        choices=choices,
        explanation=f"{ctx.name.capitalize()} was signed on {format_date(day)}. {facts}.",
        keys=tuple(normalise(k) for k in keys),
        fact=f"order-whole@{section.id}",  # one fact with the whole order: it tells this
        score=0.9,
        difficulty=0.6,
    )
    if len(keys) == 1:
        yield Draft(
            type="multiple_choice",
            generator="event-after-signing",
            stem=f"Which of these events named in {ctx.name} came after it was signed?",
            answer=keys[0],
            **common,
        )
    else:
        yield Draft(
            type="multiple_response",
            generator="event-after-signing",
            stem=(
                f"Which of these events named in {ctx.name} came after it was signed? "
                "(Choose all that apply.)"
            ),
            answer=keys,
            **common,
        )


def whole_text_order(ctx: Context, section: Section) -> Iterator[Draft]:
    """In the closing section: the text's dated events and its own signing, in order."""
    if section.kind != "closing":
        return
    signed = None
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            match = DATE_PATTERN.search(sentence.text)
            day = parse_date(match) if match else None
            if day is not None:
                signed, where = day, (paragraph.index, sentence.index, sentence.text)
    if signed is None:
        return
    events: dict[str, DatedEvent] = {}
    for event in dated_events(ctx):
        if len(event.iso) == 10 and not event.clause:
            events.setdefault(event.iso, event)  # one event per date: an order with no ties
    picked = sorted(events.values(), key=lambda e: tiebreak(signed.isoformat(), e.label))[:4]
    if len(picked) < 2 or signed.isoformat() in events:
        return
    items = [(e.iso, _item(e), e.date_text) for e in picked]
    items.append((signed.isoformat(), f"The signing of {ctx.name}", format_date(signed)))
    items.sort()
    paragraph, sentence, quote = where
    yield Draft(
        type="ordering",
        generator="event-order-whole",
        stem=f"Put these events in chronological order, earliest first, as {ctx.name} dates them.",
        answer=[label for _, label, _ in items],
        section_id=section.id,
        paragraph=paragraph,
        sentence=sentence,
        quote=quote,
        explanation="In order: " + "; ".join(f"{label} ({day})" for _, label, day in items) + ".",
        keys=(),
        fact=f"order-whole@{section.id}",
        score=0.85,
        difficulty=0.6,
    )
