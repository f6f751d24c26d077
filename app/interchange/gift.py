"""Write questions as GIFT, the text format Moodle documents (docs.moodle.org/en/GIFT_format).

Each section becomes a category (``$CATEGORY: $course$/top/<section_id>``); each question is
named by its id and carries its explanation as general feedback (``####``). Types:

- multiple_choice: ``=right ~wrong``;
- multiple_response: ``~%w%choice`` with each right choice worth 1/n and each wrong one -1/n
  (n right choices), which is this platform's scoring (right picks minus wrong picks, at 0);
- true_false: ``{TRUE}`` / ``{FALSE}``;
- short_answer: ``=answer =accepted …`` (every form full marks);
- matching: ``=left -> right``; extra right-hand options as ``= -> option``;
- ordering: GIFT has no ordering type, so it is written as matching from the positions
  ``1``, ``2``, … to the items (a learner picks the item for each place); the GIFT import reads
  a matching question whose left side is exactly 1…n back as ordering.

The characters ``~ = # { } :`` and backslash are escaped with a backslash, newlines as ``\\n``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Escape GIFT's special characters (backslash first) and newlines."""
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(fraction: float) -> str:
    """A percentage as Moodle's grade lists hold it (five decimals, no trailing zeros)."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ordering_pairs(items: list[str]) -> list[list[str]]:
    """The matching pairs that stand for an order: position (from 1) → item."""
    return [[str(position), item] for position, item in enumerate(items, 1)]


def answer_lines(question: dict[str, Any]) -> list[str]:
    """The lines inside a question's braces (without the general feedback)."""
    qtype, answer = question["type"], question["answer"]
    choices = list(question.get("choices") or [])
    if qtype == "multiple_choice":
        return [("=" if choice == answer else "~") + escape(choice) for choice in choices]
    if qtype == "multiple_response":
        right = _weight(1 / len(answer))
        wrong = _weight(-1 / len(answer))
        return [f"~%{right if c in answer else wrong}%{escape(c)}" for c in choices]
    if qtype == "true_false":
        return ["TRUE" if answer else "FALSE"]
    if qtype == "short_answer":
        forms = [answer, *[a for a in question.get("accepted") or [] if a != answer]]
        return ["=" + escape(form) for form in forms]
    if qtype == "matching":
        rights = {pair[1] for pair in answer}
        lines = [f"={escape(left)} -> {escape(right)}" for left, right in answer]
        return lines + [f"= -> {escape(c)}" for c in choices if c not in rights]
    if qtype == "ordering":
        return [f"={left} -> {escape(item)}" for left, item in ordering_pairs(answer)]
    raise ValueError(f"unknown question type {qtype!r}")


def question_gift(question: dict[str, Any]) -> str:
    """One question in GIFT, with a comment line saying where it comes from."""
    note = f"// {question['id']} ({question['type']})"
    quote = (question.get("source") or {}).get("paragraph")
    if quote is not None:
        note += f", paragraph {quote}"
    if question["type"] == "ordering":
        note += ": an ordering question written as matching from positions to items"
    lines = [note, f"::{escape(question['id'])}::[plain]{escape(question['stem'])} {{"]
    lines += answer_lines(question)
    if question.get("explanation"):
        lines.append("####" + escape(question["explanation"]))
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
