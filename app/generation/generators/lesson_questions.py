"""Questions from a section's lesson: what a key term means, and what came before what across
the whole course (the lessons' timelines, context beyond the text included)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ...lessons.structure import KeyTerm, TimelineEntry
from ..distractors import stems_of, tiebreak
from ..draft import Context, Draft, normalise_fact
from ..ideas import truth_for

MAX_DEFINITION_WORDS = 40
_PARAGRAPH_NOTE = re.compile(r"\s*\((?:see )?(?:¶|paragraphs?\s)[^)]*\)", re.I)
_KINDS = (  # what a definition says its term is, from the words it opens with
    (
        "document",
        r"treaty|amendment|convention|document|agreement|statement|declaration|"
        r"resolution|charter|list|section",
    ),
    (
        "body",
        r"group|organization|organisation|body|bodies|council|alliance|union|commission|"
        r"department|agency|ministry|forum|process|programs?",
    ),
    ("place", r"region|country|city|sea|area|territory"),
    ("person", r"person|president|minister|leader|official"),
)
_CITATION = re.compile(r"\s*\((?:¶|paragraphs?\s)[^)]*\)\s*$")


def definition_key(term: KeyTerm) -> str | None:
    """The definition as an option: its first sentence, without remarks on the text's
    paragraphs; None when it names the term itself (the term would give it away)."""
    first = re.split(r"(?<=[a-z)”\"])\.\s+(?=[A-Z])", term.definition.strip())[0].rstrip(".")
    first = _PARAGRAPH_NOTE.sub("", first)  # "(paragraph 4)": where, not what
    first = re.sub(r"^Here,\s+(\w)", lambda m: m.group(1).upper(), first)
    if len(first.split()) > MAX_DEFINITION_WORDS or len(first.split()) < 3:
        return None
    term_text = re.sub(r"\s*\(.*?\)", "", term.term)
    if stems_of(term_text) & stems_of(first) or term_text.lower() in first.lower():
        return None
    if _roots(term_text) & _roots(first):
        return None  # "Verification": "checking that a party does what it …" explains itself
    return first


def _roots(text: str) -> set[str]:
    """Four-letter roots of the longer words: "verification" ~ "verify", "warning" ~ "warned"."""
    return {w.lower()[:4] for w in re.findall(r"[A-Za-z]{5,}", text)} - _COMMON_ROOTS


_COMMON_ROOTS = {"with", "that", "whic", "thei", "from", "othe", "agre", "stat", "unit", "part"}


def kind_of(definition: str) -> str:
    """ "document", "body", "place", "person" or "idea": what a definition defines."""
    words = definition.lower().split()
    opening = " ".join(words[1:4] if words[0] in {"a", "an", "the"} else words[:3])
    for kind, words in _KINDS:
        if re.search(rf"\b(?:{words})\b", opening):
            return kind
    return "idea"


def _proper(term: str) -> bool:
    """A name (an organisation, a treaty, a place) rather than a concept."""
    return any(w[:1].isupper() for w in term.split()[1:]) or bool(re.search(r"[A-Z]{2}|\d", term))


def lesson_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """Term meanings and timeline order from the lesson of ``section`` (none without one)."""
    lesson = ctx.lessons.get(section.id)
    if lesson is None:
        return
    yield from _terms(ctx, section)
    yield from _before(ctx, section)
    yield from comparisons(ctx, section)


def _all_terms(ctx: Context) -> list[tuple[str, KeyTerm]]:
    return [(sid, t) for sid, lesson in ctx.lessons.items() for t in lesson.key_terms]


def _terms(ctx: Context, section: Section) -> Iterator[Draft]:
    lesson = ctx.lessons[section.id]
    everything = _all_terms(ctx)
    for term in lesson.key_terms:
        key = definition_key(term)
        if key is None:
            continue
        proper = _proper(term.term)
        pool = []
        for sid, other in everything:
            if other.term.lower() == term.term.lower():
                continue
            text = definition_key(other)
            if text is None or text == key:
                continue
            same_kind = _proper(other.term) == proper and kind_of(text) == kind_of(key)
            here = sid == section.id
            gap = abs(len(text) - len(key)) / max(len(key), 1)
            pool.append(
                (not same_kind, not here, round(min(gap, 2), 1), tiebreak(term.term, text), text)
            )
        pool.sort()
        distractors = []
        for *_, text in pool:
            if text not in distractors:
                distractors.append(text)
            if len(distractors) == 3:
                break
        if len(distractors) < 3:
            continue
        # rated: other terms' definitions of another kind ("plural of forum" as a meaning of
        # cooperative threat reduction) are absurd; such a draft stays a candidate (its review
        # and edits are kept by id) but is never chosen
        kinds = {kind_of(d) for d in distractors} | {kind_of(key)}
        flaws = (
            ()
            if len(kinds) == 1
            and all(
                _proper(o.term) == proper for _, o in everything if definition_key(o) in distractors
            )
            else ("distractors of another kind than the key (other terms' definitions)",)
        )
        choices = sorted([key, *distractors], key=lambda c: tiebreak(term.term, c))
        yield Draft(
            type="multiple_choice",
            generator="lesson-term",
            stem=f"In the lesson on “{section.title}”, what does “{term.term}” mean?",
            answer=key,
            choices=choices,
            section_id=section.id,
            paragraph=term.line,
            sentence=0,
            quote=f"{term.term} — {term.definition}",
            explanation=f"The lesson's key terms define {term.term}: “{term.definition}”",
            keys=(term.term.lower(),),
            fact=f"term:{term.term}",
            id_basis=f"term:{normalise_fact(term.term)}",
            flaws=flaws,
            score=0.8,
            difficulty=0.4,
            source_kind="lesson",
        )


def _label(entry: TimelineEntry) -> str:
    return _CITATION.sub("", entry.label).rstrip(". ")


def _event_basis(entry: TimelineEntry) -> str:
    """What a timeline question's id stands for: the event and its date, not its line."""
    return f"{entry.date.iso}:{normalise_fact(_label(entry))}"


