"""The essay type: a rubric of criteria, a free-text answer, nothing graded until a person does."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app.questions import ContentError, QuestionContent, ResponseError, get_type, validate_content
from app.questions.essay import MAX_CRITERIA, MAX_ESSAY

ESSAY = get_type("essay")
VERSION = QuestionContent(stem="Why begin with earlier summits?", answer=["Names one", "Says why"])


def test_a_rubric_is_one_to_ten_short_criteria_and_nothing_else():
    validate_content("essay", {"stem": "Why?", "answer": ["Gives a reason"]})
    for bad, problem in [
        ({"stem": "Why?", "answer": []}, "one or more criteria"),
        ({"stem": "Why?", "answer": "A reason"}, "one or more criteria"),
        ({"stem": "Why?", "answer": ["x" * 301]}, "at most 300"),
        ({"stem": "Why?", "answer": ["c"] * (MAX_CRITERIA + 1)}, "at most 10 criteria"),
        ({"stem": "Why?", "answer": ["c"], "choices": ["a", "b"]}, "no choices"),
        ({"stem": "Why?", "answer": ["c"], "accepted": ["a"]}, "no accepted answers"),
    ]:
        with pytest.raises(ContentError, match=problem):
            validate_content("essay", bad)


def test_the_answer_is_kept_as_written_and_graded_by_no_one_but_a_person():
    typed = "  First line.\r\n\r\nSecond   line.  "
    assert ESSAY.validate_response(VERSION, [], typed) == "First line.\n\nSecond   line."
    assert ESSAY.grade(VERSION, "A perfect answer") == 0.0
    assert ESSAY.graded_by_hand and ESSAY.max_points(VERSION) == 2
    assert ESSAY.random_guess_score(VERSION) is None
    for bad in ("", "   ", None, 3, ["a"], "x" * (MAX_ESSAY + 1)):
        with pytest.raises(ResponseError):
            ESSAY.validate_response(VERSION, [], bad)


def test_the_form_and_the_authoring_box():
    assert ESSAY.from_form(MultiDict({"q1": "My view."}), "q1", []) == "My view."
    assert ESSAY.from_form(MultiDict({"q1": "  "}), "q1", []) is None
    assert ESSAY.answer_from_text("Names one\n\n  Says why \n") == ["Names one", "Says why"]
    assert ESSAY.answer_to_text(["Names one", "Says why"]) == "Names one\nSays why"
    assert ESSAY.in_words(["Names one", "Says why"]) == "Names one\nSays why"
    assert ESSAY.public(VERSION, []) == {"type": "essay", "stem": VERSION.stem}
