"""Write questions as an IMS QTI 2.1 content package: a zip of one assessmentItem per question
and an IMS CP 1.1 ``imsmanifest.xml`` listing them (resources of type imsqti_item_xmlv2p1).

Interactions: multiple_choice and true_false → choiceInteraction (one choice), scored by the
match_correct template; multiple_response → choiceInteraction (several) with a mapping (right
+1/n, wrong -1/n, bounded 0…1) and map_response; short_answer → textEntryInteraction with every
accepted form mapped to 1 (case-insensitive) and map_response; matching → matchInteraction with
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

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
RESOURCE_TYPE = "imsqti_item_xmlv2p1"
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


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


def _declaration(item, cardinality: str, base_type: str, correct: list[str]):
    declaration = _el(
        item,
        "responseDeclaration",
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


def assessment_item(question: dict[str, Any]) -> etree._Element:
    """One question as a QTI 2.1 assessmentItem element."""
    qtype, answer, stem = question["type"], question["answer"], question["stem"]
    choices = list(question.get("choices") or [])
    item = etree.Element(f"{{{QTI}}}assessmentItem", nsmap={None: QTI, "xsi": XSI})
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    item.set("identifier", item_identifier(question["id"]))
    item.set("title", stem if len(stem) <= 80 else stem[:79] + "…")
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    declaration = _el(item, "responseDeclaration")  # placeholder, replaced below
    outcome = _el(item, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    _el(_el(outcome, "defaultValue"), "value", "0")
    body = _el(item, "itemBody")
    template = "match_correct"
    if qtype in ("multiple_choice", "true_false", "multiple_response"):
        single = qtype != "multiple_response"
        texts = ["True", "False"] if qtype == "true_false" else choices
        interaction = _el(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false" if qtype == "true_false" else "true",
            maxChoices="1" if single else str(len(texts)),
        )
        _el(interaction, "prompt", stem)
        ids = _choices(interaction, texts)
        if qtype == "true_false":
            right = ["True" if answer else "False"]
        else:
            right = [answer] if single else list(answer)
        new = _declaration(item, "single" if single else "multiple", "identifier", [])
        for text in right:
            _el(new.find(f"{{{QTI}}}correctResponse"), "value", ids[text])
        if not single:
            entries = [(ids[t], _share(len(right), 1 if t in right else -1)) for t in texts]
            _mapping(new, entries, lowerBound="0", upperBound="1")
            template = "map_response"
    elif qtype == "short_answer":
        forms = list(dict.fromkeys([answer, *(question.get("accepted") or [])]))
        new = _declaration(item, "single", "string", [answer])
        mapping = _el(new, "mapping", defaultValue="0", upperBound="1")
        for form in forms:
            _el(mapping, "mapEntry", mapKey=form, mappedValue="1", caseSensitive="false")
        _el(body, "p", stem)
        paragraph = _el(body, "p")
        _el(
            paragraph,
            "textEntryInteraction",
            responseIdentifier="RESPONSE",
            expectedLength=str(max(len(f) for f in forms)),
        )
        template = "map_response"
    elif qtype == "matching":
        lefts = [pair[0] for pair in answer]
        rights = list(dict.fromkeys([pair[1] for pair in answer] + choices))
        interaction = _el(
            body,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle="true",
            maxAssociations=str(len(lefts)),
        )
        _el(interaction, "prompt", stem)
        left_ids, right_ids = {}, {}
        for side, texts, ids, prefix in (
            ("L", lefts, left_ids, "L"),
            ("R", rights, right_ids, "R"),
        ):
            match_set = _el(interaction, "simpleMatchSet")
            for number, text in enumerate(texts, 1):
                ids[text] = f"{prefix}{number}"
                uses = 1 if side == "L" else max(1, sum(1 for p in answer if p[1] == text))
                _el(
                    match_set,
                    "simpleAssociableChoice",
                    text,
                    identifier=ids[text],
                    matchMax=str(uses),
                )
        pairs = [f"{left_ids[left]} {right_ids[right]}" for left, right in answer]
        new = _declaration(item, "multiple", "directedPair", pairs)
        _mapping(new, [(p, _share(len(pairs))) for p in pairs], lowerBound="0", upperBound="1")
        template = "map_response"
    elif qtype == "ordering":
        interaction = _el(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        _el(interaction, "prompt", stem)
        ids = _choices(interaction, list(answer))
        new = _declaration(item, "ordered", "identifier", [ids[text] for text in answer])
    else:
        raise ValueError(f"unknown question type {qtype!r}")
    item.replace(declaration, new)
    if question.get("explanation"):
        rubric = _el(body, "rubricBlock", view="scorer tutor")
        _el(rubric, "p", question["explanation"])
    _el(item, "responseProcessing", template=TEMPLATES + template)
    return item


def manifest(identifiers: list[str], title: str) -> etree._Element:
    """The IMS CP 1.1 manifest listing one item resource per identifier."""
    root = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "xsi": XSI})
    root.set("identifier", "MANIFEST-declaration-tutor-bank")
    root.set(f"{{{XSI}}}schemaLocation", CP_XSD)
    metadata = etree.SubElement(root, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(root, f"{{{CP}}}organizations")
    resources = etree.SubElement(root, f"{{{CP}}}resources")
    for identifier in identifiers:
        href = item_path(identifier)
        resource = etree.SubElement(
            resources, f"{{{CP}}}resource", identifier=f"RES-{identifier}", type=RESOURCE_TYPE
        )
        resource.set("href", href)
        etree.SubElement(resource, f"{{{CP}}}file", href=href)
    root.insert(0, etree.Comment(f" {title} "))
    return root


def item_path(identifier: str) -> str:
    """Where an item lives inside the package."""
    return f"items/{identifier}.xml"


def _bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_package(questions: Iterable[dict[str, Any]], title: str = "Question bank") -> bytes:
    """The zip: imsmanifest.xml and items/<identifier>.xml for every question."""
    buffer = io.BytesIO()
    identifiers = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for question in questions:
            item = assessment_item(question)
            identifiers.append(item.get("identifier"))
            package.writestr(item_path(identifiers[-1]), _bytes(item))
        package.writestr("imsmanifest.xml", _bytes(manifest(identifiers, title)))
    return buffer.getvalue()
