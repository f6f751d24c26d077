"""Item analysis as Moodle's quiz statistics report computes it, in one pass over the responses.

"The test" is one section quiz in test mode with a given number of questions; each learner's
first finished attempt at it counts (Moodle's "first attempts"). The questions are drawn at
random from the section, so, as for Moodle's random-question slots, the quiz-level figures are
per position (1..p) and the item figures per question version.

Formulas, from Moodle's source:

- question/classes/statistics/questions/calculator.php (per item, s = responses, x the item's
  mark, r the rest of the attempt, all variances and covariances over s - 1):
  facility = mean(x) / max mark; sd = sqrt(var(x));
  discrimination index = 100 cov(x, r) / sqrt(var(x) var(r));
  discriminative efficiency = 100 cov(x, r) / covmax(x, r), covmax being the covariance of x and
  r each sorted ascending (the largest covariance their values allow);
  random guess score = the question type's get_random_guess_score.
  For a random question's sub-question Moodle correlates with the whole total; here every
  question is correlated with the rest of the attempt, as Moodle does for a fixed position.
- mod/quiz/report/statistics/classes/calculator.php (the quiz, p positions, T the totals):
  sd = sqrt(sum (T - mean)^2 / (s - 1)) = sqrt(k2);
  coefficient of internal consistency (Cronbach's alpha)
  cic = 100 p / (p - 1) (1 - sum over positions of var(mark) / k2), when s > 2 and p > 1;
  error ratio = 100 sqrt(1 - cic / 100); standard error = error ratio * sd / 100.
- mod/quiz/report/statistics/statistics_table.php: a question is dubious when its
  discriminative efficiency is below 15 %; Moodle's guidance wants cic of 64 % or more.

Unanswered questions of a finished attempt score 0 (Moodle counts their null mark as 0).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from .moments import Moments, sorted_cross_sum

DUBIOUS_EFFICIENCY = 15.0  # %, Moodle's is_dubious_question
LOW_ALPHA = 64.0  # %
GROUP_SHARE = 0.27  # Kelley's upper and lower groups for the distractor table


@dataclass(frozen=True)
class ServedRow:
    """One question served in a finished attempt, with its score (None: not answered)."""

    attempt_id: int
    user_id: int
    finished_at: datetime
    position: int
    question_id: str
    version_id: int
    score: float | None
    answer: Any = None


@dataclass(frozen=True)
class ItemInfo:
    """What the question type says about a version: random-guess score, options and picks."""

    random_guess: float | None = 0.0
    options: tuple[str, ...] = ()
    picked: Callable[[Any], list[str]] = field(default=lambda answer: [])


@dataclass
class ItemAccumulator:
    """Sums for one question version: item mark x against the rest of the attempt r."""

    moments: Moments = field(default_factory=Moments)
    marks: Counter = field(default_factory=Counter)
    rests: Counter = field(default_factory=Counter)
    # option label (None: no response) -> Counter of the attempt totals of those who picked it
    picks: dict[str | None, Counter] = field(default_factory=lambda: defaultdict(Counter))


@dataclass
class OptionRow:
    """How often one option was picked: by everyone, the upper and the lower group."""

    label: str
    count: int
    share: float
    upper: int | None
    lower: int | None


@dataclass
class ItemFigures:
    """Moodle's figures for one question version (percentages; None when undefined)."""

    question_id: str
    version_id: int
    responses: int
    facility: float | None
    sd: float | None
    random_guess: float | None
    discrimination: float | None
    efficiency: float | None
    options: list[OptionRow]
    no_response: int

    @property
    def flagged(self) -> bool:
        """Moodle's dubious question: discriminative efficiency below 15 %."""
        return self.efficiency is not None and self.efficiency < DUBIOUS_EFFICIENCY


@dataclass
class TestFigures:
    """The quiz as a whole: attempts, mean, sd, alpha, error ratio, standard error (% of max)."""

    attempts: int
    positions: int
    mean: float | None
    sd: float | None
    alpha: float | None
    error_ratio: float | None
    standard_error: float | None
    upper_from: float | None = None
    lower_to: float | None = None

    @property
    def flagged(self) -> bool:
        """Internal consistency below 64 %."""
        return self.alpha is not None and self.alpha < LOW_ALPHA


@dataclass
class Analysis:
    """The item figures and the test figures of one test."""

    items: list[ItemFigures]
    test: TestFigures


