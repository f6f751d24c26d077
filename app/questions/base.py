"""What every question type provides, and the errors its checks raise."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .drafting import Drafting
from .interchange import Interchange

MAX_TEXT = 300  # longest typed answer or option text accepted from a learner


class ResponseError(ValueError):
    """A submitted response cannot be read, or names an option that was not offered."""


class ContentError(ValueError):
    """A question's own fields are inconsistent; ``problems`` lists every one."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class Content(Protocol):
    """The fields of a question version that grading and display use."""

    stem: str
    choices: list[Any]
    answer: Any
    accepted: list[str]
    explanation: str


@dataclass
class QuestionContent:
    """A question's content as plain data (a bank-file entry or a form), shaped like a version."""

    stem: str
    answer: Any
    choices: list[Any] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""
    source: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionContent:
        """Build from bank-file fields (missing optional fields get their defaults)."""
        return cls(
            stem=data.get("stem", ""),
            answer=data.get("answer"),
            choices=list(data.get("choices") or []),
            accepted=list(data.get("accepted") or []),
            explanation=data.get("explanation") or "",
            source=dict(data.get("source") or {}),
        )


def lines(text: str | None) -> list[str]:
    """Non-empty stripped lines of a text area."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def is_text(value: Any, limit: int = MAX_TEXT) -> bool:
    """True for a non-empty string of at most ``limit`` characters after stripping."""
    return isinstance(value, str) and 0 < len(value.strip()) <= limit


def text_list_problems(value: Any, what: str, minimum: int) -> list[str]:
    """Problems with a list of distinct non-empty texts (at least ``minimum`` of them)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return [f"{what} must be a list of non-empty texts."]
    problems = []
    if len(value) < minimum:
        problems.append(f"{what} needs at least {minimum} items.")
    if len(set(value)) != len(value):
        problems.append(f"{what} must not repeat an item.")
    return problems


@dataclass(frozen=True)
class Mark:
    """One line of feedback: an option with whether it was chosen and whether it is right, or
    an item (matching, ordering) with the learner's pick, the right one and whether they agree."""

    text: str
    given: bool
    right: bool
    pick: str = ""
    key: str = ""


def option_marks(options: Sequence[Any], right: set[str], chosen: set[str]) -> list[Mark]:
    """Every option as shown, each marked chosen or not and right or not."""
    return [Mark(str(o), str(o) in chosen, str(o) in right) for o in options]


class QuestionType(Interchange, Drafting):
    """One kind of question: how it is checked, shuffled, shown, read back and graded,
    (``Interchange``) how it travels in the export formats and (``Drafting``) what the
    generator needs to know of a draft of it."""

    name: str = ""
    label: str = ""  # as the authoring form's type menu lists it
    json_answer: str = ""  # the shape of its answer in the JSON API, in words
    answer_label: str = "Answer"  # the authoring form's answer box, as this type names it
    answer_hint: str = ""  # how the authoring form's answer box is filled for this type
    choices_hint: str = ""  # and its choices box, for the types that take one
    takes_choices = False  # the authoring form's choices box belongs to the question
    takes_accepted = False  # so does its box of other accepted answers
    picks_by_position = False  # a form answers it item by item (q3-0, q3-1, …)

    @property
    def template(self) -> str:
        """Its partial: macros ``inputs`` (what a learner answers with), ``feedback`` (the
        answer marked) and ``key`` (the answer on the instructor's question page)."""
        return f"questions/{self.name}.html"

    def validate_content(self, data: Mapping[str, Any]) -> None:
        """Raise ContentError listing what is wrong with a question's own fields."""
        problems = [] if is_text(data.get("stem"), 2000) else ["The stem must be a non-empty text."]
        problems += self.content_problems(data)
        if problems:
            raise ContentError(problems)

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        raise NotImplementedError

    def shuffle(self, version: Content, rng: random.Random) -> list[Any]:
        """The order in which this attempt shows the options (empty when there are none)."""
        return []

    def public(self, version: Content, choice_order: list[Any]) -> dict[str, Any]:
        """What a learner may see before answering: never the key or the explanation."""
        return {"type": self.name, "stem": version.stem}

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> Any:
        """Turn a submitted value into the canonical answer shape, or raise ResponseError."""
        raise NotImplementedError

    def from_form(self, form: Mapping[str, Any], name: str, choice_order: list[Any]) -> Any:
        """Read this type's raw value from form fields named after ``name`` (None when absent)."""
        return form.get(name)

    def grade(self, version: Content, response: Any) -> float:
        """Score of a canonical response, in [0, 1] (pure)."""
        raise NotImplementedError

    graded_by_hand = False  # an instructor grades its answers once the attempt is finished

    def max_points(self, version: Content) -> int:
        """The points an instructor grades an answer out of (a type graded by hand)."""
        return 1

    def key(self, version: Content) -> Any:
        """The right answer, as shown in feedback once the question is answered."""
        return version.answer

    def random_guess_score(self, version: Content) -> float | None:
        """What a random guess scores on average, in [0, 1]; None when it cannot be estimated.

        Moodle's ``question_type::get_random_guess_score`` returns 0 unless a type overrides it
        (short answer without a ``*`` answer, ordering); the types with options override it here.
        """
        return 0.0

    def marks(self, version: Content, choice_order: list[Any], answer: Any) -> list[Mark]:
        """Feedback line by line: each option or item with a tick or a cross ([]: the answer
        and the key in words say it all, as for a short answer)."""
        return []

    def credit_note(self, version: Content, answer: Any) -> str:
        """How a partly right answer earned its share of the mark, in words ("" if all or none)."""
        return ""

    def option_labels(self, version: Content) -> list[str]:
        """The options a response picks among, for distractor analysis ([] when there are none)."""
        return []

    def picked_labels(self, answer: Any) -> list[str]:
        """Which of ``option_labels`` a saved canonical answer picked ([] for other types)."""
        return []

    def in_words(self, answer: Any) -> str:
        """An answer of this type (the key or a learner's) as a learner reads it."""
        return "; ".join(answer) if isinstance(answer, list) else str(answer)

    def answer_from_text(self, text: str) -> Any:
        """The authoring form's answer box in this type's answer shape; ContentError if bad."""
        return text.strip()

    def answer_to_text(self, answer: Any) -> str:
        """A stored answer written back the way the authoring form's answer box takes it."""
        if isinstance(answer, list):
            return "\n".join(str(item) for item in answer)
        return str(answer)


def shuffled(items: Sequence[Any], rng: random.Random, avoid: Sequence[Any] | None = None) -> list:
    """A shuffled copy of ``items``; when ``avoid`` is given and can be avoided, not equal to it."""
    result = list(items)
    for _ in range(10):
        rng.shuffle(result)
        if avoid is None or result != list(avoid) or len(set(map(repr, result))) < 2:
            break
    return result
