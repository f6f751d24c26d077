"""QTI 2.1 package: every assessmentItem valid against the IMS schema, the manifest lists all."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from app.interchange.qti import CP, QTI, RESOURCE_TYPE, qti_package

from .conftest import factory_dicts

NS = {"qti": QTI, "cp": CP}


def _package(questions):
    return zipfile.ZipFile(io.BytesIO(qti_package(questions)))


def _check_package(package: zipfile.ZipFile, schema, expected: int) -> dict[str, etree._Element]:
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert len(resources) == expected
    items = {}
    for resource in resources:
        assert resource.get("type") == RESOURCE_TYPE
        href = resource.get("href")
        assert resource.find("cp:file", NS).get("href") == href
        item = etree.fromstring(package.read(href))
        schema.assertValid(item)
        items[item.get("identifier")] = item
    names = [n for n in package.namelist() if n != "imsmanifest.xml"]
    assert len(names) == expected  # nothing in the zip that the manifest does not list
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
    assert len(entries) == 2 and {e.get("caseSensitive") for e in entries} == {"false"}
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
