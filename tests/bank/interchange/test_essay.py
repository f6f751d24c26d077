"""Essays in every format: GIFT's ``{}`` (the rubric in the comment), Moodle XML's essay with
the rubric as grader information, QTI 2.1's extendedTextInteraction (valid against the IMS
schema, no response processing: a person scores it) and xAPI's long-fill-in."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from app.bank.interchange.gift import to_gift
from app.bank.interchange.gift_import import GiftError, parse_gift
from app.bank.interchange.moodle_xml import to_moodle_xml
from app.bank.interchange.moodle_xml_import import parse_moodle_xml
from app.bank.interchange.qti import qti_package
from app.exports.xapi import answered_statement, attempt_statements, interaction

QUESTION = {
    "id": "essay-1",
    "type": "essay",
    "section_id": "preamble",
    "section_title": "Preamble",
    "stem": "Why might the authors have begun by recalling earlier summits?",
    "choices": [],
    "answer": ["Names an earlier summit", "Says what recalling it does: {builds} trust"],
    "accepted": [],
    "explanation": "Diplomacy builds on what was agreed before.",
    "source": {"section_id": "preamble", "paragraph": 1},
}


def test_gift_writes_an_essay_and_reads_it_back_with_its_rubric():
    gift = to_gift([QUESTION])
    assert (
        "::essay-1::[plain]Why might the authors have begun by recalling earlier summits? {\n"
        in gift
    )
    assert "\n####Diplomacy builds on what was agreed before.\n}" in gift
    (read,) = parse_gift(gift)
    assert read.data["type"] == "essay" and read.data["answer"] == QUESTION["answer"]
    assert read.data["explanation"] == QUESTION["explanation"]


def test_a_gift_essay_without_a_rubric_is_refused_with_its_line():
    with pytest.raises(GiftError, match="line 1: An essay's rubric is one or more criteria"):
        parse_gift("::e::Discuss the declaration.{}\n")


def test_moodle_xml_writes_an_essay_with_the_rubric_as_grader_information():
    xml = to_moodle_xml([QUESTION])
    question = etree.fromstring(xml.encode()).find("question[@type='essay']")
    assert question.findtext("responseformat") == "plain"
    assert question.findtext("responserequired") == "1"
    info = question.find("graderinfo")
    assert info.get("format") == "html"
    assert info.findtext("text") == (
        "Names an earlier summit<br>Says what recalling it does: {builds} trust"
    )
    (read,) = parse_moodle_xml(xml.encode())
    assert read.data["type"] == "essay" and read.data["answer"] == QUESTION["answer"]


def test_qti_writes_a_valid_extended_text_item_without_response_processing(qti_schema):
    package = zipfile.ZipFile(io.BytesIO(qti_package([QUESTION])))
    item = etree.fromstring(package.read("items/essay-1.xml"))
    qti_schema.assertValid(item)
    ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
    interaction_ = item.find(".//q:extendedTextInteraction", ns)
    assert interaction_.get("responseIdentifier") == "RESPONSE"
    declaration = item.find("q:responseDeclaration", ns)
    assert (declaration.get("cardinality"), declaration.get("baseType")) == ("single", "string")
    assert declaration.find("q:correctResponse", ns) is None
    assert item.find("q:responseProcessing", ns) is None
    scorer = item.find(".//q:rubricBlock[@view='scorer']", ns)
    assert [p.text for p in scorer] == QUESTION["answer"]


def _row(**fields):
    row = {"question_type": "essay", "key": QUESTION["answer"], "choices": [],
           "stem": QUESTION["stem"], "response": "Summits build on each other.",
           "attempt_id": 3, "question_id": "essay-1", "learner": "ana", "section_id": "preamble",
           "answered_at": None, "score": 0.0, "correct": False, "grading": "awaiting"}  # fmt: skip
    row.update(fields)
    return row


def test_xapi_long_fill_in_with_no_score_until_graded():
    definition, response = interaction(_row())
    assert definition["interactionType"] == "long-fill-in"
    assert response == "Summits build on each other."
    from datetime import UTC, datetime

    when = datetime(2026, 12, 7, tzinfo=UTC)
    waiting = answered_statement(_row(answered_at=when), "https://tutor.test", "Tutor")["result"]
    assert "score" not in waiting and "success" not in waiting
    assert waiting["response"] == "Summits build on each other."
    graded = answered_statement(
        _row(answered_at=when, grading="graded", score=0.5), "https://tutor.test", "Tutor"
    )["result"]
    assert graded["score"]["scaled"] == 0.5 and graded["success"] is False
    attempt = {"id": 3, "username": "ana", "kind": "section", "mode": "test",
               "section_ids": ["preamble"], "started_at": when, "finished_at": when,
               "score": 1.0, "max_score": 2, "ungraded": 1}  # fmt: skip
    (completed,) = attempt_statements(attempt, "https://tutor.test", "Tutor")
    assert completed["verb"]["id"].endswith("completed") and "score" not in completed["result"]
    statements = attempt_statements({**attempt, "ungraded": 0}, "https://tutor.test", "Tutor")
    assert len(statements) == 2 and statements[1]["result"]["score"]["raw"] == 1.0
