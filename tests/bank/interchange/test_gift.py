"""GIFT: escaping, every type's syntax, the round trip, and malformed files rejected by line."""

from __future__ import annotations

import pytest

from app.bank.interchange.gift import escape, to_gift
from app.bank.interchange.gift_import import GiftError, parse_gift
from app.questions import get_type
from app.questions.base import QuestionContent

from .conftest import TRICKY, factory_dicts


def _same(original: dict, parsed: dict) -> None:
    assert parsed["type"] == original["type"]
    assert parsed["stem"] == original["stem"]
    assert parsed["answer"] == original["answer"]
    assert parsed["explanation"] == original["explanation"]
    if original["type"] in ("multiple_choice", "multiple_response"):
        assert parsed["choices"] == original["choices"]
    if original["type"] == "matching":
        from app.questions.matching import right_options

        assert right_options(QuestionContent.from_dict(parsed)) == right_options(
            QuestionContent.from_dict(original)
        )
    if original["type"] == "short_answer":
        assert [parsed["answer"], *parsed["accepted"]] == [
            original["answer"],
            *[a for a in original.get("accepted", []) if a != original["answer"]],
        ]


def test_special_characters_are_escaped():
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    text = to_gift(factory_dicts())
    assert "Tricky \\{braces\\}, a \\= sign, \\~tilde, \\#hash, colon\\: back\\\\slash" in text


def test_every_type_is_written_as_moodle_documents_it():
    text = to_gift(factory_dicts())
    assert text.count("$CATEGORY: $course$/top/foundation") == 1
    assert "=Moscow\n=Moskva" in text or "=Kremlin\n=Grand Kremlin Palace" in text
    assert "\nTRUE\n" in text
    assert "~%50%G-8\n~%50%OSCE\n~%-50%APEC\n~%-50%WTO" in text
    assert "=first -> Ljubljana" in text
    assert "= -> Rome" in text  # a matching distractor
    assert "=1 -> Ljubljana\n=2 -> Genoa" in text  # ordering as matching from positions
    assert "####Explanation 1" in text


def test_round_trip_gives_back_every_type():
    originals = factory_dicts()
    parsed = parse_gift(to_gift(originals))
    assert len(parsed) == len(originals)
    assert {p.data["type"] for p in parsed} == {q["type"] for q in originals}
    for original, item in zip(originals, parsed, strict=True):
        _same(original, item.data)
        assert item.category == "foundation"
        assert item.name == original["id"]


def test_round_trip_of_the_shipped_bank(shipped_bank):
    parsed = parse_gift(to_gift(shipped_bank))
    assert len(parsed) == len(shipped_bank)
    for original, item in zip(shipped_bank, parsed, strict=True):
        _same(original, item.data)
        get_type(item.data["type"]).validate_content(item.data)


def test_reads_moodle_style_gift():
    text = """// comment
::Capital::What is the capital of Russia? {
  =Moscow#Right!
  ~Saint Petersburg#No.
  ~Kazan
}

The declaration was signed in 2002.{T}

Name a city where the presidents met: {=Moscow =Washington}

Which are permanent members? {~%50%Russia ~%50%United States ~%-100%Germany}

Match: {=USA -> Washington =Russia -> Moscow = -> Berlin}

[html]The <b>sum</b> of things {=right ~wrong ####Because &amp; so.}

The treaty was signed {~in 1991 =in 2002} in Moscow.
"""
    parsed = [p.data for p in parse_gift(text)]
    assert [p["type"] for p in parsed] == [
        "multiple_choice",
        "true_false",
        "short_answer",
        "multiple_response",
        "matching",
        "multiple_choice",
        "multiple_choice",
    ]
    assert parsed[0]["choices"] == ["Moscow", "Saint Petersburg", "Kazan"]
    assert parsed[1]["answer"] is True
    assert parsed[2]["accepted"] == ["Washington"]
    assert parsed[3]["answer"] == ["Russia", "United States"]
    assert parsed[4]["choices"] == ["Washington", "Moscow", "Berlin"]
    assert parsed[5]["stem"] == "The sum of things" and parsed[5]["explanation"] == "Because & so."
    assert parsed[6]["stem"] == "The treaty was signed _____ in Moscow."


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Good? {=a ~b}\n\nBad { =a ~b\n", 3, "never closed"),
        ("Good? {=a ~b}\n\n\n// note\nHow many? {#2:0}\n", 5, "numerical"),
        ("Essay? {}\n", 1, "essay"),
        ("Two right? {=a =b ~c}\n", 1, "one =right"),
        ("Same choice? {=a ~a}\n", 1, "repeat"),
        ("Just a description.\n", 1, "no answer block"),
        ("Pairs? {=a -> b =c}\n", 1, "=left -> right"),
    ],
)
def test_malformed_gift_is_rejected_with_line_numbers(text, line, words):
    with pytest.raises(GiftError) as raised:
        parse_gift(text)
    assert any(p.startswith(f"line {line}:") and words in p for p in raised.value.problems), (
        raised.value.problems
    )


def test_every_problem_is_reported_not_only_the_first():
    with pytest.raises(GiftError) as raised:
        parse_gift("A {}\n\nB {=x ~y}\n\nC {#1}\n")
    assert [p.split(":")[0] for p in raised.value.problems] == ["line 1", "line 5"]


def test_tricky_text_survives_exactly():
    question = {**factory_dicts()[-2]}
    assert question["stem"] == TRICKY
    assert parse_gift(to_gift([question]))[0].data["stem"] == TRICKY
