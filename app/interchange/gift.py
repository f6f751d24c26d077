"""Write questions as GIFT, the text format Moodle documents (docs.moodle.org/en/GIFT_format).

Each section becomes a category (``$CATEGORY: $course$/top/<section_id>``); each question is
named by its id and carries its explanation as general feedback (``####``). Types:

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

from ..questions import QUESTION_TYPES
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


def ordering_pairs(items: list[str]) -> list[list[str]]:
    """The matching pairs that stand for an order: position (from 1) → item."""
    return [[str(position), item] for position, item in enumerate(items, 1)]


def answer_lines(question: dict[str, Any]) -> list[str]:
    """The lines inside a question's braces (without the general feedback)."""
    if question["type"] not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {question['type']!r}")
    qtype, answer = QUESTION_TYPES[question["type"]], question["answer"]
    kind = qtype.moodle_qtype  # GIFT is Moodle's: it writes Moodle's kinds of question
    choices = list(question.get("choices") or [])
    if kind == "multichoice" and qtype.single_answer:
        # Moodle reads no weight after "=", so only a wrong choice can need an explicit one
        return [
            f"={guard_format(escape(choice))}"
            if choice == answer
            else f"~{_answer_text(choice, '0')}"
            for choice in choices
        ]
    if kind == "multichoice":
        # grades Moodle accepts, adding up to 100 % (1/n where Moodle lists it)
        rights = iter(right_fractions(len(answer)))
        wrong = _weight(wrong_fraction(len(answer)))
        return [
            f"~%{_weight(next(rights)) if c in answer else wrong}%{guard_format(escape(c))}"
            for c in choices
        ]
    if kind == "truefalse":
        return ["TRUE" if answer else "FALSE"]
    if kind == "shortanswer":
        forms = [answer, *[a for a in question.get("accepted") or [] if a != answer]]
        return ["=" + _answer_text(form, "100", arrow=True) for form in forms]
    if kind == "matching":
        rights = {pair[1] for pair in answer}
        lines = [
            f"={guard_format(escape(left, arrow=True))} -> {escape(right)}"
            for left, right in answer
        ]
        return lines + [f"= -> {escape(c)}" for c in choices if c not in rights]
    if kind == "ordering":
        return [f"={left} -> {escape(item)}" for left, item in ordering_pairs(answer)]
    raise ValueError(f"no GIFT writer for {kind!r} questions")


def metadata_comment(question: dict[str, Any]) -> str:
    """The comment line that carries what GIFT has no place for: id, source and generator."""
    meta = {"id": question["id"], "source": question.get("source") or {}}
    if question.get("generator"):
        meta["generator"] = question["generator"]
    # json.dumps writes line breaks as \n, so the comment stays one line
    return META_PREFIX + json.dumps(meta, ensure_ascii=False, sort_keys=True)


def _is_ordering(question: dict[str, Any]) -> bool:
    qtype = QUESTION_TYPES.get(question["type"])
    kind = qtype.moodle_qtype if qtype else ""
    return kind == "ordering"


def question_gift(question: dict[str, Any]) -> str:
    """One question in GIFT, after comment lines saying what it is and where it comes from."""
    note = f"// {question['id']} ({question['type']})"
    paragraph = (question.get("source") or {}).get("paragraph")
    if paragraph is not None:
        note += f", paragraph {paragraph}"
    if _is_ordering(question):
        note += ": an ordering question written as matching from positions to items"
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
