"""The registry: content checks, shuffles, what the browser sees, reading responses."""

from __future__ import annotations

import random

import pytest
from werkzeug.datastructures import MultiDict

from app.questions import (
    QUESTION_TYPES,
    ContentError,
    QuestionContent,
    ResponseError,
    get_type,
    type_choices,
    validate_content,
)

SAMPLES = {
    "multiple_choice": {"stem": "S?", "choices": ["a", "b", "c"], "answer": "b"},
    "multiple_response": {"stem": "S?", "choices": ["a", "b", "c", "d"], "answer": ["a", "c"]},
    "true_false": {"stem": "S.", "answer": False},
    "short_answer": {"stem": "S?", "answer": "Ljubljana", "accepted": ["Lubiana"]},
    "matching": {"stem": "S?", "answer": [["x", "1"], ["y", "2"], ["z", "3"]]},
    "ordering": {"stem": "S?", "answer": ["p", "q", "r", "s"]},
    "essay": {"stem": "Why?", "answer": ["Gives a reason", "Supports it from the text"]},
}
SECRET_EXPLANATION = "EXPLANATION-SECRET"


def rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311  (shuffling quiz options, not cryptography)


def content(name):
    return QuestionContent.from_dict({**SAMPLES[name], "explanation": SECRET_EXPLANATION})


def test_seven_types_with_labels():
    assert set(QUESTION_TYPES) == set(SAMPLES)
    assert all(label for _, label in type_choices())
    with pytest.raises(KeyError):
        get_type("numeral")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_content_is_valid(name):
    validate_content(name, SAMPLES[name])


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("multiple_choice", {"stem": "S", "choices": ["a", "b"], "answer": "c"}, "one of the"),
        ("multiple_choice", {"stem": "S", "choices": ["a"], "answer": "a"}, "at least 2"),
        ("multiple_response", {"stem": "S", "choices": ["a", "b", "c"], "answer": []}, "at least"),
        ("multiple_response", {"stem": "S", "choices": ["a", "a", "b"], "answer": ["a"]}, "repeat"),
        ("true_false", {"stem": "S", "answer": "yes"}, "true or false"),
        ("short_answer", {"stem": "S", "answer": ""}, "short text"),
        ("matching", {"stem": "S", "answer": [["x", "1"]]}, "at least 2"),
        ("matching", {"stem": "S", "answer": [["x", "1"], ["x", "2"]]}, "once"),
        ("ordering", {"stem": "S", "answer": ["p"]}, "at least 2"),
        ("ordering", {"stem": "", "answer": ["p", "q"]}, "stem"),
    ],
)
def test_bad_content_lists_the_problem(name, data, problem):
    with pytest.raises(ContentError) as raised:
        validate_content(name, data)
    assert problem in str(raised.value)
    assert raised.value.problems


@pytest.mark.parametrize("name", SAMPLES)
def test_public_view_never_holds_key_or_explanation(name):
    qtype = get_type(name)
    version = content(name)
    order = qtype.shuffle(version, rng(7))
    shown = qtype.public(version, order)
    assert set(shown) <= {"type", "stem", "choices", "left", "right", "items"}
    assert SECRET_EXPLANATION not in repr(shown)
    if name == "short_answer":
        assert "Ljubljana" not in repr(shown) and "Lubiana" not in repr(shown)
    if name == "ordering":
        assert shown["items"] != version.answer and sorted(shown["items"]) == ["p", "q", "r", "s"]
    if name == "matching":
        assert shown["right"] != ["1", "2", "3"]


def test_shuffle_is_deterministic_for_a_seed():
    version = content("multiple_choice")
    qtype = get_type("multiple_choice")
    assert qtype.shuffle(version, rng(3)) == qtype.shuffle(version, rng(3))


@pytest.mark.parametrize(
    ("name", "raw", "canonical"),
    [
        ("multiple_choice", "b", "b"),
        ("multiple_response", ["c", "a"], None),
        ("true_false", "false", False),
        ("true_false", True, True),
        ("short_answer", "  Ljubljana  city ", "Ljubljana city"),
        ("matching", [["y", "2"], ["x", "1"], ["z", "3"]], [["x", "1"], ["y", "2"], ["z", "3"]]),
        ("matching", {"x": "1", "y": "1", "z": "1"}, [["x", "1"], ["y", "1"], ["z", "1"]]),
        ("ordering", ["p", "q", "r", "s"], ["p", "q", "r", "s"]),
    ],
)
def test_validate_response_canonical_shapes(name, raw, canonical):
    qtype = get_type(name)
    version = content(name)
    order = qtype.shuffle(version, rng(1))
    result = qtype.validate_response(version, order, raw)
    if canonical is None:  # multiple response: the picks in the order shown
        assert result == [c for c in order if c in {"a", "c"}]
    else:
        assert result == canonical


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("multiple_choice", "zzz"),
        ("multiple_choice", 3),
        ("multiple_choice", None),
        ("multiple_response", []),
        ("multiple_response", ["a", "a"]),
        ("multiple_response", ["a", "nope"]),
        ("multiple_response", {"a": 1}),
        ("true_false", "maybe"),
        ("true_false", None),
        ("short_answer", ""),
        ("short_answer", "x" * 301),
        ("short_answer", ["Ljubljana"]),
        ("matching", [["x", "1"], ["y", "2"]]),
        ("matching", [["x", "1"], ["y", "2"], ["z", "99"]]),
        ("matching", [["x", "1"], ["x", "2"], ["z", "3"]]),
        ("matching", "x=1"),
        ("ordering", ["p", "q", "r"]),
        ("ordering", ["p", "q", "r", "r"]),
        ("ordering", ["p", "q", "r", "t"]),
        ("ordering", "pqrs"),
    ],
)
def test_validate_response_refuses_bad_input(name, raw):
    qtype = get_type(name)
    version = content(name)
    order = qtype.shuffle(version, rng(1))
    with pytest.raises(ResponseError):
        qtype.validate_response(version, order, raw)


def test_form_reading_for_list_types():
    version = content("ordering")
    qtype = get_type("ordering")
    order = ["r", "p", "s", "q"]
    form = MultiDict({"q1-0": "3", "q1-1": "1", "q1-2": "4", "q1-3": "2"})
    assert qtype.from_form(form, "q1", order) == ["p", "q", "r", "s"]
    clash = MultiDict({"q1-0": "1", "q1-1": "1", "q1-2": "4", "q1-3": "2"})
    with pytest.raises(ResponseError):
        qtype.validate_response(version, order, qtype.from_form(clash, "q1", order))
    assert qtype.from_form(MultiDict(), "q1", order) is None
    mr = get_type("multiple_response")
    assert mr.from_form(MultiDict([("q2", "a"), ("q2", "c")]), "q2", []) == ["a", "c"]
    matching = get_type("matching")
    raw = matching.from_form(MultiDict({"q3-0": "1", "q3-1": "2", "q3-2": "3"}), "q3", [])
    assert matching.validate_response(content("matching"), ["3", "1", "2"], raw) == [
        ["x", "1"],
        ["y", "2"],
        ["z", "3"],
    ]
