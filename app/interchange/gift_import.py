"""Read GIFT into question dicts, reporting every problem with its line number.

Reads what ``gift.py`` writes and the GIFT that Moodle documents for the six types this
platform has: multiple choice (``=``/``~``), multiple response (``~%weight%``), true/false,
short answer (only ``=`` answers), matching (``=a -> b``; a left side of exactly 1…n is read as
ordering), with categories, names, ``[format]`` markers, comments, per-answer feedback (ignored)
and general feedback (``####``, the explanation). Numerical, essay and description questions
have no counterpart here and are reported as errors.

The type is told as Moodle's reader tells it (qformat_gift::readquestion): a ``~`` makes a
choice question, else ``=`` with ``->`` matching, else true/false or short answer; so a choice
that contains ``->`` stays a choice. ``\\>`` reads as ``>`` (``gift.py`` writes ``->`` as
``-\\>`` where a bare one would be read as matching). The comment line
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

from ..questions import ContentError, validate_content
from .gift import FORMAT_MARKER, META_PREFIX, WEIGHT

# Escaped characters become private-use placeholders while the text is split.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003",
            "\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007",
            "\\>": "\ue008"}  # fmt: skip
_RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{",
            "\ue005": "}", "\ue006": ":", "\ue007": "\n", "\ue008": ">"}  # fmt: skip
_FORMAT = re.compile(r"^\s*\[(plain|html|moodle|markdown)\]", re.IGNORECASE)
_TRUE, _FALSE = {"T", "TRUE"}, {"F", "FALSE"}
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


def _short_answer_forms(answers: list[tuple[str, str]], html: bool) -> list[str]:
    """The full-marks forms of a short answer; Moodle writes them ``=%100%…`` and a form worth
    0 % (feedback for a wrong answer) is left out."""
    forms = []
    for _, raw in answers:
        weight, raw = _weighted(raw)
        if weight is None or weight >= 1:
            forms.append(_formatted(raw, html))
        elif weight > 0:
            raise ValueError("a short answer with partial credit (=%50%…) is not supported")
    if not forms:
        raise ValueError("a short answer needs an answer worth 100 %")
    return forms


def read_answer_block(body: str, html: bool = False) -> dict[str, Any]:
    """The type and key fields of one ``{…}`` block (protected text); ValueError when unusable."""
    body, _, feedback = body.partition("####")
    data: dict[str, Any] = {"explanation": _formatted(feedback, html)}
    stripped = body.strip()
    if not stripped:
        raise ValueError("essay questions ({}) are not supported")
    if stripped.startswith("#"):
        raise ValueError("numerical questions ({#…}) are not supported")
    word = stripped.split("#", 1)[0].strip().upper()
    if word in _TRUE | _FALSE:
        return {**data, "type": "true_false", "answer": word in _TRUE}
    answers = _answers(body)
    if not answers:
        raise ValueError("no answers in the braces")
    markers = {marker for marker, _ in answers}
    # Moodle's order: a "~" makes a choice question whatever its texts hold, "->" matching
    if "~" not in markers and any("->" in raw for _, raw in answers):
        return {**data, **_matching(answers, html)}
    if markers == {"="}:
        forms = _short_answer_forms(answers, html)
        return {**data, "type": "short_answer", "answer": forms[0], "accepted": forms[1:]}
    choices, right = [], []
    for marker, raw in answers:
        # Moodle reads a weight after "~" only ("=" is full marks, its text taken as written)
        weight, raw = _weighted(raw) if marker == "~" else (None, raw)
        text = _formatted(raw, html)
        choices.append(text)
        if marker == "=" or (weight or 0) > 0:
            right.append((marker, text))
    if [m for m, _ in right] == ["="]:
        return {**data, "type": "multiple_choice", "choices": choices, "answer": right[0][1]}
    if right and "=" not in markers:
        return {**data, "type": "multiple_response", "choices": choices,
                "answer": [text for _, text in right]}  # fmt: skip
    raise ValueError("a choice question needs one =right answer, or ~%weight% right answers")


def _matching(answers: list[tuple[str, str]], html: bool) -> dict[str, Any]:
    pairs, extras = [], []
    for marker, raw in answers:
        if marker != "=" or "->" not in raw:
            raise ValueError("every matching answer must be written =left -> right")
        # the left side is formatted text in Moodle, the right side plain
        raw_left, raw_right = raw.split("->", 1)
        left, right = _formatted(raw_left, html), _text(raw_right, html)
        if left:
            pairs.append([left, right])
        else:
            extras.append(right)
    if not extras and [p[0] for p in pairs] == [str(n) for n in range(1, len(pairs) + 1)]:
        return {"type": "ordering", "answer": [p[1] for p in pairs]}
    rights = list(dict.fromkeys(p[1] for p in pairs))
    return {"type": "matching", "answer": pairs, "choices": rights + extras if extras else []}


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
