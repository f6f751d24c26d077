"""Item statistics as Moodle computes them, on each learner's first attempt at a question.

Pure functions over plain rows, so that they are tested on hand-computed examples;
``load_observations`` (in item_data.py) fetches the rows in a bounded number of queries.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

MIN_RESPONSES_FOR_FLAGS = 10
DISCRIMINATION_FLOOR = 20.0
FACILITY_RANGE = (10.0, 95.0)
CHOICE_TYPES = ("multiple_choice", "multiple_response", "true_false")


@dataclass(frozen=True)
class ServedRow:
    """One question served in a finished attempt, with its response score (None: unanswered)."""

    user_id: int
    attempt_id: int
    finished_at: datetime
    question_id: str
    version_id: int
    score: float | None
    answer: Any = None


@dataclass(frozen=True)
class Observation:
    """A learner's first attempt at a question: the item's score and the rest of the attempt's."""

    user_id: int
    question_id: str
    version_id: int
    item_score: float
    rest_score: float
    answer: Any


@dataclass
class ItemStatistics:
    """Statistics of one question version."""

    question_id: str
    version_id: int
    responses: int
    facility: float | None
    discrimination: float | None
    choice_shares: list[tuple[str, int, float]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def first_attempt_observations(rows: Iterable[ServedRow]) -> list[Observation]:
    """Each learner's first finished attempt that served each question, with the rest score."""
    rows = list(rows)
    totals: dict[int, float] = defaultdict(float)
    for row in rows:
        totals[row.attempt_id] += row.score or 0.0
    first: dict[tuple[int, str], ServedRow] = {}
    for row in rows:
        key = (row.user_id, row.question_id)
        kept = first.get(key)
        if kept is None or (row.finished_at, row.attempt_id) < (kept.finished_at, kept.attempt_id):
            first[key] = row
    observations = []
    for row in first.values():
        item = row.score or 0.0
        observations.append(
            Observation(
                row.user_id,
                row.question_id,
                row.version_id,
                item,
                totals[row.attempt_id] - item,
                row.answer,
            )
        )
    return sorted(observations, key=lambda o: (o.question_id, o.version_id, o.user_id))


def facility(scores: Sequence[float]) -> float | None:
    """Mean score as a percentage of the item's maximum (1.0); None without responses."""
    if not scores:
        return None
    return 100.0 * sum(scores) / len(scores)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None when undefined (fewer than 2 pairs or no spread)."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("pearson() needs two sequences of the same length")
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def discrimination(item_scores: Sequence[float], rest_scores: Sequence[float]) -> float | None:
    """Discrimination index: the item–rest correlation ×100 (None when undefined)."""
    r = pearson(item_scores, rest_scores)
    return None if r is None else 100.0 * r


def choice_shares(
    question_type: str, choices: Sequence[str], answers: Sequence[Any]
) -> list[tuple[str, int, float]]:
    """(choice, learners who picked it, % of responses) for choice types; [] for others."""
    if question_type not in CHOICE_TYPES or not answers:
        return []
    if question_type == "true_false":
        options: list[Any] = [True, False]
        labels = ["True", "False"]
    else:
        options, labels = list(choices), list(choices)
    counts = dict.fromkeys(range(len(options)), 0)
    for answer in answers:
        picked = answer if isinstance(answer, list) else [answer]
        for index, option in enumerate(options):
            if any(p == option and type(p) is type(option) for p in picked):
                counts[index] += 1
    total = len(answers)
    return [(labels[i], counts[i], 100.0 * counts[i] / total) for i in range(len(options))]


def item_flags(responses: int, facility_pct: float | None, discrimination_idx: float | None):
    """Reasons to look at an item again, once it has enough responses."""
    if responses < MIN_RESPONSES_FOR_FLAGS:
        return []
    flags = []
    low, high = FACILITY_RANGE
    if facility_pct is not None and not low <= facility_pct <= high:
        flags.append(f"facility {facility_pct:.0f}% is outside {low:.0f}–{high:.0f}%")
    if discrimination_idx is None:
        flags.append("discrimination cannot be computed (no spread in scores)")
    elif discrimination_idx < DISCRIMINATION_FLOOR:
        flags.append(f"discrimination {discrimination_idx:.0f} is below {DISCRIMINATION_FLOOR:.0f}")
    return flags


def item_statistics(
    observations: Iterable[Observation], versions: dict[int, tuple[str, Sequence[str]]]
) -> list[ItemStatistics]:
    """Statistics per question version; ``versions`` maps version id to (type, choices)."""
    grouped: dict[tuple[str, int], list[Observation]] = defaultdict(list)
    for observation in observations:
        grouped[(observation.question_id, observation.version_id)].append(observation)
    results = []
    for (question_id, version_id), group in sorted(grouped.items()):
        items = [o.item_score for o in group]
        rests = [o.rest_score for o in group]
        fac, disc = facility(items), discrimination(items, rests)
        qtype, choices = versions.get(version_id, ("", ()))
        answered = [o.answer for o in group if o.answer is not None]
        results.append(
            ItemStatistics(
                question_id,
                version_id,
                len(group),
                fac,
                disc,
                choice_shares(qtype, choices, answered),
                item_flags(len(group), fac, disc),
            )
        )
    return results
