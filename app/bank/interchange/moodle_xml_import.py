"""Read Moodle XML into question dicts, for an import that matches questions by id.

Reads what ``moodle_xml.py`` writes and Moodle's own export of the same types, each type
reading the elements of its Moodle kind (``read_moodle`` in ``app/questions``): multichoice
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

from ...questions import QUESTION_TYPES
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


class Tools:
    """What a question type's Moodle XML reader uses from here (see ``questions.interchange``)."""

    plain = staticmethod(_plain)
    fraction = staticmethod(_fraction)


def _read(element: etree._Element, meta: dict[str, Any]) -> dict[str, Any]:
    """The type and key fields, as the first type of the element's Moodle kind reads them."""
    kind = element.get("type")
    for qtype in QUESTION_TYPES.values():
        if qtype.moodle_qtype == kind and (data := qtype.read_moodle(element, Tools, meta)):
            return data
    raise ValueError(f"{kind} questions have no counterpart on this platform")


def _question(element: etree._Element, category: str | None) -> ParsedQuestion:
    meta = _meta(element)
    data = {"choices": [], "accepted": [], **_read(element, meta)}
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
