"""Feedback line by line (issue 16, feedback that teaches): every option or item with whether the
learner gave it and whether it is right, and how a partly right answer earned its share."""

from __future__ import annotations

from app.questions import get_type
from app.questions.base import Mark, QuestionContent
from tests.factories import QUESTION_DEFAULTS


def content(qtype: str, **fields) -> QuestionContent:
    return QuestionContent.from_dict({**QUESTION_DEFAULTS[qtype], **fields})


def test_multiple_choice_marks_the_key_and_the_wrong_pick_in_the_order_shown():
    version = content("multiple_choice")
    shown = ["Quartet", "NATO-Russia Council", "Minsk Group", "Consultative Group"]
    marks = get_type("multiple_choice").marks(version, shown, "Quartet")
    assert [m.text for m in marks] == shown
    assert marks[0] == Mark("Quartet", given=True, right=False)
    assert marks[1] == Mark("NATO-Russia Council", given=False, right=True)
    assert not any(m.given or m.right for m in marks[2:])


def test_multiple_response_marks_right_wrong_and_missed_options_and_explains_the_credit():
    version = content("multiple_response")
    shown = ["WTO", "G-8", "APEC", "OSCE"]
    qtype = get_type("multiple_response")
    marks = {m.text: (m.given, m.right) for m in qtype.marks(version, shown, ["WTO", "G-8"])}
    assert marks == {
        "WTO": (True, False), "G-8": (True, True), "APEC": (False, False), "OSCE": (False, True)
    }  # fmt: skip
    assert qtype.credit_note(version, ["WTO", "G-8"]) == (
        "1 of the 2 right options picked, minus 1 wrong pick."
    )
    assert qtype.credit_note(version, ["G-8", "OSCE"]) == ""  # all right: nothing to explain


def test_true_false_marks_both_statements():
    marks = get_type("true_false").marks(content("true_false"), [], False)
    assert marks == [Mark("True", False, True), Mark("False", True, False)]


def test_matching_marks_each_pair_with_the_pick_and_the_key():
    version = content("matching")
    answer = [["first", "Ljubljana"], ["second", "Shanghai"], ["third", "Genoa"]]
    qtype = get_type("matching")
    marks = qtype.marks(version, ["Genoa", "Shanghai", "Ljubljana"], answer)
    assert marks == [
        Mark("first", True, True, "Ljubljana", "Ljubljana"),
        Mark("second", True, False, "Shanghai", "Genoa"),
        Mark("third", True, False, "Genoa", "Shanghai"),
    ]
    assert qtype.credit_note(version, answer) == "1 of the 3 pairs right."
    unanswered = qtype.marks(version, [], None)
    assert [(m.given, m.right, m.pick) for m in unanswered] == [(False, False, "")] * 3


def test_ordering_marks_the_place_given_to_each_item_and_explains_the_pairs_kept():
    version = content("ordering")  # Ljubljana, Genoa, Shanghai, Crawford
    answer = ["Genoa", "Shanghai", "Ljubljana", "Crawford"]
    qtype = get_type("ordering")
    marks = qtype.marks(version, answer, answer)
    assert [(m.text, m.pick, m.key, m.right) for m in marks] == [
        ("Ljubljana", "3", "1", False),
        ("Genoa", "1", "2", False),
        ("Shanghai", "2", "3", False),
        ("Crawford", "4", "4", True),
    ]
    # Genoa → Shanghai kept; Ljubljana → Genoa and Shanghai → Crawford broken: one third
    assert qtype.grade(version, answer) == 1 / 3
    assert qtype.credit_note(version, answer) == (
        "Each pair of neighbours in the right order counts: you kept 1 of the 3 pairs together."
    )


def test_a_short_answer_says_it_in_words():
    qtype = get_type("short_answer")
    assert qtype.marks(content("short_answer"), [], "Kremlin") == []
    assert qtype.credit_note(content("short_answer"), "Kremlin") == ""
