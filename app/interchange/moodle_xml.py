"""Write questions as Moodle XML (docs.moodle.org/en/Moodle_XML_format), with lxml.

``<quiz>`` holds a category question per section (``$course$/top/<section_id>``) and then its
questions, each with its id as ``idnumber``. Types map to Moodle's: multiple_choice →
multichoice (single), multiple_response → multichoice (multiple; right 1/n, wrong -1/n, as
this platform scores), true_false → truefalse, short_answer → shortanswer (every accepted form
full marks, ``*`` escaped since Moodle reads it as a wildcard), matching → matching (extra
options as empty subquestions), ordering → ordering (Moodle's qtype_ordering, part of Moodle
since 4.4, graded "next item in the right place" like this platform).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

HTML = "html"
AUTO = "moodle_auto_format"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element


def _text_block(parent: etree._Element, tag: str, text: str, fmt: str = HTML, **attrs: str):
    """``<tag format=…><text>…</text></tag>``; HTML text is escaped so it shows as written."""
    block = _sub(parent, tag, format=fmt, **attrs)
    _sub(block, "text", html.escape(text, quote=False) if fmt == HTML else text)
    return block


def _paragraph(text: str) -> str:
    return "<p>" + html.escape(text, quote=False) + "</p>"


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


def question_element(question: dict[str, Any]) -> etree._Element:
    """One question as Moodle's ``<question type=…>`` element."""
    qtype, answer = question["type"], question["answer"]
    choices = list(question.get("choices") or [])
    if qtype in ("multiple_choice", "multiple_response"):
        element = _head("multichoice", question)
        single = qtype == "multiple_choice"
        _sub(element, "single", "true" if single else "false")
        _sub(element, "shuffleanswers", "true")
        _sub(element, "answernumbering", "abc")
        right = {answer} if single else set(answer)
        for choice in choices:
            share = 1.0 if single else 1 / len(right)
            _answer(element, share if choice in right else (0.0 if single else -share), choice)
    elif qtype == "true_false":
        element = _head("truefalse", question)
        _answer(element, 1.0 if answer else 0.0, "true", AUTO)
        _answer(element, 0.0 if answer else 1.0, "false", AUTO)
    elif qtype == "short_answer":
        element = _head("shortanswer", question)
        _sub(element, "usecase", "0")
        forms = [answer, *[a for a in question.get("accepted") or [] if a != answer]]
        for form in forms:
            _answer(element, 1.0, form.replace("*", "\\*"), AUTO)
    elif qtype == "matching":
        element = _head("matching", question)
        _sub(element, "shuffleanswers", "true")
        rights = {pair[1] for pair in answer}
        pairs = [*answer, *[["", c] for c in choices if c not in rights]]
        for left, right in pairs:
            sub = _sub(element, "subquestion", format=HTML)
            _sub(sub, "text", _paragraph(left) if left else "")
            _sub(_sub(sub, "answer"), "text", right)
    elif qtype == "ordering":
        element = _head("ordering", question)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            _sub(element, tag, value)
        for position, item in enumerate(answer, 1):
            _text_block(element, "answer", item, AUTO, fraction=str(position))
    else:
        raise ValueError(f"unknown question type {qtype!r}")
    return element


def _xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", pretty_print=True)


def moodle_xml_chunks(questions: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The Moodle XML file, a question at a time."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
    section = None
    for question in questions:
        if question["section_id"] != section:
            section = question["section_id"]
            yield _xml(category_element(section, question.get("section_title") or section))
        yield _xml(question_element(question))
    yield "</quiz>\n"


def to_moodle_xml(questions: Iterable[dict[str, Any]]) -> str:
    """The whole Moodle XML file as one string."""
    return "".join(moodle_xml_chunks(questions))
