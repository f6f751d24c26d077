"""Write questions as Moodle XML (docs.moodle.org/en/Moodle_XML_format), with lxml.

``<quiz>`` holds a category question per section (``$course$/top/<section_id>``) and then its
questions, each with its id as ``idnumber``. Each question type writes its element
(``moodle_element`` in ``app/questions``); they map to Moodle's: multiple_choice →
multichoice (single), multiple_response → multichoice (multiple; right 1/n, wrong -1/n, as
this platform scores), true_false → truefalse, short_answer → shortanswer (every accepted form
full marks, ``*`` escaped since Moodle reads it as a wildcard), matching → matching (extra
options as empty subquestions), ordering → ordering (Moodle's qtype_ordering, part of Moodle
since 4.4, graded "next item in the right place" like this platform).

Text: every formatted field (question text, general feedback, choices, ordering items,
matching left sides) is written in Moodle's ``html`` format, HTML-escaped so that it shows
exactly as written, with each line break as ``<br>``. ``html`` rather than
``moodle_auto_format``: auto-format also keeps line breaks, but it lets HTML in the text
through (so a ``<b>`` in an item would render) and turns URLs into links and blank lines into
paragraphs, while escaped ``html`` is shown by Moodle as it stands. Matching right-hand sides
and short answers are plain text in Moodle (a menu entry, a string compared with the
response) and are written as they are.

Multiple response grades come from Moodle's list of grade options and add up to 100 % (see
``grades.py``). Moodle's matching editor asks for at least three answers (and, before Moodle
4.x, two questions): a matching question with fewer than three right-hand options gets extra
right-hand options (answers with an empty question, which Moodle offers as distractors) taken
from the other questions of its section, then of the export, and says so in a comment.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ...questions import QUESTION_TYPES, get_type
from .grades import right_fractions, wrong_fraction

META_PREFIX = "declaration-tutor: "

HTML = "html"
AUTO = "moodle_auto_format"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element


def as_html(text: str) -> str:
    """Text as HTML that shows it as written: escaped, each line break a ``<br>``."""
    escaped = html.escape(text.replace("\r\n", "\n").replace("\r", "\n"), quote=False)
    return escaped.replace("\n", "<br>")


def _text_block(parent: etree._Element, tag: str, text: str, fmt: str = HTML, **attrs: str):
    """``<tag format=…><text>…</text></tag>``; HTML text is escaped so it shows as written."""
    block = _sub(parent, tag, format=fmt, **attrs)
    _sub(block, "text", as_html(text) if fmt == HTML else text)
    return block


def _paragraph(text: str) -> str:
    return "<p>" + as_html(text) + "</p>"


def _fraction(value: float) -> str:
    return f"{value * 100:.5f}".rstrip("0").rstrip(".") or "0"


def _answer(parent: etree._Element, fraction: float, text: str, fmt: str = HTML) -> None:
    answer = _text_block(parent, "answer", text, fmt, fraction=_fraction(fraction))
    _text_block(answer, "feedback", "")


def category_element(section_id: str, title: str) -> etree._Element:
    """The pseudo-question that sets the category for the questions after it."""
    question = etree.Element("question", type="category")
    category = _sub(question, "category")
    _sub(category, "text", f"$course$/top/{section_id}")
    info = _sub(question, "info", format=AUTO)
    _sub(info, "text", title)
    return question


def _head(moodle_type: str, question: dict[str, Any]) -> etree._Element:
    element = etree.Element("question", type=moodle_type)
    _sub(_sub(element, "name"), "text", question["id"])
    text = _sub(element, "questiontext", format=HTML)
    _sub(text, "text", _paragraph(question["stem"]))
    _text_block(element, "generalfeedback", question.get("explanation") or "")
    _sub(element, "defaultgrade", "1")
    _sub(element, "penalty", "0.3333333")
    _sub(element, "hidden", "0")
    _sub(element, "idnumber", question["id"])
    return element


class Tools:
    """What a question type's Moodle XML writer uses from here (see ``questions.interchange``)."""

    HTML, AUTO = HTML, AUTO
    head = staticmethod(_head)
    sub = staticmethod(_sub)
    answer = staticmethod(_answer)
    text_block = staticmethod(_text_block)
    paragraph = staticmethod(_paragraph)
    comment = staticmethod(etree.Comment)
    right_fractions = staticmethod(right_fractions)
    wrong_fraction = staticmethod(wrong_fraction)


def question_element(question: dict[str, Any], distractors: Iterable[str] = ()) -> etree._Element:
    """One question as Moodle's ``<question type=…>`` element, as its type writes it;
    ``distractors`` are options it may borrow (Moodle's matching asks for three answers)."""
    if question["type"] not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {question['type']!r}")
    element, borrowed = get_type(question["type"]).moodle_element(
        question, Tools, list(distractors)
    )
    element.insert(0, metadata_comment(question, borrowed))
    return element


def metadata_comment(question: dict[str, Any], borrowed: list[str]) -> etree._Element:
    """``<!-- declaration-tutor: {json} -->``: id, source and generator, which Moodle XML has
    no place for, and the borrowed distractors, which the platform's import leaves out again.
    Every "-" is written \\u002d so that the JSON never holds the "--" a comment may not."""
    meta: dict[str, Any] = {"id": question["id"], "source": question.get("source") or {}}
    if question.get("generator"):
        meta["generator"] = question["generator"]
    if borrowed:
        meta["borrowed"] = borrowed
    text = json.dumps(meta, sort_keys=True).replace("-", "\\u002d")
    return etree.Comment(f" {META_PREFIX}{text} ")


def _offered_options(question: dict[str, Any]) -> list[str]:
    """The texts a question offers that another could borrow as distractors."""
    qtype = QUESTION_TYPES.get(question["type"])
    return qtype.offered_options(question) if qtype else []


def distractor_pool(questions: list[dict[str, Any]], question: dict[str, Any]) -> list[str]:
    """Right-hand options of the other matching and ordering questions: those of the same
    section first, then the rest of the export, in the export's order."""
    others = [q for q in questions if q is not question]
    same = [q for q in others if q["section_id"] == question["section_id"]]
    rest = [q for q in others if q["section_id"] != question["section_id"]]
    return list(dict.fromkeys(t for q in same + rest for t in _offered_options(q)))


def _xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", pretty_print=True)


def moodle_xml_chunks(questions: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The Moodle XML file, a question at a time."""
    questions = list(questions)  # a matching question may borrow options from the others
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
    section = None
    for question in questions:
        if question["section_id"] != section:
            section = question["section_id"]
            yield _xml(category_element(section, question.get("section_title") or section))
        distractors = distractor_pool(questions, question) if _needs_distractors(question) else []
        yield _xml(question_element(question, distractors))
    yield "</quiz>\n"


def _needs_distractors(question: dict[str, Any]) -> bool:
    qtype = QUESTION_TYPES.get(question["type"])
    return bool(qtype and qtype.wants_distractors(question))


def to_moodle_xml(questions: Iterable[dict[str, Any]]) -> str:
    """The whole Moodle XML file as one string."""
    return "".join(moodle_xml_chunks(questions))