def _item_figures(
    key: tuple[str, int], acc: ItemAccumulator, info: ItemInfo, groups: tuple[float, float] | None
) -> ItemFigures:
    m = acc.moments
    var_x, var_r, cov = m.var_x(), m.var_y(), m.cov()
    discrimination = efficiency = sd = None
    if var_x is not None:
        sd = 100.0 * math.sqrt(var_x)
        if var_x * var_r:
            discrimination = 100.0 * cov / math.sqrt(var_x * var_r)
        cov_max = (sorted_cross_sum(acc.marks, acc.rests) - m.sx * m.sy / m.n) / (m.n - 1)
        if abs(cov_max) > 1e-12:
            efficiency = 100.0 * cov / cov_max
    options = []
    for label in info.options:
        totals = acc.picks.get(label, Counter())
        count = sum(totals.values())
        upper = lower = None
        if groups is not None:
            upper = sum(c for t, c in totals.items() if t >= groups[0])
            lower = sum(c for t, c in totals.items() if t <= groups[1])
        options.append(OptionRow(label, count, 100.0 * count / m.n, upper, lower))
    guess = None if info.random_guess is None else 100.0 * info.random_guess
    no_response = sum(acc.picks.get(None, Counter()).values())
    return ItemFigures(
        key[0], key[1], m.n, 100.0 * m.mean_x(), sd, guess, discrimination, efficiency,
        options, no_response,
    )  # fmt: skip


def _groups(totals: Counter) -> tuple[float, float] | None:
    """(lowest total of the upper 27 %, highest total of the lower 27 %), ties included."""
    ordered = sorted(totals.elements())
    size = math.ceil(GROUP_SHARE * len(ordered))
    if size == 0:
        return None
    upper_from, lower_to = ordered[-size], ordered[size - 1]
    return (upper_from, lower_to) if upper_from > lower_to else None


def _test_figures(totals: Moments, position_moments: dict[int, Moments], groups) -> TestFigures:
    s, p = totals.n, len(position_moments)
    mean = sd = alpha = error_ratio = standard_error = None
    if s:
        mean = 100.0 * totals.mean_x() / p
    k2 = totals.var_x()
    if k2 is not None:
        sd = math.sqrt(k2)
        if s > 2 and p > 1 and k2:
            summed = sum(m.var_x() or 0.0 for m in position_moments.values())
            alpha = 100.0 * p / (p - 1) * (1 - summed / k2)
            error_ratio = 100.0 * math.sqrt(max(0.0, 1 - alpha / 100))
            standard_error = 100.0 * (error_ratio * sd / 100) / p
        sd = 100.0 * sd / p
    upper, lower = groups if groups else (None, None)
    return TestFigures(s, p, mean, sd, alpha, error_ratio, standard_error, upper, lower)


def analyse(rows: Iterable[ServedRow], info: Callable[[int], ItemInfo]) -> Analysis:
    """Moodle's item and test figures of the first finished attempt of each learner.

    ``rows`` come ordered by (finished_at, attempt_id), an attempt's rows together; ``info``
    gives a version's question-type facts. Each row is read once; an attempt is held only
    while its own rows go by.
    """
    seen: set[int] = set()
    items: dict[tuple[str, int], ItemAccumulator] = defaultdict(ItemAccumulator)
    positions: dict[int, Moments] = defaultdict(Moments)
    totals, total_counts = Moments(), Counter()
    for _attempt, group in groupby(rows, key=lambda row: row.attempt_id):
        attempt = list(group)
        if attempt[0].user_id in seen:
            continue  # not this learner's first attempt
        seen.add(attempt[0].user_id)
        total = sum(row.score or 0.0 for row in attempt)
        totals.add(total)
        total_counts[total] += 1
        for row in attempt:
            mark = row.score or 0.0
            acc = items[(row.question_id, row.version_id)]
            acc.moments.add(mark, total - mark)
            acc.marks[mark] += 1
            acc.rests[total - mark] += 1
            labels = info(row.version_id).picked(row.answer) if row.answer is not None else []
            for label in labels or [None]:
                acc.picks[label][total] += 1
            positions[row.position].add(mark)
    groups = _groups(total_counts)
    figures = [_item_figures(key, acc, info(key[1]), groups) for key, acc in items.items()]
    return Analysis(figures, _test_figures(totals, positions, groups))


SORT_KEYS: dict[str, Callable[[ItemFigures], Any]] = {
    "facility": lambda i: i.facility,
    "sd": lambda i: i.sd,
    "guess": lambda i: i.random_guess,
    "discrimination": lambda i: i.discrimination,
    "efficiency": lambda i: i.efficiency,
    "responses": lambda i: i.responses,
}
DEFAULT_SORT = "efficiency"


class BadSort(ValueError):
    """An unknown sort column or direction."""


def sort_items(items: list[ItemFigures], column: str, descending: bool) -> list[ItemFigures]:
    """Flagged items first; within each group by ``column`` (figures that are undefined last)."""
    if column not in SORT_KEYS:
        raise BadSort(f"Sort by one of: {', '.join(SORT_KEYS)}.")
    value = SORT_KEYS[column]
    defined = [i for i in items if value(i) is not None]
    undefined = [i for i in items if value(i) is None]
    defined.sort(key=lambda i: (value(i), i.question_id, i.version_id), reverse=descending)
    undefined.sort(key=lambda i: (i.question_id, i.version_id))
    ordered = defined + undefined
    return [i for i in ordered if i.flagged] + [i for i in ordered if not i.flagged]
