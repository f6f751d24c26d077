"""Write questions as an IMS QTI 2.1 content package: a zip of one assessmentItem per question,
one assessmentTest per section (all its items in one testPart and assessmentSection, the
test's SCORE the sum of the items'), and an IMS CP 1.1 ``imsmanifest.xml`` listing them
(resources of type imsqti_item_xmlv2p1 and imsqti_test_xmlv2p1, a test depending on its items).

Each question type writes its interaction (``qti_item`` in ``app/questions``):
multiple_choice and true_false → choiceInteraction (one choice), scored by the
match_correct template; multiple_response → choiceInteraction (several) with a mapping (right
+1/n, wrong -1/n, bounded 0…1) and map_response; short_answer → textEntryInteraction with every
accepted form mapped to 1 (case-insensitive), and so are the forms the platform's grading
accepts by normalising one (without trailing punctuation or a leading article, its bare
words), with map_response; matching → matchInteraction with
directedPair mapping (1/n a pair) and map_response; ordering → orderInteraction, all or nothing
with match_correct (the standard templates have no partial credit for order). The explanation
is a rubricBlock for scorers and tutors, never shown to candidates.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from lxml import etree

from ...questions import QUESTION_TYPES, get_type

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
RESOURCE_TYPE = "imsqti_item_xmlv2p1"
TEST_RESOURCE_TYPE = "imsqti_test_xmlv2p1"
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.-]")


def item_identifier(question_id: str) -> str:
    """The question id when it is a valid QTI identifier (an NCName), else prefixed to be one."""
    return question_id if _NCNAME.match(question_id) else f"Q-{question_id}"


def _el(parent, tag: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, f"{{{QTI}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _share(n: int, sign: int = 1) -> str:
    return f"{sign / n:.6g}"


def _declaration(cardinality: str, base_type: str, correct: list[str]) -> etree._Element:
    """A RESPONSE declaration with its correct response (mappings are added by the caller)."""
    declaration = etree.Element(
        f"{{{QTI}}}responseDeclaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        baseType=base_type,
    )
    values = _el(declaration, "correctResponse")
    for value in correct:
        _el(values, "value", value)
    return declaration


def _mapping(declaration, entries: list[tuple[str, str]], **attrs: str) -> None:
    mapping = _el(declaration, "mapping", defaultValue="0", **attrs)
    for key, value in entries:
        _el(mapping, "mapEntry", mapKey=key, mappedValue=value)


def _choices(parent, texts: list[str], prefix: str = "C") -> dict[str, str]:
    ids = {}
    for number, text in enumerate(texts, 1):
        ids[text] = f"{prefix}{number}"
        _el(parent, "simpleChoice", text, identifier=ids[text])
    return ids


class Tools:
    """What a question type's QTI writer uses from here (see ``questions.interchange``)."""

    el = staticmethod(_el)
    declaration = staticmethod(_declaration)
    mapping = staticmethod(_mapping)
    choices = staticmethod(_choices)
    share = staticmethod(_share)


