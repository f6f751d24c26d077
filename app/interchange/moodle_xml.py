"""Write questions as Moodle XML (docs.moodle.org/en/Moodle_XML_format), with lxml.

``<quiz>`` holds a category question per section (``$course$/top/<section_id>``) and then its
questions, each with its id as ``idnumber``. Types map to Moodle's: multiple_choice →
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

from ..questions import QUESTION_TYPES, get_type
from .grades import right_fractions, wrong_fraction

META_PREFIX = "declaration-tutor: "

HTML = "html"
AUTO = "moodle_auto_format"
MATCHING_MINIMUM_ANSWERS = 3  # Moodle's matching editor: "at least 2 questions and 3 answers"


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


def question_element(question: dict[str, Any], distractors: Iterable[str] = ()) -> etree._Element:
    """One question as Moodle's ``<question type=…>`` element; ``distractors`` are right-hand
    options a matching question may borrow to reach the three answers Moodle asks for."""
    if question["type"] not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {question['type']!r}")
    qtype, answer = get_type(question["type"]), question["answer"]
    kind = qtype.moodle_qtype  # Moodle's name for the type's kind; the branches are Moodle's
    choices = list(question.get("choices") or [])
    borrowed: list[str] = []  # distractors a matching question takes from others
    if kind == "multichoice":
        element = _head("multichoice", question)
        single = qtype.single_answer
        _sub(element, "single", "true" if single else "false")
        _sub(element, "shuffleanswers", "true")
        _sub(element, "answernumbering", "abc")
        if single:
            for choice in choices:
                _answer(element, 1.0 if choice == answer else 0.0, choice)
        else:
            grades = iter(right_fractions(len(answer)))
            wrong = wrong_fraction(len(answer))
            for choice in choices:
                _answer(element, next(grades) if choice in answer else wrong, choice)
    elif kind == "truefalse":
        element = _head("truefalse", question)
        _answer(element, 1.0 if answer else 0.0, "true", AUTO)
        _answer(element, 0.0 if answer else 1.0, "false", AUTO)
    elif kind == "shortanswer":
        element = _head("shortanswer", question)
        _sub(element, "usecase", "0")
        forms = [answer, *[a for a in question.get("accepted") or [] if a != answer]]
        for form in forms:
            _answer(element, 1.0, form.replace("*", "\\*"), AUTO)
    elif kind == "matching":
        element = _head("matching", question)
        _sub(element, "shuffleanswers", "true")
        rights = {pair[1] for pair in answer}
        pairs = [*answer, *[["", c] for c in choices if c not in rights]]
        options = set(rights) | set(choices)
        for extra in distractors:
            if len(options) >= MATCHING_MINIMUM_ANSWERS:
                break
            if extra not in options:
                options.add(extra)
                borrowed.append(extra)
                pairs.append(["", extra])
        if borrowed:
            element.insert(0, etree.Comment(_borrowed_note(len(borrowed))))
        elif len(options) < MATCHING_MINIMUM_ANSWERS:
            element.insert(0, etree.Comment(_short_note(len(options))))
        for left, right in pairs:
            sub = _sub(element, "subquestion", format=HTML)
            _sub(sub, "text", _paragraph(left) if left else "")
            _sub(_sub(sub, "answer"), "text", right)
    elif kind == "ordering":
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
            _text_block(element, "answer", item, HTML, fraction=str(position))
    else:
        raise ValueError(f"no Moodle XML writer for {kind!r} questions")
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


def _borrowed_note(count: int) -> str:
    return (
        f" Moodle's matching editor asks for at least {MATCHING_MINIMUM_ANSWERS} answers: "
        f"{count} right-hand option(s) from other questions of the bank were added as "
        "distractors (answers with no question), which the platform's own question lacks. "
    )


def _short_note(count: int) -> str:
    return (
        f" This matching question has {count} right-hand options; Moodle's editor asks for "
        f"{MATCHING_MINIMUM_ANSWERS}, and the export held no other option to add as a "
        "distractor. Moodle imports it, but add an answer before editing it there. "
    )


def _kind(question: dict[str, Any]) -> str:
    """Moodle's question type for ``question`` ("" for a type the platform does not know)."""
    qtype = QUESTION_TYPES.get(question["type"])
    return qtype.moodle_qtype if qtype else ""


def _right_hand_options(question: dict[str, Any]) -> list[str]:
    """The texts a question offers that could serve as another matching's distractors."""
    kind = _kind(question)
    if kind == "matching":
        return [pair[1] for pair in question["answer"]] + list(question.get("choices") or [])
    if kind == "ordering":
        return list(question["answer"])
    return []


def distractor_pool(questions: list[dict[str, Any]], question: dict[str, Any]) -> list[str]:
    """Right-hand options of the other matching and ordering questions: those of the same
    section first, then the rest of the export, in the export's order."""
    others = [q for q in questions if q is not question]
    same = [q for q in others if q["section_id"] == question["section_id"]]
    rest = [q for q in others if q["section_id"] != question["section_id"]]
    return list(dict.fromkeys(t for q in same + rest for t in _right_hand_options(q)))


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
    kind = _kind(question)
    return kind == "matching" and (
        len(set(_right_hand_options(question))) < MATCHING_MINIMUM_ANSWERS
    )


def to_moodle_xml(questions: Iterable[dict[str, Any]]) -> str:
    """The whole Moodle XML file as one string."""
    return "".join(moodle_xml_chunks(questions))
