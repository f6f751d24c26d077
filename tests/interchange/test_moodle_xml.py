"""Moodle XML: well-formed, categories, and each type mapped to Moodle's elements."""

from __future__ import annotations

import html

from lxml import etree

from app.interchange.moodle_xml import to_moodle_xml

from .conftest import factory_dicts


def _questions(text: str) -> dict[str, etree._Element]:
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    return {
        q.findtext("name/text"): q for q in root.findall("question") if q.get("type") != "category"
    }


def _answers(question):
    return [(a.get("fraction"), a.findtext("text")) for a in question.findall("answer")]


def test_well_formed_with_a_category_per_section():
    root = etree.fromstring(to_moodle_xml(factory_dicts()).encode("utf-8"))
    categories = root.findall("question[@type='category']")
    assert [c.findtext("category/text") for c in categories] == ["$course$/top/foundation"]
    assert root.index(categories[0]) == 0


def test_each_type_maps_to_moodles():
    questions = _questions(to_moodle_xml(factory_dicts()))
    mc = questions["q-multiple-choice"]
    assert mc.get("type") == "multichoice" and mc.findtext("single") == "true"
    assert sorted(f for f, _ in _answers(mc)) == ["0", "0", "0", "100"]
    assert mc.findtext("idnumber") == "q-multiple-choice"
    assert mc.findtext("questiontext/text").startswith("<p>")
    mr = questions["q-multiple-response"]
    assert mr.findtext("single") == "false"
    assert _answers(mr) == [("50", "G-8"), ("50", "OSCE"), ("-50", "APEC"), ("-50", "WTO")]
    tf = questions["q-true-false"]
    assert tf.get("type") == "truefalse" and _answers(tf) == [("100", "true"), ("0", "false")]
    sa = questions["q-short-answer"]
    assert sa.get("type") == "shortanswer" and sa.findtext("usecase") == "0"
    assert {f for f, _ in _answers(sa)} == {"100"} and len(_answers(sa)) == 2
    match = questions["q-matching"]
    assert match.get("type") == "matching"
    subs = [(s.findtext("text"), s.findtext("answer/text")) for s in match.findall("subquestion")]
    assert subs[0] == ("<p>first</p>", "Ljubljana") and len(subs) == 3
    extra = questions["q-matching-extra"].findall("subquestion")
    assert (extra[-1].findtext("text"), extra[-1].findtext("answer/text")) == ("", "Rome")
    order = questions["q-ordering"]
    assert order.get("type") == "ordering"
    assert order.findtext("gradingtype") == "RELATIVE_NEXT_EXCLUDE_LAST"
    assert _answers(order) == [
        ("1", "Ljubljana"),
        ("2", "Genoa"),
        ("3", "Shanghai"),
        ("4", "Crawford"),
    ]


def test_text_is_escaped_to_show_as_written():
    questions = _questions(to_moodle_xml(factory_dicts()))
    tricky = questions["q-tricky"]
    stem = tricky.findtext("questiontext/text")
    assert html.unescape(stem[3:-4]).startswith("Tricky {braces}")
    assert "{x}" in [t for _, t in _answers(tricky)]


def test_the_shipped_bank_exports(shipped_bank):
    questions = _questions(to_moodle_xml(shipped_bank))
    assert len(questions) == len(shipped_bank)
