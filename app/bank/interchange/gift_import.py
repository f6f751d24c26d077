"""Read GIFT into question dicts, reporting every problem with its line number.

Reads what ``gift.py`` writes and the GIFT that Moodle documents for the six types this
platform has: multiple choice (``=``/``~``), multiple response (``~%weight%``), true/false,
short answer (only ``=`` answers), matching (``=a -> b``; a left side of exactly 1…n is read as
ordering), with categories, names, ``[format]`` markers, comments, per-answer feedback (ignored)
and general feedback (``####``, the explanation); an essay (``{}``) takes its rubric from the
declaration-tutor comment (GIFT has no place for one, so Moodle's own essays, without it, are
refused by the rubric check). Numerical and description questions have no counterpart here and
are reported as errors.

Each question type reads its kind of block (``read_gift`` in ``app/questions``), asked in the
order of their ``gift_read_rank``, so that the type is told as Moodle's reader tells it
(qformat_gift::readquestion): true/false first, then a ``~`` makes a choice question, else
``=`` with ``->`` matching, else a short answer; so a choice that contains ``->`` stays a
choice. ``\\>`` reads as ``>`` (``gift.py`` writes ``->`` as ``-\\>`` where a bare one would be
read as matching). The comment line
``// declaration-tutor: {json}`` before a question gives back its id, source and generator.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import nh3

from ...questions import QUESTION_TYPES, ContentError, QuestionType, validate_content
from .gift import FORMAT_MARKER, META_PREFIX, WEIGHT

# Escaped characters become private-use placeholders while the text is split.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003",
            "\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007",
            "\\>": "\ue008"}  # fmt: skip
_RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{",
            "\ue005": "}", "\ue006": ":", "\ue007": "\n", "\ue008": ">"}  # fmt: skip
_FORMAT = re.compile(r"^\s*\[(plain|html|moodle|markdown)\]", re.IGNORECASE)
BLANK = "_____"


class GiftError(ValueError):
    """A GIFT file that cannot be imported; ``problems`` are "line N: …" messages."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class ParsedQuestion:
    """One question read from GIFT: its line, category (section id) and content."""

    line: int
    category: str | None
    name: str
    data: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # from the declaration-tutor comment


def _protect(text: str) -> str:
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _restore(text: str) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    return text.strip()


Block = tuple[int, str, list[str]]  # first line number, text, the comments before and in it


def _blocks(text: str) -> list[Block]:
    """Each block between blank lines, comments taken out and kept beside it."""
    blocks: list[Block] = []
    current: list[str] = []
    comments: list[str] = []
    start = 0
    # Only \n ends a line, as in Moodle: str.splitlines would also split at U+2028 and others
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip().startswith("//"):
            comments.append(line.strip())
            continue
        if not line.strip():
            if current:
                blocks.append((start, "\n".join(current), comments))
                current, comments = [], []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current), comments))
    return blocks


def _meta(comments: list[str]) -> dict[str, Any]:
    """The id, source and generator from a ``// declaration-tutor: {json}`` comment, if any."""
    for comment in comments:
        if comment.startswith(META_PREFIX):
            try:
                meta = json.loads(comment[len(META_PREFIX) :])
            except ValueError:
                raise ValueError("the declaration-tutor comment is not valid JSON") from None
            if not isinstance(meta, dict):
                raise ValueError("the declaration-tutor comment must hold a JSON object")
            return meta
    return {}


def _formatted(raw: str, html: bool) -> str:
    """The text of an answer or feedback, taking off a format marker at its start as Moodle
    does (parse_text_with_format: ``[html]`` makes it HTML, any other marker plain)."""
    stripped = raw.strip()
    if match := FORMAT_MARKER.match(stripped):
        return _text(stripped[match.end() :], match.group(1) == "html")
    return _text(stripped, html)


def _text(raw: str, html: bool) -> str:
    # A line break in the file is layout; a written \n is a line break in the text.
    text = _restore(raw.replace("\n", " "))
    if html:
        text = html_lib.unescape(nh3.clean(text, tags=set()))
    return text.strip()


def _answers(body: str) -> list[tuple[str, str]]:
    """(marker, raw text) of each ``=`` or ``~`` answer, per-answer feedback cut off."""
    parts = re.split(r"([=~])", body)
    if parts[0].strip():
        raise ValueError(f"unexpected text before the first answer: {_restore(parts[0])!r}")
    return [
        (marker, raw.split("#", 1)[0]) for marker, raw in zip(parts[1::2], parts[2::2], strict=True)
    ]


def _weighted(raw: str) -> tuple[float | None, str]:
    """(fraction, the text after the weight), or (None, raw) when no weight leads."""
    match = WEIGHT.match(raw.strip())
    if not match:
        return None, raw
    number = match.group(1)
    fraction = float(number.lstrip("-")) / 100  # Moodle allows "%--50%": any minus is one
    return (-fraction if number.startswith("-") else fraction), raw.strip()[match.end() :]


