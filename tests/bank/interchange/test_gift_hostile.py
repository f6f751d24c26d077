"""GIFT round trip on hostile text: every special character in every field of every type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bank.interchange.gift import to_gift
from app.bank.interchange.gift_import import parse_gift
from app.questions import validate_content

from . import moodle_gift

# GIFT's specials (~ = # { } : and the -> of matching), its escape, weights (%50%), format
# markers ([html]), comment and title starts, and line breaks Python alone would split at.
ALPHABET = list("~=#{}:\\->%5[]/ aZé\n") + ["->", "::", "//", "####", "%50%", "\u2028", "[html]"]
TEXT = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=12).map("".join).map(str.strip)
TEXT = TEXT.filter(bool)


def _distinct(minimum: int, maximum: int = 5):
    return st.lists(TEXT, min_size=minimum, max_size=maximum, unique=True)


@st.composite
def questions(draw) -> dict:
    """A valid question of any type whose every text field is hostile."""
    qtype = draw(
        st.sampled_from(
            [
                "multiple_choice",
                "multiple_response",
                "true_false",
                "short_answer",
                "matching",
                "ordering",
            ]
        )
    )
    content: dict = {"choices": [], "accepted": []}
    if qtype == "multiple_choice":
        content["choices"] = draw(_distinct(2))
        content["answer"] = draw(st.sampled_from(content["choices"]))
    elif qtype == "multiple_response":
        content["choices"] = draw(_distinct(3))
        content["answer"] = draw(
            st.lists(st.sampled_from(content["choices"]), min_size=1, unique=True)
        )
    elif qtype == "true_false":
        content["answer"] = draw(st.booleans())
    elif qtype == "short_answer":
        forms = draw(_distinct(1, 4))
        content["answer"], content["accepted"] = forms[0], forms[1:]
    elif qtype == "matching":
        lefts = draw(_distinct(2, 4))
        rights = draw(st.lists(TEXT, min_size=len(lefts), max_size=len(lefts)))
        content["answer"] = [[left, right] for left, right in zip(lefts, rights, strict=True)]
        extras = draw(st.lists(TEXT.filter(lambda t: t not in rights), max_size=2, unique=True))
        if extras:
            content["choices"] = list(dict.fromkeys(rights)) + extras
    else:
        content["answer"] = draw(_distinct(2))
    question = {
        "id": "q-hostile",
        "type": qtype,
        "section_id": "foundation",
        "section_title": "A Foundation",
        "stem": draw(TEXT),
        "explanation": draw(st.one_of(st.just(""), TEXT)),
        "source": {"section_id": "foundation", "paragraph": 2, "quote": draw(TEXT)},
        "generator": "hostile",
        **content,
    }
    validate_content(qtype, question)
    return question


def _reads_as_ordering(question: dict) -> bool:
    # GIFT has no ordering type: matching from exactly 1…n is how ordering is written
    lefts = [pair[0] for pair in question["answer"]]
    return lefts == [str(n) for n in range(1, len(lefts) + 1)] and not question["choices"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_hostile_text_round_trips_exactly(question):
    if question["type"] == "matching" and _reads_as_ordering(question):
        return
    [parsed] = parse_gift(to_gift([question]))
    data = parsed.data
    assert data["type"] == question["type"]
    assert (data["stem"], data["explanation"]) == (question["stem"], question["explanation"])
    if question["type"] == "multiple_response":  # a set: read back in the choices' order
        assert sorted(data["answer"]) == sorted(question["answer"])
    else:
        assert data["answer"] == question["answer"]
    assert data["choices"] == question["choices"]
    assert data.get("accepted", []) == question["accepted"]
    assert parsed.name == question["id"]
    assert parsed.meta["source"] == question["source"]
    assert parsed.meta["generator"] == "hostile"


def test_a_choice_with_an_arrow_is_a_choice_not_a_refused_file():
    # Moodle reads this as multiple choice (a "~" decides); the import refused the whole file
    text = "Which? {=a -> b ~c}\n\nNext {=x ~y}\n"
    parsed = parse_gift(text)
    assert parsed[0].data["type"] == "multiple_choice"
    assert parsed[0].data["choices"] == ["a -> b", "c"]
    assert len(parsed) == 2


def test_arrows_in_a_left_side_or_a_short_answer_are_escaped():
    matching = {
        "id": "m",
        "type": "matching",
        "section_id": "s",
        "stem": "Match",
        "answer": [["a->b", "c->d"], ["e", "f"]],
        "choices": [],
    }
    short = {"id": "s", "type": "short_answer", "section_id": "s", "stem": "Say", "answer": "x->y"}
    text = to_gift([matching, short])
    assert "=a-\\>b -> c->d" in text and "=x-\\>y" in text
    parsed = parse_gift(text)
    assert parsed[0].data["answer"] == [["a->b", "c->d"], ["e", "f"]]
    assert parsed[1].data["type"] == "short_answer" and parsed[1].data["answer"] == "x->y"


MOODLE_TYPES = {
    "multiple_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "matching": "match",
    "ordering": "match",
}


def _as_moodle_shows(text: str) -> str:
    # GIFT has no escape for "->": where the platform writes "-\>", Moodle keeps the backslash
    return text.replace("->", "-\\>")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_moodles_reading_of_the_export_gives_the_same_question(question):
    [read] = moodle_gift.read_file(to_gift([question]))
    qtype = question["type"]
    assert read["qtype"] == MOODLE_TYPES[qtype]
    assert read["name"] == question["id"]
    assert read["questiontext"] == question["stem"]
    assert read["generalfeedback"] == question["explanation"]
    if qtype in ("multiple_choice", "multiple_response"):
        assert read["single"] is (qtype == "multiple_choice")
        assert [text for _, text in read["answers"]] == question["choices"]
        right = [text for fraction, text in read["answers"] if fraction > 0]
        expected = [question["answer"]] if qtype == "multiple_choice" else question["answer"]
        assert sorted(right) == sorted(expected)
    elif qtype == "true_false":
        assert read["answer"] is question["answer"]
    elif qtype == "short_answer":
        forms = [question["answer"], *question["accepted"]]
        assert read["answers"] == [(1.0, _as_moodle_shows(form)) for form in forms]
    elif qtype == "matching":
        pairs = [(_as_moodle_shows(left), right) for left, right in question["answer"]]
        rights = {right for _, right in question["answer"]}
        extras = [("", c) for c in question["choices"] if c not in rights]
        assert read["pairs"] == pairs + extras
    else:
        assert read["pairs"] == [(str(n), item) for n, item in enumerate(question["answer"], 1)]
