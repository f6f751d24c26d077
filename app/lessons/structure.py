"""The structured parts of a lesson, read from its Markdown in plain Python (no Flask).

A lesson is free Markdown with a few level-2 sections that have a fixed shape
(docs/lesson-structure.md):

- ``## Learning objectives``: a list, one objective per item;
- ``## Key terms``: ``- **Term** — definition`` items;
- ``## Timeline``: ``- 1991-07-31 — what happened (¶8)`` items, the date ISO (YYYY-MM-DD,
  YYYY-MM or YYYY), each row citing the paragraph of the lesson's text it comes from or marked
  ``(beyond the text)``;
- ``## Compare …`` (or ``## Comparison …``): one or more Markdown tables;
- ``## Discussion questions``: a numbered list, each question with an indented ``Rubric:``
  line and 1 to 5 criteria as ``- …`` items under it (read by ``discussion.py``).

Everything else is free Markdown. A malformed structured part is reported as a Problem naming
its line and left out of the structure, so that what is built from it (questions, the timeline
figure) skips that part only. Line numbers count from the first line of the text given, front
matter included when there is one, so they match the file or the editor's text alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .discussion import DISCUSSION_HEADING, read_discussion
from .lesson_parts import (
    ComparisonTable,
    DiscussionQuestion,
    KeyTerm,
    LessonSection,
    LessonStructure,
    Objective,
    Problem,
    SourceQuote,
    TimelineEntry,
    parse_timeline_date,
)

# what the features built on lessons import from here with parse_lesson
__all__ = [
    "DiscussionQuestion", "KeyTerm", "LessonStructure", "Problem", "TimelineEntry", "parse_lesson"
]  # fmt: skip

OBJECTIVES_HEADING = "learning objectives"
KEY_TERMS_HEADING = "key terms"
TIMELINE_HEADING = "timeline"
COMPARE_PREFIXES = ("compare", "comparison")
BEYOND_TEXT_MARK = "(beyond the text)"

# only `key: value` lines: a body that opens with a rule (---) is not front matter
_FRONT_MATTER = re.compile(r"\A---\n(?:[a-z_]+:.*\n|\s*\n)*---\n")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_EMPTY_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s*$")
# the dash between a term or a date and what follows: em dash, en dash or a spaced hyphen
_SEPARATOR = r"(?:\s*[—–]\s*|\s+-{1,2}\s+)"
_KEY_TERM = re.compile(r"^\*\*(?P<term>[^*]+?)\*\*(?P<rest>.*)$")
_TIMELINE_DATE = re.compile(r"^(?:\*\*)?(?P<date>\d{4}(?:-\d{1,2}){0,2})(?:\*\*)?(?P<rest>.*)$")
_BEYOND = re.compile(r"\s*\*?\(beyond the text\)\*?\s*$", re.IGNORECASE)
_CITATION = re.compile(r"\s*\(¶\s*(\d+)(?:\s*[–-]\s*¶?\s*(\d+))?\)\s*$")
_PARAGRAPH_REFERENCE = re.compile(
    r"(?:¶\s*|\bparagraphs?\s+)(\d+)(?:\s*(?:to|–|-|and)\s*(?:¶\s*)?(\d+))?", re.IGNORECASE
)
_SOURCE_QUOTE = re.compile(r"^>\s*¶(\d+)\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_EMPHASIS = re.compile(r"\*\*|__|\*|`")


@dataclass
class _Item:
    text: str
    line: int


def parse_lesson(markdown: str) -> LessonStructure:
    """The structured parts of a lesson's Markdown (front matter, if any, is skipped)."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    skipped = 0
    front = _FRONT_MATTER.match(text)
    if front:
        skipped = front.group(0).count("\n")
        text = text[front.end() :]
    lines = text.split("\n")
    structure = LessonStructure()
    for heading, start, body in _sections(lines, skipped + 1, structure):
        kind = heading.casefold()
        if kind == OBJECTIVES_HEADING:
            _read_objectives(body, structure)
        elif kind == KEY_TERMS_HEADING:
            _read_key_terms(body, structure)
        elif kind == TIMELINE_HEADING:
            _read_timeline(body, structure)
        elif kind.startswith(COMPARE_PREFIXES):
            _read_tables(heading, start, body, structure)
        elif kind == DISCUSSION_HEADING:
            read_discussion(body, structure)
        for number, line in body:
            quote = _SOURCE_QUOTE.match(line)
            if quote:
                structure.source_quotes.append(
                    SourceQuote(int(quote.group(1)), quote.group(2).strip(), number)
                )
    return structure


def _sections(
    lines: list[str], first: int, structure: LessonStructure
) -> list[tuple[str, int, list[tuple[int, str]]]]:
    """Split into level-2 sections: (heading, its line, its numbered lines); fences respected."""
    sections: list[tuple[str, int, list[tuple[int, str]]]] = [("", first, [])]
    fenced = False
    for number, line in enumerate(lines, first):
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            sections.append((heading.group(2), number, []))
        elif heading and len(heading.group(1)) == 1:
            sections.append(("", number, []))
        else:
            sections[-1][2].append((number, "" if fenced else line))
    last_line = first + len(lines) - 1
    for position, (heading, start, _) in enumerate(sections):
        if not heading:
            continue
        end = sections[position + 1][1] - 1 if position + 1 < len(sections) else last_line
        structure.sections.append(LessonSection(heading, start, end))
    return sections


