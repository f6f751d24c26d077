"""A lesson's discussion questions and their rubrics, read in plain Python (no Flask).

``## Discussion questions`` is a list, one question per item (numbered as a rule). Under each
question, indented by four spaces so that Markdown keeps it inside the item, a line
``Rubric:`` (``*Rubric:*`` and ``**Rubric:**`` too) and then the criteria that an instructor
grades an essay answer against, one ``- …`` item each, 1 to ``MAX_CRITERIA`` of them (one point
each)::

    1. Why might the authors have begun by recalling earlier summits?
        *Rubric:*
        - Names at least two of the earlier meetings or statements that paragraph 2 recalls.
        - Says what recalling them does: the new text builds on commitments already made.

Each question becomes an essay (``bank.lesson_essays``). A question with no rubric, a rubric
without criteria or with too many, a criterion before its ``Rubric:`` line, or one too long, is
a Problem naming its line; that question is left out (``LessonStructure.discussion_skipped``
keeps its place, so the essay built from it before stays as it was).
"""

from __future__ import annotations

import re

from .lesson_parts import DiscussionQuestion, LessonStructure, Problem

DISCUSSION_HEADING = "discussion questions"
MAX_CRITERIA = 5  # a short rubric: one point per criterion
MAX_CRITERION = 300  # characters, as for any criterion of an essay's rubric
MAX_QUESTION = 2000  # characters, as for any question's stem

# a question at the margin (one space allowed); what belongs to it is indented further
_QUESTION = re.compile(r"^ ?(?:\d{1,3}[.)]|[-*+])\s+(.*)$")
_EMPTY_QUESTION = re.compile(r"^ ?(?:\d{1,3}[.)]|[-*+])\s*$")
_INDENTED = re.compile(r"^(?: {2,}|\t)\s*\S")
_RUBRIC = re.compile(r"^\s+[*_]{0,2}rubric[*_]{0,2}:?[*_]{0,2}\s*$", re.IGNORECASE)
_RUBRIC_WITH_TEXT = re.compile(r"^\s+[*_]{0,2}rubric\b", re.IGNORECASE)
_CRITERION = re.compile(r"^\s+(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_EMPHASIS = re.compile(r"\*\*|__|\*|`")
HOW = (
    "under it, indented by four spaces, a line `Rubric:` and then 1 to "
    f"{MAX_CRITERIA} criteria as `- …` items"
)


class _Draft:
    """A question as read so far."""

    def __init__(self, position: int, text: str, line: int) -> None:
        self.position, self.text, self.line = position, text, line
        self.rubric_line: int | None = None
        self.criteria: list[tuple[int, str]] = []
        self.problems: list[Problem] = []

    def add(self, number: int, line: str) -> None:
        """One line under the question: its rubric's heading, a criterion, or a wrapped line."""
        if _RUBRIC.match(line):
            if self.rubric_line is not None:
                self._problem(number, f"a second `Rubric:` (the first is line {self.rubric_line})")
            self.rubric_line = self.rubric_line or number
            return
        if _RUBRIC_WITH_TEXT.match(line):
            self._problem(number, "write `Rubric:` alone on its line, each criterion below it")
            return
        criterion = _CRITERION.match(line)
        if criterion and self.rubric_line is None:
            self._problem(number, "a criterion before the `Rubric:` line; put `Rubric:` first")
        elif criterion:
            self.criteria.append((number, _plain(criterion.group(1))))
        elif self.criteria:  # a criterion wrapped onto the next line
            last_line, last = self.criteria[-1]
            self.criteria[-1] = (last_line, f"{last} {_plain(line)}")
        elif self.rubric_line is None:
            self.text = f"{self.text} {line.strip()}"
        else:
            self._problem(number, "between `Rubric:` and its criteria: write each as `- …`")

    def _problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, f"discussion question {self.position}: {message}"))

    def finish(self) -> DiscussionQuestion | None:
        """The question with its rubric, or None (its problems recorded) when malformed."""
        stem = _plain(self.text)
        if not stem:
            self._problem(self.line, "it is empty: write the question after its number")
        elif len(stem) > MAX_QUESTION:
            self._problem(self.line, f"the question is longer than {MAX_QUESTION} characters")
        if not self.problems:  # the first problem is the cause: what follows from it is noise
            self._check_rubric()
        if self.problems:
            return None
        rubric = tuple(criterion for _, criterion in self.criteria)
        return DiscussionQuestion(self.position, stem, rubric, self.line)

    def _check_rubric(self) -> None:
        if self.rubric_line is None:
            self._problem(self.line, f"no rubric: {HOW}")
        elif not self.criteria:
            self._problem(self.rubric_line, f"the rubric has no criteria: {HOW}")
        elif len(self.criteria) > MAX_CRITERIA:
            self._problem(
                self.criteria[MAX_CRITERIA][0],
                f"the rubric has {len(self.criteria)} criteria; at most {MAX_CRITERIA}, "
                "one point each",
            )
        for line, criterion in self.criteria:
            if len(criterion) > MAX_CRITERION:
                self._problem(line, f"a criterion is longer than {MAX_CRITERION} characters")


def _plain(text: str) -> str:
    """Inline Markdown emphasis removed and spaces collapsed."""
    return " ".join(_EMPHASIS.sub("", text).split())


def read_discussion(body: list[tuple[int, str]], structure: LessonStructure) -> None:
    """Read the ``## Discussion questions`` section's numbered lines into ``structure``."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    after_blank = False
    for number, line in body:
        question = _QUESTION.match(line)
        if question:
            current = _Draft(len(drafts) + 1, question.group(1).strip(), number)
            drafts.append(current)
        elif _EMPTY_QUESTION.match(line):  # an empty item keeps its place all the same
            current = _Draft(len(drafts) + 1, "", number)
            drafts.append(current)
        elif not line.strip():
            after_blank = True
            continue
        elif current is not None and _INDENTED.match(line):
            current.add(number, line)
        elif current is not None and not after_blank and current.rubric_line is None:
            current.text = f"{current.text} {line.strip()}"  # the question wrapped at the margin
        else:
            current = None  # free text between or after the questions
        after_blank = False
    for draft in drafts:
        question = draft.finish()
        structure.problems.extend(draft.problems)
        if question is None:
            structure.discussion_skipped.append(draft.position)
        else:
            structure.discussion.append(question)
