"""Write questions as GIFT, the text format Moodle documents (docs.moodle.org/en/GIFT_format).

Each section becomes a category (``$CATEGORY: $course$/top/<section_id>``); each question is
named by its id and carries its explanation as general feedback (``####``). Each question type
writes the lines inside its braces (``gift_lines`` in ``app/questions``); they read:

- multiple_choice: ``=right ~wrong``;
- multiple_response: ``~%w%choice`` with each right choice worth 1/n and each wrong one -1/n
  (n right choices), which is this platform's scoring (right picks minus wrong picks, at 0),
  where Moodle's grade list holds 1/n, else the nearest grades it holds (``grades.py``);
- true_false: ``{TRUE}`` / ``{FALSE}``;
- short_answer: ``=answer =accepted …`` (every form full marks);
- matching: ``=left -> right``; extra right-hand options as ``= -> option``;
- ordering: GIFT has no ordering type, so it is written as matching from the positions
  ``1``, ``2``, … to the items (a learner picks the item for each place); the GIFT import reads
  a matching question whose left side is exactly 1…n back as ordering.

Escaping: the characters ``~ = # { } :`` and backslash get a backslash, newlines are written
``\\n`` (all as Moodle's GIFT reader and writer do). GIFT has no escape for the ``->`` of
matching, so where a bare ``->`` would change the meaning (a matching left side, a short
answer: Moodle reads any ``{=… -> …}`` as matching) it is written ``-\\>``, which this platform
reads back as ``->`` and Moodle imports as the right type with the backslash showing. Elsewhere
``->`` needs no escape: a ``~`` makes a block a choice question, a matching right side runs to
the end of its answer, and the stem and general feedback are outside the answers. A choice or
short answer that begins with a ``%weight%`` of its own gets an explicit weight first, so that
its text is not read as one, and one that begins with a format marker (``[html]``) gets
``[plain]`` first, so that its marker is not read as its format.

Each question is preceded by a comment line ``// declaration-tutor: {json}`` holding its id,
source (paragraph, sentence, quote) and generator, which Moodle ignores and the platform's
import reads back; the id is also the question's ``::name::``, which Moodle keeps when it
exports the question again, so a re-import updates the question instead of copying it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...questions import QUESTION_TYPES
from .grades import right_fractions, wrong_fraction

SPECIAL = "\\~=#{}:"
META_PREFIX = "// declaration-tutor: "
# What Moodle reads as an answer's weight (qformat_gift's $giftanswerweightregex); the import
# reads weights with the same pattern, so what one calls a weight the other does too.
WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
# What Moodle takes as a text's format at its start (parse_text_with_format; lower case only)
FORMAT_MARKER = re.compile(r"^\[(plain|html|moodle|markdown)\]")


def escape(text: str, *, arrow: bool = False) -> str:
    """Escape GIFT's special characters (backslash first) and newlines; with ``arrow``, also
    the ``->`` that would split a matching answer or turn a short answer into matching."""
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return text.replace("->", "-\\>") if arrow else text


def guard_format(escaped: str) -> str:
    """Escaped text that Moodle will not read a format from: a text that starts with a format
    marker of its own (``[html]…``) gets ``[plain]`` in front, which Moodle takes off."""
    return "[plain]" + escaped if FORMAT_MARKER.match(escaped) else escaped


def _answer_text(text: str, weight: str, *, arrow: bool = False) -> str:
    """An answer's text, with ``weight`` (``%…%``) in front when it would read as one."""
    escaped = guard_format(escape(text, arrow=arrow))
    return f"%{weight}%{escaped}" if WEIGHT.match(escaped) else escaped


def _weight(fraction: float) -> str:
    """A percentage as Moodle's grade lists hold it (five decimals, no trailing zeros)."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Tools:
    """What a question type's GIFT writer uses from here (see ``questions.interchange``)."""

    escape = staticmethod(escape)
    guard_format = staticmethod(guard_format)
    answer_text = staticmethod(_answer_text)
    weight = staticmethod(_weight)
    right_fractions = staticmethod(right_fractions)
    wrong_fraction = staticmethod(wrong_fraction)


def answer_lines(question: dict[str, Any]) -> list[str]:
    """The lines inside a question's braces (without the general feedback), as its type
    writes them."""
    if question["type"] not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {question['type']!r}")
    return QUESTION_TYPES[question["type"]].gift_lines(question, Tools)


def metadata_comment(question: dict[str, Any]) -> str:
    """The comment line that carries what GIFT has no place for: id, source and generator."""
    meta = {"id": question["id"], "source": question.get("source") or {}}
    if question.get("generator"):
        meta["generator"] = question["generator"]
    qtype = QUESTION_TYPES.get(question["type"])
    meta.update(qtype.gift_meta(question) if qtype else {})
    # json.dumps writes line breaks as \n, so the comment stays one line
    return META_PREFIX + json.dumps(meta, ensure_ascii=False, sort_keys=True)


def question_gift(question: dict[str, Any]) -> str:
    """One question in GIFT, after comment lines saying what it is and where it comes from."""
    note = f"// {question['id']} ({question['type']})"
    paragraph = (question.get("source") or {}).get("paragraph")
    if paragraph is not None:
        note += f", paragraph {paragraph}"
    qtype = QUESTION_TYPES.get(question["type"])
    note += qtype.gift_note(question) if qtype else ""
    lines = [note, metadata_comment(question)]
    lines.append(f"::{escape(question['id'])}::[plain]{escape(question['stem'])} {{")
    lines += answer_lines(question)
    if question.get("explanation"):
        lines.append("####" + guard_format(escape(question["explanation"])))
    lines.append("}")
    return "\n".join(lines) + "\n"


def gift_chunks(questions: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The whole GIFT file, a category line before each new section's questions."""
    yield "// Question bank exported in GIFT format (docs.moodle.org/en/GIFT_format)\n\n"
    section = None
    for question in questions:
        if question["section_id"] != section:
            section = question["section_id"]
            yield f"$CATEGORY: $course$/top/{section}\n\n"
        yield question_gift(question) + "\n"


def to_gift(questions: Iterable[dict[str, Any]]) -> str:
    """The whole GIFT file as one string."""
    return "".join(gift_chunks(questions))
