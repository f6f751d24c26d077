"""What came before what across the whole course: the lessons' timelines, context beyond the
text included."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ...lessons.structure import TimelineEntry
from ..distractors import tiebreak
from ..draft import Context, Draft, normalise_fact

_CITATION = re.compile(r"\s*\((?:¶|paragraphs?\s)[^)]*\)\s*$")


def _label(entry: TimelineEntry) -> str:
    return _CITATION.sub("", entry.label).rstrip(". ")


def _event_basis(entry: TimelineEntry) -> str:
    """What a timeline question's id stands for: the event and its date, not its line."""
    return f"{entry.date.iso}:{normalise_fact(_label(entry))}"


MAX_BEFORE = 2  # "what came before" questions chosen per section (select.GENERATOR_CAP)


REFERS_TO_TEXT = re.compile(r"\b(?:paragraph|section|¶|the declaration's text)\b", re.I)


def _timeline(ctx: Context) -> list[tuple[str, TimelineEntry]]:
    """The course's dated events, one per day (two lessons may date one event in their own
    words) and none that names a paragraph (it reads wrongly away from its lesson)."""

    def build():
        found = [(sid, e) for sid, lesson in ctx.lessons.items() for e in lesson.timeline]
        seen: dict[str, tuple[str, TimelineEntry]] = {}
        for sid, entry in found:
            if REFERS_TO_TEXT.search(_label(entry)):
                continue
            day = entry.date.iso if entry.date.precision == "day" else _label(entry).lower()
            seen.setdefault(day, (sid, entry))
        return list(seen.values())

    return ctx._cached("course-timeline", build)


def before_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which of these happened before X?": one earlier event, three certainly later ones."""
    course = _timeline(ctx)
    # reviewed: the course's context events against one another are peripheral (rule 10); the
    # events the text itself names are asked, with the nearest of the others as near-misses
    mine = [e for sid, e in course if sid == section.id]
    mine.sort(key=lambda e: (e.beyond_text, e.date.first_day()))
    for entry in mine:
        earlier = [e for _, e in course if e.date.precedes(entry.date)]
        later = [e for _, e in course if entry.date.precedes(e.date)]
        if not earlier or len(later) < 3:
            continue
        label = _label(entry)
        # the nearest earlier event is the hardest to tell apart; later ones nearest too
        earlier.sort(key=lambda e: (not e.beyond_text, e.date.first_day(), _label(e)), reverse=True)
        later.sort(key=lambda e: (e.beyond_text, e.date.first_day(), _label(e)))
        key = _label(earlier[0])
        distractors = []
        for other in later:
            text = _label(other)
            if text not in distractors and text != key:
                distractors.append(text)
            if len(distractors) == 3:
                break
        if len(distractors) < 3:
            continue
        choices = sorted([key, *distractors], key=lambda c: tiebreak(label, c))
        yield Draft(
            type="multiple_choice",
            generator="lesson-before",
            stem=f"Which of these happened before this event: {label} ({entry.date.display()})?",
            answer=key,
            choices=choices,
            section_id=section.id,
            paragraph=entry.line,
            sentence=0,
            quote=entry.label,
            explanation=(
                f"{key} ({earlier[0].date.display()}) came before {label} "
                f"({entry.date.display()}); the other events came after it."
            ),
            keys=(label.lower(),),
            fact=f"before:{label}",
            id_basis=_event_basis(entry),
            score=0.6 if entry.beyond_text else 0.75,
            difficulty=0.55,
            source_kind="lesson",
        )
    yield from _ordering(ctx, section)


def _ordering(ctx: Context, section: Section) -> Iterator[Draft]:
    """Four events of the course in date order, at least two from this section's lesson."""
    course = _timeline(ctx)
    mine = [e for sid, e in course if sid == section.id]
    if len(mine) < 2:
        return
    chosen: list[TimelineEntry] = []
    mine.sort(key=lambda e: tiebreak(section.id, _label(e)))
    others = sorted(
        (e for sid, e in course if sid != section.id), key=lambda e: tiebreak(section.id, _label(e))
    )
    for entry in mine + others:
        if all(entry.date.precedes(c.date) or c.date.precedes(entry.date) for c in chosen):
            chosen.append(entry)
        if len(chosen) == 4:
            break
    if len(chosen) < 3 or sum(e in mine for e in chosen) < 2:
        return
    chosen.sort(key=lambda e: e.date.first_day())
    first = chosen[0]
    yield Draft(
        type="ordering",
        generator="lesson-order",
        stem="Put these events in the order they happened, earliest first.",
        answer=[_label(e) for e in chosen],
        section_id=section.id,
        paragraph=min(e.line for e in chosen if e in mine),
        sentence=0,
        quote=first.label,
        explanation="In order: "
        + "; ".join(f"{_label(e)} ({e.date.display()})" for e in chosen)
        + ".",
        keys=tuple(_label(e).lower() for e in chosen),
        fact=f"order:{section.id}",
        id_basis="order:" + ";".join(_event_basis(e) for e in chosen),
        score=0.8,
        difficulty=0.6,
        source_kind="lesson",
    )
