"""Parse a plain-text document (headings on their own lines, paragraphs below) into sections."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import Document, Paragraph, Section, Sentence
from .sentences import split_sentences

PREAMBLE_ID = "preamble"
CLOSING_ID = "closing"
_BULLET = re.compile(r"^[•◦▪‣*\-–]\s+")
_TERMINAL = ".:;,!?"
_DATE_LINE = re.compile(
    r"^(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})\.?$"
)
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}
MAX_HEADING_WORDS = 16
MAX_CLOSING_WORDS = 12


class CorpusError(ValueError):
    """The text cannot be parsed as a document of the expected form."""


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int
    bullet: bool


def read_source(path: str | Path) -> str:
    """Read a UTF-8 text file, raising CorpusError for missing, binary or non-UTF-8 files."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise CorpusError(f"{path} is a binary file, not a text document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path} is not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        ) from exc
    return text


def slugify(title: str) -> str:
    """A lower-case, hyphenated id for a heading."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug or "section"


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if stripped:
            start = position + content.index(stripped)
            bullet = bool(_BULLET.match(stripped))
            if bullet:
                marker = _BULLET.match(stripped).end()
                start += marker
                stripped = stripped[marker:]
            lines.append(_Line(stripped, start, start + len(stripped), bullet))
        position += len(raw)
    return lines


def _words(text: str) -> list[str]:
    return text.split()


def _is_prose(line: _Line) -> bool:
    return len(_words(line.text)) >= 8


def _looks_like_heading(line: _Line, following: _Line | None) -> bool:
    words = _words(line.text)
    if line.bullet or not words or len(words) > MAX_HEADING_WORDS:
        return False
    if line.text[-1] in _TERMINAL or not line.text[0].isupper():
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or not w[0].isalpha())
    if content and capitalised / len(content) < 0.6:
        return False
    return following is not None and _is_prose(following)


def _closing_start(lines: list[_Line]) -> int:
    """Index of the first line of the trailing signature block (len(lines) when none)."""
    index = len(lines)
    while index > 0:
        line = lines[index - 1]
        short = len(_words(line.text)) <= MAX_CLOSING_WORDS and not line.bullet
        unfinished = line.text[-1] not in ".!?" or bool(_DATE_LINE.match(line.text))
        if not (short and unfinished):
            break
        index -= 1
    return index


def _paragraph(index: int, line: _Line) -> Paragraph:
    sentences = tuple(
        Sentence(i, text, start, end)
        for i, (text, start, end) in enumerate(split_sentences(line.text, line.start), 1)
    )
    return Paragraph(index, line.text, line.start, line.end, sentences, line.bullet)


def _section(sid: str, title: str, order: int, kind: str, body: list[_Line], start: int) -> Section:
    paragraphs = tuple(_paragraph(i, line) for i, line in enumerate(body, 1))
    end = body[-1].end if body else start
    return Section(sid, title, order, start, end, paragraphs, kind)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def parse_document(text: str, title: str | None = None) -> Document:
    """Parse ``text`` into a Document; CorpusError when it has no headings."""
    if not text.strip():
        raise CorpusError("the document is empty")
    lines = _lines(text)
    closing = _closing_start(lines)
    body_lines = lines[:closing]
    heading_at = [
        i
        for i, line in enumerate(body_lines)
        if _looks_like_heading(line, body_lines[i + 1] if i + 1 < len(body_lines) else None)
    ]
    if not heading_at:
        raise CorpusError(
            "no headings found: a heading is a short line in title case, without a final "
            "full stop, followed by a paragraph"
        )
    sections: list[Section] = []
    taken = {PREAMBLE_ID, CLOSING_ID}
    if heading_at[0] > 0:
        preamble = body_lines[: heading_at[0]]
        sections.append(
            _section(PREAMBLE_ID, "Preamble", 1, "preamble", preamble, preamble[0].start)
        )
    bounds = heading_at + [len(body_lines)]
    for here, after in zip(bounds, bounds[1:], strict=False):
        heading = body_lines[here]
        sid = _unique(slugify(heading.text), taken)
        body = body_lines[here + 1 : after]
        order = len(sections) + 1
        sections.append(_section(sid, heading.text, order, "body", body, heading.start))
    if closing < len(lines):
        tail = lines[closing:]
        order = len(sections) + 1
        sections.append(
            _section(
                CLOSING_ID, "Signatures, Place and Date", order, "closing", tail, tail[0].start
            )
        )
    return Document(title or sections[0].title, text, tuple(sections))


def load_document(path: str | Path, title: str | None = None) -> Document:
    """Read and parse the document at ``path``."""
    return parse_document(read_source(path), title)