MAX_BEFORE = 2  # "what came before" questions chosen per section (select.GENERATOR_CAP)

_REFERS_TO_TEXT = re.compile(r"\b(?:paragraph|section|¶|the declaration's text)\b", re.I)


def _timeline(ctx: Context) -> list[tuple[str, TimelineEntry]]:
    """The course's dated events, one per day (two lessons may date one event in their own
    words) and none that names a paragraph (it reads wrongly away from its lesson)."""

    def build():
        found = [(sid, e) for sid, lesson in ctx.lessons.items() for e in lesson.timeline]
        seen: dict[str, tuple[str, TimelineEntry]] = {}
        for sid, entry in found:
            if _REFERS_TO_TEXT.search(_label(entry)):
                continue
            day = entry.date.iso if entry.date.precision == "day" else _label(entry).lower()
            seen.setdefault(day, (sid, entry))
        return list(seen.values())

    return ctx._cached("course-timeline", build)


def _before(ctx: Context, section: Section) -> Iterator[Draft]:
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


MAX_TABLE_COLUMNS = 5
_FEATURE_HEADER = {"", "feature", "features", "aspect", "aspects", "point", "question"}


def _items_as_columns(header: tuple, rows: tuple) -> tuple[tuple, tuple]:
    """The table with the things compared as columns and their features as rows: a table
    whose first header cell names the things ("Agreement") has them as rows, and is turned."""
    if header[0].strip().lower() in _FEATURE_HEADER or not rows:
        return header, rows
    width = len(header)
    if any(len(row) != width for row in rows):
        return header, rows
    turned_header = ("", *(row[0] for row in rows))
    turned_rows = tuple((header[k], *(row[k] for row in rows)) for k in range(1, width))
    return turned_header, turned_rows  # a matching question of more pairs is a chore, not a test


def comparisons(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Match each treaty with its limit": one matching question per row of a lesson's
    comparison table (the other columns' cells are the near-misses)."""
    lesson = ctx.lessons.get(section.id)
    if lesson is None:
        return
    for table in lesson.comparisons:
        header, rows = _items_as_columns(table.header, table.rows)
        columns = [c.strip() for c in header[1:]]
        if not 2 <= len(columns) <= MAX_TABLE_COLUMNS or len(set(columns)) != len(columns):
            continue
        title = re.sub(r"^(?:compare|comparison)\s*(?:of)?\s*:?\s*", "", table.title, flags=re.I)
        title = re.sub(r"\s+(?:of|in) (?:paragraphs?|¶)\s*[\d–-]+", "", title)  # read alone
        for n, row in enumerate(rows, 1):
            label, cells = row[0].strip(), [_PARAGRAPH_NOTE.sub("", c).strip() for c in row[1:]]
            if not label or len(cells) != len(columns) or len(set(cells)) != len(cells):
                continue
            if any(not c or c.lower() in {"—", "-", "n/a", "none"} for c in cells):
                continue
            if _REFERS_TO_TEXT.search(label) or len(
                {c.split()[0].strip(":,;") for c in cells}
            ) < len(cells):
                continue  # "what paragraph 3 says"; "No" beside "No: NATO kept …"
            pairs = [[column, cell] for column, cell in zip(columns, cells, strict=True)]
            fact = f"table:{title}:{label}"
            where = dict(
                section_id=section.id,
                paragraph=table.line + 1 + n,  # the table's line, its rule, then the rows
                sentence=0,
                quote=" | ".join(row),
                fact=fact,
                id_basis=f"table:{normalise_fact(title)}:{normalise_fact(label)}",
                source_kind="lesson",
            )
            if len(columns) == 2:  # two pairs: a statement, true or with the two exchanged
                truth = truth_for(fact)
                column, cell = pairs[0][0], pairs[0 if truth else 1][1]
                yield Draft(
                    type="true_false",
                    generator="lesson-comparison-statement",
                    stem=(
                        f"True or false: In the lesson's table comparing {title}, under "
                        f"“{label}”, {column}: {cell.rstrip('.')}."
                    ),
                    answer=truth,
                    explanation=f"{'True' if truth else 'False'}: the lesson gives "
                    + "; ".join(f"{c}: {v}" for c, v in pairs)
                    + ".",
                    keys=(),
                    score=0.75,
                    difficulty=0.55,
                    **where,
                )
                continue
            yield Draft(
                type="matching",
                generator="lesson-comparison",
                stem=(
                    f"The lesson compares {title}. Match each with its “{label.lower()}”, as "
                    "the lesson gives it."
                ),
                answer=pairs,
                explanation="The lesson's table: "
                + "; ".join(f"{column}: {cell}" for column, cell in pairs)
                + ".",
                keys=tuple(c.lower() for c in cells),
                score=0.8,
                difficulty=0.6,
                **where,
            )
