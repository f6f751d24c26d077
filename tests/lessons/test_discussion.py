"""The discussion questions of a lesson and their rubrics (app/lessons/discussion.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.lessons.discussion import MAX_CRITERIA
from app.lessons.structure import parse_lesson
from app.questions.essay import MAX_CRITERIA as ESSAY_MAX_CRITERIA

GOOD = textwrap.dedent(
    """\
    ---
    id: demo
    title: Demo
    order: 1
    ---

    ## Discussion questions

    Answer two of these.

    1. Why might the authors have begun by recalling earlier summits? What does this
       suggest about diplomacy?
        *Rubric:*
        - Names at least two of the summits of paragraph 2.
        - Explains what recalling them does: the text builds on
          commitments already made.
    2. Was the rejection of rivalry realistic?
        **Rubric:**

        - Says what paragraph 3 rejects.

    3. Should the next president respect it?
        Rubric:
        1. Explains that a declaration binds no one in law.

    ## Historical context

    1. Not a discussion question.
    """
)


def test_each_question_has_its_text_rubric_place_and_line_counted_in_the_file():
    structure = parse_lesson(GOOD)
    assert structure.problems == [] and structure.discussion_skipped == []
    first, second, third = structure.discussion
    assert first.text == (
        "Why might the authors have begun by recalling earlier summits? What does this "
        "suggest about diplomacy?"
    )
    assert first.rubric == (
        "Names at least two of the summits of paragraph 2.",
        "Explains what recalling them does: the text builds on commitments already made.",
    )
    assert (first.position, first.line) == (1, 11)
    assert (second.position, second.rubric) == (2, ("Says what paragraph 3 rejects.",))
    assert (third.position, third.line) == (3, 22)
    assert third.rubric == ("Explains that a declaration binds no one in law.",)


def _discussion(*lines: str) -> str:
    return "## Discussion questions\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["1. Why?"], 3, "discussion question 1: no rubric: under it, indented by four spaces"),
        (["1. Why?", "    Rubric:"], 4, "discussion question 1: the rubric has no criteria"),
        (
            ["1. Why?", "    Rubric:"] + [f"    - Criterion {n}." for n in range(1, 8)],
            10,
            "discussion question 1: the rubric has 7 criteria; at most 5, one point each",
        ),
        (
            ["1. Why?", "    - Names a summit.", "    Rubric:", "    - Names a summit."],
            4,
            "discussion question 1: a criterion before the `Rubric:` line",
        ),
        (
            ["1. Why?", "    Rubric: names a summit"],
            4,
            "discussion question 1: write `Rubric:` alone on its line",
        ),
        (
            ["1. Why?", "    Rubric:", "    - " + "x" * 301],
            5,
            "discussion question 1: a criterion is longer than 300 characters",
        ),
        (
            ["1. Why?", "    Rubric:", "    Names a summit."],
            5,
            "discussion question 1: between `Rubric:` and its criteria: write each as `- …`",
        ),
        (["1."], 3, "discussion question 1: it is empty: write the question after its number"),
    ],
)
def test_a_malformed_question_is_a_problem_naming_its_line_and_is_left_out(lines, line, message):
    structure = parse_lesson(_discussion(*lines))
    assert structure.discussion == []
    assert [problem.line for problem in structure.problems] == [line]
    assert str(structure.problems[0]).startswith(f"line {line}: {message}")


def test_a_malformed_question_keeps_its_place_and_the_others_are_read():
    structure = parse_lesson(
        _discussion(
            "1. First?",
            "    Rubric:",
            "    - One.",
            "2. Second, without a rubric?",
            "3. Third?",
            "    Rubric:",
            "    - Three.",
        )
    )
    assert [q.position for q in structure.discussion] == [1, 3]
    assert structure.discussion_skipped == [2]
    assert [str(p) for p in structure.problems] == [
        "line 6: discussion question 2: no rubric: under it, indented by four spaces, a line "
        "`Rubric:` and then 1 to 5 criteria as `- …` items"
    ]


def test_the_rubric_limit_fits_the_essay_type():
    assert 1 <= MAX_CRITERIA <= ESSAY_MAX_CRITERIA


SHIPPED = Path(__file__).parents[2] / "lessons"


def test_every_shipped_discussion_question_has_a_rubric_of_one_to_five_criteria():
    questions = [
        question
        for path in sorted(SHIPPED.glob("*.md"))
        for question in parse_lesson(path.read_text(encoding="utf-8")).discussion
    ]
    assert len(questions) == 24
    for question in questions:
        assert 1 <= len(question.rubric) <= MAX_CRITERIA, question
        assert all(len(criterion) <= 300 for criterion in question.rubric), question
