"""Grading of every question type on made-up content (bank questions: test_bank_grading.py)."""

from __future__ import annotations

import pytest

from app.questions import QuestionContent, get_type, grade, grade_short_answer
from app.questions.normalise import parse_dates


def q(answer, choices=(), accepted=()):
    return QuestionContent(stem="?", answer=answer, choices=list(choices), accepted=list(accepted))


def test_multiple_choice_only_the_key_scores():
    version = q("G-8", ["G-8", "OSCE", "NATO", "WTO"])
    assert grade("multiple_choice", version, "G-8") == 1.0
    assert grade("multiple_choice", version, "OSCE") == 0.0
    assert grade("multiple_choice", version, "g-8") == 0.0


@pytest.mark.parametrize(
    ("picks", "score"),
    [
        (["a", "b"], 1.0),
        (["a"], 0.5),
        (["a", "b", "c"], 0.5),
        (["a", "c"], 0.0),
        (["c", "d"], 0.0),  # floored at 0, never negative
        ([], 0.0),
    ],
)
def test_multiple_response_right_minus_wrong_floored(picks, score):
    version = q(["a", "b"], ["a", "b", "c", "d"])
    assert grade("multiple_response", version, picks) == pytest.approx(score)


def test_true_false():
    assert grade("true_false", q(True), True) == 1.0
    assert grade("true_false", q(True), False) == 0.0
    assert grade("true_false", q(False), False) == 1.0


@pytest.mark.parametrize(
    "typed",
    [
        "NATO-Russia Council",
        "nato russia council",
        "the NATO–Russia Council",
        "  NATO Russia   Council. ",
        "NATORussia Council",
        "NATO-Russia Counsil",  # one substitution in a long answer
        "NATO-Russia Cuoncil",  # one transposition
    ],
)
def test_short_answer_tolerates_form(typed):
    assert grade_short_answer(q("NATO-Russia Council"), typed) == 1.0


@pytest.mark.parametrize(
    "typed",
    ["NATO-Russia Cuonsil", "NATO Council", "Russia Council NATO", "", "   ", "the"],
)
def test_short_answer_rejects_misses(typed):
    assert grade_short_answer(q("NATO-Russia Council"), typed) == 0.0


def test_short_answer_no_typo_in_short_answers():
    assert grade_short_answer(q("Genoa"), "genoa") == 1.0
    assert grade_short_answer(q("Genoa"), "Genua") == 0.0  # five letters: exact only


def test_short_answer_never_accepts_an_option_of_the_question_as_a_typo():
    # Grading knows the question only: a choice given with it counts as another term.
    assert grade_short_answer(q("Zanzibarian"), "Zanzibarion") == 1.0
    version = q("Zanzibarian", choices=["Zanzibarion"])
    assert grade_short_answer(version, "Zanzibarion") == 0.0


def test_short_answer_accepted_alternatives():
    version = q("Group of Eight", accepted=["G-8", "G8"])
    for typed in ("group of eight", "G 8", "g8", "G-8"):
        assert grade_short_answer(version, typed) == 1.0
    assert grade_short_answer(version, "G-7") == 0.0


@pytest.mark.parametrize(
    "typed", ["May 24, 2002", "24 May 2002", "2002-05-24", "24th of May 2002", "05/24/2002"]
)
def test_short_answer_dates_in_usual_formats(typed):
    assert grade_short_answer(q("May 24, 2002"), typed) == 1.0


@pytest.mark.parametrize("typed", ["May 25, 2002", "May 24, 2001", "24 June 2002", "May 2002"])
def test_short_answer_dates_must_be_the_same_date(typed):
    assert grade_short_answer(q("May 24, 2002"), typed) == 0.0


def test_short_answer_numbers_are_never_typo_tolerated():
    assert grade_short_answer(q("Resolution 1373"), "Resolution 1374") == 0.0
    assert grade_short_answer(q("Resolution 1373"), "Resolutoin 1373") == 1.0


def test_parse_dates_reads_both_numeric_orders():
    assert parse_dates("06/05/2002") == {(2002, 6, 5), (2002, 5, 6)}
    assert parse_dates("not a date") == set()
    assert parse_dates("February 30, 2002") == set()


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ({"a": "1", "b": "2", "c": "3"}, 1.0),
        ({"a": "1", "b": "3", "c": "2"}, 1 / 3),
        ({"a": "2", "b": "3", "c": "1"}, 0.0),
    ],
)
def test_matching_share_of_right_pairs(given, score):
    version = q([["a", "1"], ["b", "2"], ["c", "3"]])
    response = [[left, right] for left, right in given.items()]
    assert grade("matching", version, response) == pytest.approx(score)


@pytest.mark.parametrize(
    ("order", "score"),
    [
        (["a", "b", "c", "d"], 1.0),
        (["d", "c", "b", "a"], 0.0),
        (["b", "c", "d", "a"], 2 / 3),  # one item moved costs only its own neighbours
        (["a", "c", "b", "d"], 0.0),
        (["a", "b", "d", "c"], 1 / 3),
    ],
)
def test_ordering_share_of_neighbouring_pairs(order, score):
    assert grade("ordering", q(["a", "b", "c", "d"]), order) == pytest.approx(score)


@pytest.mark.parametrize("name", ["multiple_choice", "multiple_response", "matching", "ordering"])
def test_grades_are_within_zero_and_one_for_garbage(name):
    qtype = get_type(name)
    version = q(["x", "y"] if name != "matching" else [["x", "1"], ["y", "2"]], ["x", "y", "z"])
    if name == "multiple_choice":
        version.answer = "x"
    for response in (None, [], ["z"], [["x", "2"]], "x", 5, [{"a": 1}]):
        assert 0.0 <= qtype.grade(version, response) <= 1.0