def assessment_item(question: dict[str, Any]) -> etree._Element:
    """One question as a QTI 2.1 assessmentItem element."""
    if question["type"] not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {question['type']!r}")
    stem = question["stem"]
    item = etree.Element(f"{{{QTI}}}assessmentItem", nsmap={None: QTI, "xsi": XSI})
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    item.set("identifier", item_identifier(question["id"]))
    item.set("title", stem if len(stem) <= 80 else stem[:79] + "…")
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    outcome = _el(item, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    _el(_el(outcome, "defaultValue"), "value", "0")
    body = _el(item, "itemBody")
    declaration, template = get_type(question["type"]).qti_item(body, question, Tools)
    item.insert(0, declaration)  # the schema wants declarations first
    if question.get("explanation"):
        rubric = _el(body, "rubricBlock", view="scorer tutor")
        _el(rubric, "p", question["explanation"])
    if template:  # none for an essay: a person scores it
        _el(item, "responseProcessing", template=TEMPLATES + template)
    return item


def section_test_identifier(section_id: str) -> str:
    """The assessmentTest identifier of a section (an NCName)."""
    return "TEST-" + _NOT_NCNAME.sub("_", section_id)


def assessment_test(section_id: str, title: str, identifiers: list[str]) -> etree._Element:
    """A section's questions as one QTI 2.1 assessmentTest (its SCORE sums the items')."""
    test = etree.Element(f"{{{QTI}}}assessmentTest", nsmap={None: QTI, "xsi": XSI})
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    test.set("identifier", section_test_identifier(section_id))
    test.set("title", title)
    outcome = _el(test, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    _el(_el(outcome, "defaultValue"), "value", "0")
    part = _el(test, "testPart", identifier="PART-1", navigationMode="nonlinear",
               submissionMode="individual")  # fmt: skip
    section = _el(part, "assessmentSection", identifier="SECTION-1", title=title, visible="true")
    for identifier in identifiers:
        _el(section, "assessmentItemRef", identifier=identifier, href="../" + item_path(identifier))
    total = _el(_el(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE")
    _el(_el(total, "sum"), "testVariables", variableIdentifier="SCORE")
    return test


def _resource(resources, identifier: str, kind: str, href: str) -> etree._Element:
    resource = etree.SubElement(
        resources, f"{{{CP}}}resource", identifier=f"RES-{identifier}", type=kind
    )
    resource.set("href", href)
    etree.SubElement(resource, f"{{{CP}}}file", href=href)
    return resource


def manifest(
    identifiers: list[str], title: str, tests: dict[str, list[str]] | None = None
) -> etree._Element:
    """The IMS CP 1.1 manifest: a resource per item, then one per test (test identifier →
    its items' identifiers), each test depending on its items' resources."""
    root = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "xsi": XSI})
    root.set("identifier", "MANIFEST-declaration-tutor-bank")
    root.set(f"{{{XSI}}}schemaLocation", CP_XSD)
    metadata = etree.SubElement(root, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(root, f"{{{CP}}}organizations")
    resources = etree.SubElement(root, f"{{{CP}}}resources")
    for identifier in identifiers:
        _resource(resources, identifier, RESOURCE_TYPE, item_path(identifier))
    for identifier, items in (tests or {}).items():
        resource = _resource(
            resources, identifier, TEST_RESOURCE_TYPE, section_test_path(identifier)
        )
        for item in items:
            etree.SubElement(resource, f"{{{CP}}}dependency", identifierref=f"RES-{item}")
    root.insert(0, etree.Comment(f" {title} "))
    return root


def item_path(identifier: str) -> str:
    """Where an item lives inside the package."""
    return f"items/{identifier}.xml"


def section_test_path(identifier: str) -> str:
    """Where a section's assessmentTest lives inside the package."""
    return f"tests/{identifier}.xml"


def _bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_package(questions: Iterable[dict[str, Any]], title: str = "Question bank") -> bytes:
    """The zip: imsmanifest.xml, items/<identifier>.xml for every question and
    tests/TEST-<section>.xml for every section."""
    buffer = io.BytesIO()
    identifiers = []
    sections: dict[str, tuple[str, list[str]]] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for question in questions:
            item = assessment_item(question)
            identifiers.append(item.get("identifier"))
            package.writestr(item_path(identifiers[-1]), _bytes(item))
            section_id = question["section_id"]
            name = question.get("section_title") or section_id
            sections.setdefault(section_id, (name, []))[1].append(identifiers[-1])
        tests = {}
        for section_id, (name, items) in sections.items():
            test = assessment_test(section_id, name, items)
            tests[test.get("identifier")] = items
            package.writestr(section_test_path(test.get("identifier")), _bytes(test))
        package.writestr("imsmanifest.xml", _bytes(manifest(identifiers, title, tests)))
    return buffer.getvalue()
