"""Item statistics on hand-computed examples (facility, discrimination, choice shares, flags)."""

from __future__ import annotations

import math
import statistics
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.instructor.statistics import (
    ServedRow,
    choice_shares,
    discrimination,
    facility,
    first_attempt_observations,
    item_flags,
    item_statistics,
    pearson,
)

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)

# Four learners, one attempt each, three questions (version ids 11, 21, 31):
#   learner  q1 q2 q3  total
#   1        1  1  1   3
#   2        1  0  1   2
#   3        0  1  0   1
#   4        0  0  0   0
GRID = {1: (1, 1, 1), 2: (1, 0, 1), 3: (0, 1, 0), 4: (0, 0, 0)}


def rows_for(grid, *, attempt_base=100, when=T0):
    rows = []
    for user_id, scores in grid.items():
        for index, score in enumerate(scores):
            rows.append(
                ServedRow(
                    user_id=user_id,
                    attempt_id=attempt_base + user_id,
                    finished_at=when,
                    question_id=f"q{index + 1}",
                    version_id=(index + 1) * 10 + 1,
                    score=score,
                )
            )
    return rows


def test_pearson_on_a_hand_computed_example():
    # x = 1,1,0,0 ; y = 2,1,1,0: sxy = 1, sxx = 1, syy = 2, r = 1/sqrt(2)
    assert pearson([1, 1, 0, 0], [2, 1, 1, 0]) == pytest.approx(1 / math.sqrt(2))
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [6, 4, 2]) == pytest.approx(-1.0)


def test_pearson_is_undefined_without_spread_or_pairs():
    assert pearson([1, 1, 1], [0, 1, 2]) is None
    assert pearson([0, 1], [3, 3]) is None
    assert pearson([1], [1]) is None
    with pytest.raises(ValueError, match="same length"):
        pearson([1, 2], [1])


def test_facility_is_the_mean_score_in_percent():
    assert facility([1, 0, 0.5, 1]) == pytest.approx(62.5)
    assert facility([]) is None


def test_discrimination_uses_the_rest_of_the_attempt_not_the_total():
    observations = first_attempt_observations(rows_for(GRID))
    by_question = {}
    for o in observations:
        by_question.setdefault(o.question_id, []).append(o)
    q1 = sorted(by_question["q1"], key=lambda o: o.user_id)
    assert [o.item_score for o in q1] == [1, 1, 0, 0]
    assert [o.rest_score for o in q1] == [2, 1, 1, 0]  # total minus the item itself
    stats = {s.question_id: s for s in item_statistics(observations, {})}
    assert stats["q1"].facility == pytest.approx(50.0)
    assert stats["q1"].discrimination == pytest.approx(100 / math.sqrt(2))  # 70.71
    # q2: x = 1,0,1,0 ; rest = 2,2,0,0 → sxy = .5 - .5 - .5 + .5 = 0
    assert stats["q2"].discrimination == pytest.approx(0.0)
    assert stats["q3"].discrimination == pytest.approx(70.71, abs=0.01)
    assert discrimination([1, 0, 1, 0], [2, 2, 0, 0]) == pytest.approx(0.0)


def test_only_each_learners_first_finished_attempt_counts():
    first = rows_for(GRID)
    # learner 1 tries again later and gets q1 wrong: ignored; learner 4 retries, also ignored
    later = rows_for({1: (0, 1, 1), 4: (1, 1, 1)}, attempt_base=200, when=T0 + timedelta(days=1))
    observations = first_attempt_observations(later + first)  # order of rows must not matter
    q1 = {o.user_id: o.item_score for o in observations if o.question_id == "q1"}
    assert q1 == {1: 1, 2: 1, 3: 0, 4: 0}
    assert len(observations) == 12


def test_partial_scores_and_unanswered_questions():
    rows = [
        ServedRow(1, 1, T0, "q1", 11, 0.5),
        ServedRow(1, 1, T0, "q2", 21, None),  # served, not answered: counts as 0
        ServedRow(2, 2, T0, "q1", 11, 1.0),
        ServedRow(2, 2, T0, "q2", 21, 1.0),
    ]
    observations = first_attempt_observations(rows)
    stats = {s.question_id: s for s in item_statistics(observations, {})}
    assert stats["q1"].facility == pytest.approx(75.0)
    assert stats["q2"].facility == pytest.approx(50.0)
    assert stats["q2"].responses == 2
    # q1: x = .5, 1 ; rest = 0, 1 → perfectly correlated
    assert stats["q1"].discrimination == pytest.approx(100.0)


