"""Read Moodle XML into question dicts, for an import that matches questions by id.

Reads what ``moodle_xml.py`` writes and Moodle's own export of the same types: multichoice
(single → multiple_choice, else multiple_response: the answers with a positive grade are
right), truefalse, shortanswer (the answers worth 100 %, ``\\*`` unescaped), matching
(subquestions with an empty text are extra right-hand options) and ordering (answers in
the order of their ``fraction``, which qtype_ordering writes as the position). A question's id
is its ``idnumber``, else its name; ``<question type="category">`` sets the section (the last
part of the path) for the questions after it. The ``<!-- declaration-tutor: {json} -->``
comment gives back the source and generator, and names the distractors the export borrowed
for Moodle, which are left out again. Other question types are reported as problems.

The file is parsed without entities, DTDs or network access: an uploaded file cannot make
the parser read anything else.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from functools import partial
from typing import Any

import nh3
from lxml import etree

from .gift_import import GiftError, ParsedQuestion, checked, collect
from .moodle_xml import META_PREFIX

_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)
_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _plain(element: etree._Element | None) -> str:
    """The text of ``<tag format=…><text>…</text></tag>`` as the learner reads it."""
    if element is None:
        return ""
    text = element.findtext("text") or ""
    if element.get("format", "html") in ("html", "moodle_auto_format", "markdown"):
        # line breaks back to newlines, then no tags and no entities: the text as shown
        text = html_lib.unescape(nh3.clean(_BREAK.sub("\n", text), tags=set()))
    return text.strip()


def _fraction(answer: etree._Element) -> float:
    try:
        return float(answer.get("fraction", "0")) / 100
    except ValueError:
        raise ValueError(f"the answer grade {answer.get('fraction')!r} is not a number") from None


def _meta(question: etree._Element) -> dict[str, Any]:
    for node in question:
        if node.tag is etree.Comment and (node.text or "").strip().startswith(META_PREFIX):
            try:
                meta = json.loads(node.text.strip()[len(META_PREFIX) :])
            except ValueError:
                raise ValueError("the declaration-tutor comment is not valid JSON") from None
            if not isinstance(meta, dict):
                raise ValueError("the declaration-tutor comment must hold a JSON object")
            return meta
    return {}


def _multichoice(question: etree._Element) -> dict[str, Any]:
    answers = [(_fraction(a), _plain(a)) for a in question.findall("answer")]
    choices = [text for _, text in answers]
    if (question.findtext("single") or "true").strip().lower() in ("true", "1"):
        right = [text for fraction, text in answers if fraction >= 1]
        if len(right) != 1:
            raise ValueError("a single-answer multichoice needs exactly one answer worth 100 %")
        return {"type": "multiple_choice", "choices": choices, "answer": right[0]}
    right = [text for fraction, text in answers if fraction > 0]
    return {"type": "multiple_response", "choices": choices, "answer": right}


def _truefalse(question: etree._Element) -> dict[str, Any]:
    for answer in question.findall("answer"):
        if _fraction(answer) >= 1:
            word = (answer.findtext("text") or "").strip().lower()
            return {"type": "true_false", "answer": word == "true"}
    raise ValueError("a true/false question needs an answer worth 100 %")


def _shortanswer(question: etree._Element) -> dict[str, Any]:
    forms = [
        (a.findtext("text") or "").strip().replace("\\*", "*")
        for a in question.findall("answer")
        if _fraction(a) >= 1
    ]
    if not forms:
        raise ValueError("a short answer needs an answer worth 100 %")
    return {"type": "short_answer", "answer": forms[0], "accepted": forms[1:]}


def _matching(question: etree._Element, borrowed: set[str]) -> dict[str, Any]:
    pairs, extras = [], []
    for sub in question.findall("subquestion"):
        left = _plain(sub)
        right = (sub.findtext("answer/text") or "").strip()
        if left:
            pairs.append([left, right])
        elif right not in borrowed:
            extras.append(right)
    rights = list(dict.fromkeys(pair[1] for pair in pairs))
    return {"type": "matching", "answer": pairs, "choices": rights + extras if extras else []}


def _ordering(question: etree._Element) -> dict[str, Any]:
    answers = sorted(question.findall("answer"), key=_fraction)
    return {"type": "ordering", "answer": [_plain(answer) for answer in answers]}


def _question(element: etree._Element, category: str | None) -> ParsedQuestion:
    kind = element.get("type")
    meta = _meta(element)
    if kind == "multichoice":
        data = _multichoice(element)
    elif kind == "truefalse":
        data = _truefalse(element)
    elif kind == "shortanswer":
        data = _shortanswer(element)
    elif kind == "matching":
        data = _matching(element, set(meta.get("borrowed") or []))
    elif kind == "ordering":
        data = _ordering(element)
    else:
        raise ValueError(f"{kind} questions have no counterpart on this platform")
    data = {"choices": [], "accepted": [], **data}
    data["stem"] = _plain(element.find("questiontext"))
    data["explanation"] = _plain(element.find("generalfeedback"))
    name = (element.findtext("idnumber") or "").strip() or (element.findtext("name/text") or "")
    return ParsedQuestion(element.sourceline or 0, category, name.strip(), data, meta)


def parse_moodle_xml(data: bytes) -> list[ParsedQuestion]:
    """Every question of a Moodle XML file; GiftError lists every problem with its line."""
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER))
    except etree.XMLSyntaxError as exc:
        raise GiftError([f"line {exc.lineno}: not well-formed XML: {exc.msg}"]) from None
    if root.tag != "quiz":
        raise GiftError(["line 1: a Moodle XML file holds a <quiz> element"])
    questions, problems = [], []
    category: str | None = None
    for element in root.iterchildren("question"):
        line = element.sourceline or 0
        if element.get("type") == "category":
            path = (element.findtext("category/text") or "").strip().rstrip("/")
            category = path.rsplit("/", 1)[-1] or None
            continue
        collect(line, partial(_question, element, category), questions, problems)
    return checked(questions, problems)