class GiftBlock:
    """One ``{…}`` block (protected text) as a question type's GIFT reader sees it."""

    def __init__(self, body: str, html: bool):
        self.body, self.html = body, html
        stripped = body.strip()
        self.word = stripped.split("#", 1)[0].strip().upper()  # a lone TRUE, F…
        self._answers: list[tuple[str, str]] | None = None

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(marker, raw text) of each ``=`` or ``~`` answer; ValueError when there are none."""
        if self._answers is None:
            stripped = self.body.strip()
            if stripped.startswith("#"):
                raise ValueError("numerical questions ({#…}) are not supported")
            self._answers = _answers(self.body)
            if not self._answers:
                raise ValueError("no answers in the braces")
        return self._answers

    @property
    def markers(self) -> set[str]:
        """The markers its answers use ("=", "~")."""
        return {marker for marker, _ in self.answers}

    def formatted(self, raw: str) -> str:
        """An answer's text, its own format marker taken off."""
        return _formatted(raw, self.html)

    def text(self, raw: str) -> str:
        """A text in the block's format."""
        return _text(raw, self.html)

    weighted = staticmethod(_weighted)


def _readers() -> list[QuestionType]:
    return sorted(QUESTION_TYPES.values(), key=lambda qtype: qtype.gift_read_rank)


def read_answer_block(body: str, html: bool = False) -> dict[str, Any]:
    """The type and key fields of one ``{…}`` block (protected text), as the first type whose
    reader takes it reads them (Moodle's order: qformat_gift::readquestion); ValueError when
    none does."""
    body, _, feedback = body.partition("####")
    data: dict[str, Any] = {"explanation": _formatted(feedback, html)}
    block = GiftBlock(body, html)
    for qtype in _readers():
        if (read := qtype.read_gift(block)) is not None:
            return {**data, **read}
    block.answers  # noqa: B018  (says why the block is unusable, if it can)
    raise ValueError("a choice question needs one =right answer, or ~%weight% right answers")


def _question(line: int, block: str, category: str | None) -> ParsedQuestion:
    text = _protect(block)
    name = ""
    if text.lstrip().startswith("::"):
        _, name, text = text.lstrip().split("::", 2) if text.count("::") >= 2 else ("", "", text)
        if not name:
            raise ValueError("a question name opened with :: is not closed")
    html = bool((m := _FORMAT.match(text)) and m.group(1).lower() == "html")
    text = _FORMAT.sub("", text, count=1)
    opening = text.find("{")
    if opening < 0:
        raise ValueError("no answer block {…} (description questions are not supported)")
    closing = text.find("}", opening)
    if closing < 0:
        raise ValueError("the answer block { is never closed with }")
    after = text[closing + 1 :]
    if "{" in after or "}" in after:
        raise ValueError("more than one answer block, or an unescaped { or }")
    stem = _text(text[:opening], html)
    if _text(after, html):
        stem = f"{stem} {BLANK} {_text(after, html)}".strip()
    data = {"stem": stem, "choices": [], "accepted": [], **read_answer_block(
        text[opening + 1 : closing], html)}  # fmt: skip
    return ParsedQuestion(line, category, _restore(name), data)


def parse_gift(text: str) -> list[ParsedQuestion]:
    """Every question of a GIFT file, checked with the question types; GiftError lists problems."""
    questions, problems = [], []
    category: str | None = None
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for line, block, comments in _blocks(text):
        if block.lstrip().startswith("$CATEGORY:"):
            first, _, rest = block.partition("\n")
            category = first.split(":", 1)[1].strip().rstrip("/").rsplit("/", 1)[-1] or None
            if not rest.strip():
                continue
            block, line = rest, line + 1
        build = partial(_question_with_meta, line, block, category, comments)
        collect(line, build, questions, problems)
    return checked(questions, problems)


def _question_with_meta(
    line: int, block: str, category: str | None, comments: list[str]
) -> ParsedQuestion:
    parsed = _question(line, block, category)
    parsed.meta = _meta(comments)
    parsed.data = QUESTION_TYPES[parsed.data["type"]].with_gift_meta(parsed.data, parsed.meta)
    return parsed


def collect(
    line: int,
    build: Callable[[], ParsedQuestion],
    questions: list[ParsedQuestion],
    problems: list[str],
) -> None:
    """Build one question of a file and check its content; a failure becomes a problem."""
    try:
        parsed = build()
        validate_content(parsed.data["type"], parsed.data)
    except ContentError as exc:
        problems += [f"line {line}: {problem}" for problem in exc.problems]
    except ValueError as exc:
        problems.append(f"line {line}: {exc}")
    else:
        questions.append(parsed)


def checked(questions: list[ParsedQuestion], problems: list[str]) -> list[ParsedQuestion]:
    """The file's questions, or GiftError listing every problem (or that it holds none)."""
    if problems:
        raise GiftError(problems)
    if not questions:
        raise GiftError(["line 1: the file holds no questions"])
    return questions