def test_statistics_are_kept_apart_per_version():
    rows = [
        ServedRow(1, 1, T0, "q1", 11, 1.0),
        ServedRow(2, 2, T0, "q1", 11, 0.0),
        ServedRow(3, 3, T0, "q1", 12, 1.0),  # the edited version
    ]
    stats = item_statistics(first_attempt_observations(rows), {})
    assert [(s.version_id, s.responses, s.facility) for s in stats] == [
        (11, 2, 50.0),
        (12, 1, 100.0),
    ]


def test_choice_shares_for_each_choice_type():
    shares = choice_shares("multiple_choice", ["A", "B", "C"], ["A", "A", "B"])
    assert [(c, n) for c, n, _ in shares] == [("A", 2), ("B", 1), ("C", 0)]
    assert shares[0][2] == pytest.approx(200 / 3)
    shares = choice_shares("multiple_response", ["A", "B", "C"], [["A", "B"], ["A"]])
    assert shares == [("A", 2, 100.0), ("B", 1, 50.0), ("C", 0, 0.0)]
    shares = choice_shares("true_false", [], [True, False, True, True])
    assert shares == [("True", 3, 75.0), ("False", 1, 25.0)]
    assert choice_shares("short_answer", [], ["Moscow"]) == []
    assert choice_shares("multiple_choice", ["A"], []) == []


def test_true_false_shares_do_not_confuse_booleans_with_numbers():
    assert choice_shares("true_false", [], [1, 0]) == [("True", 0, 0.0), ("False", 0, 0.0)]


def test_flags_need_ten_responses():
    assert item_flags(9, 100.0, 0.0) == []
    assert item_flags(10, 50.0, 45.0) == []
    assert any("facility 100%" in f for f in item_flags(10, 100.0, 45.0))
    assert any("facility 5%" in f for f in item_flags(12, 5.0, 45.0))
    assert any("discrimination 15" in f for f in item_flags(10, 50.0, 15.0))
    assert item_flags(10, 95.0, 20.0) == []  # the bounds themselves are fine
    assert item_flags(10, 10.0, 20.0) == []
    assert any("cannot be computed" in f for f in item_flags(10, 50.0, None))


def test_item_statistics_flag_and_shares_end_to_end():
    rows = []
    # 10 learners: q1 right for everyone (facility 100 → flagged), q2 varies
    for user in range(1, 11):
        rows.append(ServedRow(user, user, T0, "q1", 11, 1.0, "A"))
        rows.append(ServedRow(user, user, T0, "q2", 21, float(user % 2), user % 2 == 1))
    versions = {11: ("multiple_choice", ["A", "B"]), 21: ("true_false", [])}
    stats = {s.question_id: s for s in item_statistics(first_attempt_observations(rows), versions)}
    assert stats["q1"].flagged and stats["q1"].responses == 10
    assert stats["q1"].choice_shares == [("A", 10, 100.0), ("B", 0, 0.0)]
    assert stats["q2"].choice_shares == [("True", 5, 50.0), ("False", 5, 50.0)]


scores = st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=2, max_size=30)


@given(st.data())
def test_pearson_agrees_with_the_standard_library(data):
    xs = data.draw(scores)
    ys = data.draw(st.lists(st.floats(0, 20), min_size=len(xs), max_size=len(xs)))
    ours = pearson(xs, ys)
    try:
        expected = statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        assert ours is None
    else:
        if ours is None:  # a spread so small that only rounding separates it from none
            assert min(statistics.pvariance(xs), statistics.pvariance(ys)) < 1e-12
        else:
            assert ours == pytest.approx(expected, abs=1e-9)
            assert -1 - 1e-9 <= ours <= 1 + 1e-9


@given(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 3), scores), min_size=1))
def test_statistics_do_not_depend_on_row_order(attempts):
    rows = []
    for number, (user, day, item_scores) in enumerate(attempts):
        for index, score in enumerate(item_scores[:4]):
            rows.append(
                ServedRow(user, number, T0 + timedelta(days=day), f"q{index}", index, score)
            )
    forward = item_statistics(first_attempt_observations(rows), {})
    backward = item_statistics(first_attempt_observations(list(reversed(rows))), {})
    assert [(s.question_id, s.responses, s.facility) for s in forward] == [
        (s.question_id, s.responses, s.facility) for s in backward
    ]
    for item in forward:
        assert 0 <= item.facility <= 100
        assert item.discrimination is None or -100.0001 <= item.discrimination <= 100.0001