def _list_items(body: list[tuple[int, str]], structure: LessonStructure) -> list[_Item]:
    """The items of the lists in a section; continuation lines are joined to their item."""
    items: list[_Item] = []
    in_item = False
    after_blank = False
    for number, line in body:
        item = _LIST_ITEM.match(line)
        if item:
            items.append(_Item(item.group(1).strip(), number))
            in_item, after_blank = True, False
        elif _EMPTY_LIST_ITEM.match(line):
            structure.problems.append(Problem(number, "an empty list item"))
            in_item = False
        elif not line.strip():
            after_blank = True
        elif in_item and (not after_blank or line.startswith(("  ", "\t"))):
            items[-1].text = f"{items[-1].text} {line.strip()}"
        else:
            in_item = False
    return items


def _plain(text: str) -> str:
    """Inline Markdown emphasis removed and spaces collapsed."""
    return " ".join(_EMPHASIS.sub("", text).split())


def _paragraph_references(text: str) -> tuple[int, ...]:
    """The text's paragraphs that ``text`` names ("paragraph 3", "paragraphs 3 to 5", "¶2")."""
    found: list[int] = []
    for match in _PARAGRAPH_REFERENCE.finditer(text):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else start
        joined_by_and = " and " in match.group(0).casefold()
        span = [start, end] if joined_by_and else range(start, max(start, end) + 1)
        found.extend(n for n in span if n not in found)
    return tuple(found)


def _read_objectives(body: list[tuple[int, str]], structure: LessonStructure) -> None:
    for item in _list_items(body, structure):
        text = _plain(item.text)
        structure.objectives.append(Objective(text, item.line, _paragraph_references(text)))


def _read_key_terms(body: list[tuple[int, str]], structure: LessonStructure) -> None:
    seen: dict[str, int] = {}
    for item in _list_items(body, structure):
        match = _KEY_TERM.match(item.text)
        if not match:
            structure.problems.append(
                Problem(item.line, "a key term is written `- **Term** — definition`")
            )
            continue
        term = _plain(match.group("term")).rstrip(":")
        rest = match.group("rest")
        separator = re.match(_SEPARATOR + "|\\s*:\\s*", rest)
        colon_inside = match.group("term").rstrip().endswith(":")
        if not separator and not colon_inside and rest.strip():
            structure.problems.append(
                Problem(item.line, f"key term “{term}”: put a dash (—) between term and definition")
            )
            continue
        definition = _plain(rest[separator.end() :] if separator else rest)
        if not definition:
            structure.problems.append(Problem(item.line, f"key term “{term}” has no definition"))
            continue
        if term.casefold() in seen:
            structure.problems.append(
                Problem(
                    item.line, f"key term “{term}” is defined twice (line {seen[term.casefold()]})"
                )
            )
            continue
        seen[term.casefold()] = item.line
        structure.key_terms.append(KeyTerm(term, definition, item.line))


def _read_timeline(body: list[tuple[int, str]], structure: LessonStructure) -> None:
    for item in _list_items(body, structure):
        match = _TIMELINE_DATE.match(item.text)
        separator = re.match(_SEPARATOR, match.group("rest")) if match else None
        if not match or not separator:
            structure.problems.append(
                Problem(
                    item.line,
                    "a timeline row starts with its date (YYYY-MM-DD, YYYY-MM or YYYY), "
                    "then a dash (—) and what happened",
                )
            )
            continue
        try:
            date = parse_timeline_date(match.group("date"))
        except ValueError as error:
            structure.problems.append(Problem(item.line, f"timeline: {error}"))
            continue
        label = match.group("rest")[separator.end() :]
        beyond = _BEYOND.search(label)
        if beyond:
            label = label[: beyond.start()]
        citation = _CITATION.search(label)
        paragraphs: tuple[int, ...] = ()
        if citation:
            first = int(citation.group(1))
            last = int(citation.group(2) or first)
            paragraphs = tuple(range(first, max(first, last) + 1))
            label = label[: citation.start()]
        label = _plain(label)
        if not label:
            structure.problems.append(Problem(item.line, f"timeline row {date}: say what happened"))
            continue
        if not beyond and not citation:
            structure.problems.append(
                Problem(
                    item.line,
                    f"timeline row {date}: cite the paragraph it comes from, e.g. (¶2), "
                    f"or mark it {BEYOND_TEXT_MARK}",
                )
            )
            continue
        structure.timeline.append(TimelineEntry(date, label, item.line, bool(beyond), paragraphs))


def _cells(row: str) -> tuple[str, ...]:
    inner = row.strip()[1:-1]
    return tuple(_plain(cell) for cell in re.split(r"(?<!\\)\|", inner))


def _read_tables(
    heading: str, start: int, body: list[tuple[int, str]], structure: LessonStructure
) -> None:
    tables: list[list[tuple[int, str]]] = []
    previous_was_row = False
    for number, line in body:
        is_row = bool(_TABLE_ROW.match(line))
        if is_row and not previous_was_row:
            tables.append([])
        if is_row:
            tables[-1].append((number, line))
        previous_was_row = is_row
    if not tables:
        structure.problems.append(
            Problem(start, f"“{heading}” has no table (rows like `| a | b |`)")
        )
    for table in tables:
        line = table[0][0]
        if len(table) < 3 or not _TABLE_RULE.match(table[1][1]):
            structure.problems.append(
                Problem(line, "a table needs a header row, a `|---|---|` rule and a row")
            )
            continue
        header = _cells(table[0][1])
        rows = []
        for number, row in table[2:]:
            cells = _cells(row)
            if len(cells) != len(header):
                structure.problems.append(
                    Problem(number, f"this row has {len(cells)} cells, the header {len(header)}")
                )
                continue
            rows.append(cells)
        structure.comparisons.append(ComparisonTable(heading, header, tuple(rows), line))
