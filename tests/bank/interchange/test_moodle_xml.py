"""Moodle XML: well-formed, categories, and each type mapped to Moodle's elements."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from app.bank.interchange.gift import to_gift
from app.bank.interchange.gift_import import GiftError
from app.bank.interchange.moodle_xml import to_moodle_xml
from app.bank.interchange.moodle_xml_import import parse_moodle_xml

from .conftest import factory_dicts
from .test_gift_hostile import questions as hostile_questions


def _questions(text: str) -> dict[str, etree._Element]:
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    return {
        q.findtext("name/text"): q for q in root.findall("question") if q.get("type") != "category"
    }


def _comments(question) -> str:
    return " ".join(node.text for node in question if node.tag is etree.Comment)


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


def _question(**fields) -> dict:
    return {
        "id": "q-x",
        "section_id": "foundation",
        "section_title": "Foundation",
        "choices": [],
        "accepted": [],
        "explanation": "",
        **fields,
    }


def test_ordering_items_are_escaped_text_not_html():
    items = ["<b>bold</b> & co", "<script>x</script>", "plain"]
    question = _question(type="ordering", stem="Order", answer=items)
    order = _questions(to_moodle_xml([question]))["q-x"]
    answers = order.findall("answer")
    assert {a.get("format") for a in answers} == {"html"}
    assert [a.findtext("text") for a in answers][:2] == [
        "&lt;b&gt;bold&lt;/b&gt; &amp; co",
        "&lt;script&gt;x&lt;/script&gt;",
    ]


def test_line_breaks_are_kept_as_br_in_html_fields():
    question = _question(
        type="multiple_choice",
        stem="First line\nsecond <line>",
        choices=["a\nb", "c"],
        answer="c",
        explanation="Because\nof this",
    )
    mc = _questions(to_moodle_xml([question]))["q-x"]
    assert mc.find("questiontext").get("format") == "html"
    assert mc.findtext("questiontext/text") == "<p>First line<br>second &lt;line&gt;</p>"
    assert mc.findtext("generalfeedback/text") == "Because<br>of this"
    assert _answers(mc)[0][1] == "a<br>b"


def test_matching_with_two_options_borrows_a_third_from_the_section():
    two = _question(type="matching", stem="Match", answer=[["a", "A"], ["b", "B"]])
    other = _question(id="q-y", type="ordering", stem="Order", answer=["A", "C", "D"])
    root = etree.fromstring(to_moodle_xml([two, other]).encode("utf-8"))
    match = root.find("question[@type='matching']")
    subs = [(s.findtext("text"), s.findtext("answer/text")) for s in match.findall("subquestion")]
    assert subs == [("<p>a</p>", "A"), ("<p>b</p>", "B"), ("", "C")]  # A is taken already
    assert "at least 3 answers" in _comments(match)  # a comment says why
    alone = _questions(to_moodle_xml([two]))["q-x"]
    assert len(alone.findall("subquestion")) == 2
    assert "no other option" in _comments(alone)
    three = _question(type="matching", stem="M", answer=[["a", "A"], ["b", "B"], ["c", "C"]])
    assert len(_questions(to_moodle_xml([three, other]))["q-x"].findall("subquestion")) == 3


# question_bank::fraction_options_full() in Moodle's lib/questionlib.php (as percentages)
MOODLE_GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                 16.66667, 14.28571, 12.5, 11.11111, 10, 5]  # fmt: skip
ACCEPTED = {0.0, *MOODLE_GRADES, *(-g for g in MOODLE_GRADES)}


def _accepted(percent: float) -> bool:
    # Moodle's match_grade_options: within 0.00001 of a listed fraction
    return any(abs(percent / 100 - grade / 100) < 0.00001 for grade in ACCEPTED)


@pytest.mark.parametrize("right", [1, 2, 3, 6, 7, 9, 11, 12, 13, 17, 19, 20])
def test_multiple_response_grades_are_moodles_and_add_up_to_100(right):
    choices = [f"choice {n}" for n in range(right + 3)]
    question = _question(
        type="multiple_response", stem="Pick", choices=choices, answer=choices[:right]
    )
    mr = _questions(to_moodle_xml([question]))["q-x"]
    fractions = [float(f) for f, _ in _answers(mr)]
    assert all(_accepted(f) for f in fractions), fractions
    assert round(sum(f for f in fractions if f > 0) / 100, 2) == 1.0
    assert all(f > 0 for f in fractions[:right]) and all(f < 0 for f in fractions[right:])
    gift = to_gift([question])
    weights = [float(w) for w in re.findall(r"~%(-?[0-9.]+)%", gift)]
    assert weights == fractions  # GIFT carries the same grades


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_questions())
def test_hostile_text_round_trips_through_moodle_xml(question):
    [parsed] = parse_moodle_xml(to_moodle_xml([question]).encode("utf-8"))
    data = parsed.data
    assert data["type"] == question["type"]
    assert (data["stem"], data["explanation"]) == (question["stem"], question["explanation"])
    if question["type"] == "multiple_response":
        assert sorted(data["answer"]) == sorted(question["answer"])
    else:
        assert data["answer"] == question["answer"]
    assert data["choices"] == question["choices"]
    assert data["accepted"] == question["accepted"]
    assert parsed.name == question["id"] and parsed.category == "foundation"
    assert parsed.meta["source"] == question["source"]


def test_borrowed_distractors_are_left_out_on_import():
    two = _question(type="matching", stem="Match", answer=[["a", "A"], ["b", "B"]])
    other = _question(id="q-y", type="ordering", stem="Order", answer=["A", "C", "D"])
    parsed = parse_moodle_xml(to_moodle_xml([two, other]).encode("utf-8"))
    assert parsed[0].data["answer"] == two["answer"] and parsed[0].data["choices"] == []


def test_unsupported_or_broken_files_are_refused_by_line():
    with pytest.raises(GiftError) as raised:
        parse_moodle_xml(
            b"<quiz><question type='numerical'><name><text>E</text></name></question></quiz>"
        )
    assert raised.value.problems == [
        "line 1: numerical questions have no counterpart on this platform"
    ]
    with pytest.raises(GiftError) as raised:
        parse_moodle_xml(b"<quiz>\n<question>")
    assert raised.value.problems[0].startswith("line 2: not well-formed XML")
    entity = b'<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>'
    with pytest.raises(GiftError):  # no external entity is ever read
        parse_moodle_xml(entity)
