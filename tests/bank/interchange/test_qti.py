"""QTI 2.1 package: every assessmentItem valid against the IMS schema, the manifest lists all."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from app.bank.interchange.qti import CP, QTI, RESOURCE_TYPE, TEST_RESOURCE_TYPE, qti_package
from app.questions import grade_short_answer
from app.questions.base import QuestionContent

from .conftest import factory_dicts

NS = {"qti": QTI, "cp": CP}


def _package(questions):
    return zipfile.ZipFile(io.BytesIO(qti_package(questions)))


def _check_package(package: zipfile.ZipFile, schema, expected: int) -> dict[str, etree._Element]:
    """Every item and test valid QTI, each listed once, each test's items its dependencies."""
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    resources = manifest.findall("cp:resources/cp:resource", NS)
    kinds = {r.get("identifier"): r.get("type") for r in resources}
    assert len(kinds) == len(resources)  # identifiers unique
    items, tests = {}, {}
    for resource in resources:
        href = resource.get("href")
        assert [f.get("href") for f in resource.findall("cp:file", NS)] == [href]
        element = etree.fromstring(package.read(href))
        schema.assertValid(element)
        if resource.get("type") == RESOURCE_TYPE:
            items[element.get("identifier")] = element
        else:
            assert resource.get("type") == TEST_RESOURCE_TYPE
            assert element.tag == f"{{{QTI}}}assessmentTest"
            refs = element.findall(".//qti:assessmentItemRef", NS)
            needs = [d.get("identifierref") for d in resource.findall("cp:dependency", NS)]
            assert needs == [f"RES-{ref.get('identifier')}" for ref in refs]
            for ref in refs:  # the href, relative to the test, names the item's file
                path = "/".join(href.split("/")[:-1] + [ref.get("href")]).replace("tests/../", "")
                assert etree.fromstring(package.read(path)).get("identifier") == ref.get(
                    "identifier"
                )
                assert kinds[f"RES-{ref.get('identifier')}"] == RESOURCE_TYPE
            tests[element.get("identifier")] = [ref.get("identifier") for ref in refs]
    assert len(items) == expected
    assert sorted(i for refs in tests.values() for i in refs) == sorted(items)  # each in a test
    names = [n for n in package.namelist() if n != "imsmanifest.xml"]
    assert len(names) == len(resources)  # nothing in the zip that the manifest does not list
    return items


def test_every_item_is_valid_qti_and_listed(qti_schema):
    questions = factory_dicts()
    items = _check_package(_package(questions), qti_schema, len(questions))
    assert set(items) == {q["id"] for q in questions}


def test_interactions_per_type(qti_schema):
    items = _check_package(_package(factory_dicts()), qti_schema, len(factory_dicts()))

    def one(identifier, path):
        return items[identifier].find(path, NS)

    assert one("q-multiple-choice", ".//qti:choiceInteraction").get("maxChoices") == "1"
    assert one("q-multiple-response", ".//qti:choiceInteraction").get("maxChoices") == "4"
    assert one("q-multiple-response", ".//qti:mapping") is not None
    assert len(items["q-true-false"].findall(".//qti:simpleChoice", NS)) == 2
    assert one("q-short-answer", ".//qti:textEntryInteraction") is not None
    entries = items["q-short-answer"].findall(".//qti:mapEntry", NS)
    assert {e.get("caseSensitive") for e in entries} == {"false"}
    short = factory_dicts()[3]
    forms = [short["answer"], *short["accepted"]]
    assert [e.get("mapKey") for e in entries][: len(forms)] == forms
    decl = one("q-matching", "qti:responseDeclaration")
    assert decl.get("baseType") == "directedPair"
    assert [v.text for v in decl.findall(".//qti:value", NS)] == ["L1 R1", "L2 R2", "L3 R3"]
    assert one("q-ordering", ".//qti:orderInteraction") is not None
    assert one("q-ordering", "qti:responseDeclaration").get("cardinality") == "ordered"
    for identifier, item in items.items():
        template = item.find("qti:responseProcessing", NS).get("template")
        assert template.startswith("http://www.imsglobal.org/question/qti_v2p1/rptemplates/")
        assert item.find("qti:responseDeclaration/qti:correctResponse", NS) is not None, identifier


def test_ids_that_are_not_ncnames_get_a_prefix(qti_schema):
    question = {**factory_dicts()[0], "id": "1234-abc"}
    items = _check_package(_package([question]), qti_schema, 1)
    assert list(items) == ["Q-1234-abc"]


def test_the_shipped_bank_is_valid_qti(qti_schema, shipped_bank):
    _check_package(_package(shipped_bank), qti_schema, len(shipped_bank))


def test_a_test_per_section_sums_its_items(qti_schema):
    questions = factory_dicts()
    other = {**questions[0], "id": "q-other", "section_id": "political", "section_title": "P"}
    package = _package([*questions, other])
    _check_package(package, qti_schema, len(questions) + 1)
    tests = sorted(n for n in package.namelist() if n.startswith("tests/"))
    assert tests == ["tests/TEST-foundation.xml", "tests/TEST-political.xml"]
    test = etree.fromstring(package.read("tests/TEST-political.xml"))
    assert test.get("title") == "P"
    assert test.find(".//qti:sum/qti:testVariables", NS).get("variableIdentifier") == "SCORE"


def test_short_answer_keys_grade_as_the_platform_grades_them(qti_schema):
    question = {
        **factory_dicts()[3],
        "id": "q-punct",
        "stem": "Where was the declaration signed?",
        "answer": "The Kremlin, Moscow.",
        "accepted": ["U.S.A.!"],
    }
    assert question["type"] == "short_answer"
    items = _check_package(_package([question]), qti_schema, 1)
    keys = [e.get("mapKey") for e in items["q-punct"].findall(".//qti:mapEntry", NS)]
    folded = {k.casefold() for k in keys}
    # what a learner types, the platform accepts: QTI now maps it to 1 as well
    for typed in ("The Kremlin, Moscow", "Kremlin, Moscow", "kremlin moscow", "U.S.A", "US"):
        assert grade_short_answer(QuestionContent.from_dict(question), typed) == 1.0
        assert typed.casefold() in folded, (typed, keys)
    # and nothing is mapped that the platform would not accept
    for key in keys:
        assert grade_short_answer(QuestionContent.from_dict(question), key) == 1.0, key
    assert len(folded) == len(keys)  # one entry per case-insensitive form
