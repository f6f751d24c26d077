"""Item analysis equals Moodle's formulas, computed here independently on a hand-made matrix."""

from __future__ import annotations

import math
import statistics
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.bank.statistics.analysis import (
    BadSort,
    ItemInfo,
    ServedRow,
    analyse,
    sort_items,
    sorted_cross_sum,
)
from app.questions import get_type
from app.questions.base import QuestionContent

T0 = datetime(2026, 3, 1, 10, tzinfo=UTC)

# Six learners, one attempt each, four positions. Position k serves question q{k} except
# that learners 5 and 6 got q5 instead of q4 at position 4 (a random draw from the section).
MATRIX = {
    1: {"q1": 1.0, "q2": 1.0, "q3": 1.0, "q4": 1.0},
    2: {"q1": 1.0, "q2": 1.0, "q3": 0.5, "q4": 0.0},
    3: {"q1": 1.0, "q2": 0.0, "q3": 1.0, "q4": 1.0},
    4: {"q1": 0.0, "q2": 1.0, "q3": 0.0, "q4": 0.0},
    5: {"q1": 1.0, "q2": 0.0, "q3": 0.0, "q5": 1.0},
    6: {"q1": 0.0, "q2": 0.0, "q3": 0.5, "q5": 0.0},
}
ANSWERS = {  # multiple-choice q1: A is the key
    1: "A", 2: "A", 3: "A", 4: "B", 5: "A", 6: None,
}  # fmt: skip
VERSION = {"q1": 11, "q2": 21, "q3": 31, "q4": 41, "q5": 51}


def rows_of(matrix, answers=None, *, base=100, when=T0):
    rows = []
    for user, marks in matrix.items():
        for position, (qid, mark) in enumerate(marks.items(), start=1):
            answer = (answers or {}).get(user) if qid == "q1" else None
            rows.append(
                ServedRow(base + user, user, when + timedelta(minutes=user), position, qid,
                          VERSION[qid], mark, answer)
            )  # fmt: skip
    return rows


def mc_info(version_id: int) -> ItemInfo:
    qtype = get_type("multiple_choice")
    if version_id == 11:
        content = QuestionContent(stem="?", answer="A", choices=["A", "B", "C", "D"])
        guess = qtype.random_guess_score(content)
        return ItemInfo(guess, ("A", "B", "C", "D"), qtype.picked_labels)
    return ItemInfo(0.0)


def moodle_item(xs, rs):
    """Moodle's per-item figures from plain lists, with the statistics module."""
    n = len(xs)
    cov = statistics.covariance(xs, rs)
    covmax = statistics.covariance(sorted(xs), sorted(rs))
    vx, vr = statistics.variance(xs), statistics.variance(rs)
    return {
        "facility": 100 * statistics.mean(xs),
        "sd": 100 * statistics.stdev(xs) if n > 1 else None,
        "discrimination": 100 * cov / math.sqrt(vx * vr) if vx * vr else None,
        "efficiency": 100 * cov / covmax if covmax else None,
    }


def expected_items():
    totals = {user: sum(marks.values()) for user, marks in MATRIX.items()}
    by_q = {}
    for user, marks in MATRIX.items():
        for qid, mark in marks.items():
            by_q.setdefault(qid, ([], []))
            by_q[qid][0].append(mark)
            by_q[qid][1].append(totals[user] - mark)
    return {qid: moodle_item(xs, rs) for qid, (xs, rs) in by_q.items() if len(xs) > 1}


def test_item_figures_equal_moodles_formulas():
    analysis = analyse(rows_of(MATRIX, ANSWERS), mc_info)
    items = {i.question_id: i for i in analysis.items}
    for qid, expected in expected_items().items():
        for name, value in expected.items():
            got = getattr(items[qid], name)
            assert (got is None) == (value is None), (qid, name)
            if value is not None:
                assert got == pytest.approx(value, abs=1e-9), (qid, name)
    assert items["q4"].responses == 4 and items["q5"].responses == 2


def test_hand_computed_values_for_one_item():
    # q2: x = 1,1,0,1,0,0 and the rest of each attempt r = 3, 1.5, 3, 0, 2, 0.5
    items = {i.question_id: i for i in analyse(rows_of(MATRIX), mc_info).items}
    q2 = items["q2"]
    assert q2.facility == pytest.approx(50.0)
    assert q2.sd == pytest.approx(100 * math.sqrt(0.3))  # var = 6 * .25 / 5
    xs, rs = [1, 1, 0, 1, 0, 0], [3, 1.5, 3, 0, 2, 0.5]
    cov = sum((x - 0.5) * (r - 10 / 6) for x, r in zip(xs, rs, strict=True)) / 5
    covmax = sum((x - 0.5) * (r - 10 / 6) for x, r in zip(sorted(xs), sorted(rs), strict=True)) / 5
    assert q2.efficiency == pytest.approx(100 * cov / covmax)
    assert q2.flagged == (100 * cov / covmax < 15)


def test_test_figures_equal_moodles_formulas():
    analysis = analyse(rows_of(MATRIX), mc_info)
    totals = [sum(marks.values()) for marks in MATRIX.values()]
    p = 4
    k2 = statistics.variance(totals)
    position_vars = [statistics.variance([list(m.values())[k] for m in MATRIX.values()])
                     for k in range(p)]  # fmt: skip
    alpha = 100 * p / (p - 1) * (1 - sum(position_vars) / k2)
    error_ratio = 100 * math.sqrt(1 - alpha / 100)
    standard_error = error_ratio * math.sqrt(k2) / 100
    test = analysis.test
    assert test.attempts == 6 and test.positions == 4
    assert test.mean == pytest.approx(100 * statistics.mean(totals) / p)
    assert test.sd == pytest.approx(100 * statistics.stdev(totals) / p)
    assert test.alpha == pytest.approx(alpha)
    assert test.error_ratio == pytest.approx(error_ratio)
    assert test.standard_error == pytest.approx(100 * standard_error / p)
    assert test.flagged == (alpha < 64)


def test_a_consistent_test_is_not_flagged_and_an_inconsistent_one_is():
    # Guttman pattern: every item agrees with the total -> high alpha
    steady = {u: {f"q{k}": float(k <= u) for k in range(1, 5)} for u in range(0, 5)}
    rows = rows_of({u + 1: marks for u, marks in steady.items()})
    assert analyse(rows, mc_info).test.alpha > 64
    assert not analyse(rows, mc_info).test.flagged
    # items that hardly agree with one another (alpha is negative here)
    noisy = {1: [1, 0, 0, 0], 2: [0, 1, 0, 0], 3: [0, 0, 1, 0], 4: [1, 1, 0, 1], 5: [0, 0, 0, 1],
             6: [1, 0, 1, 1]}  # fmt: skip
    rows = rows_of({u: {f"q{k + 1}": float(v) for k, v in enumerate(m)} for u, m in noisy.items()})
    assert analyse(rows, mc_info).test.flagged


def test_only_each_learners_first_attempt_counts():
    first = rows_of(MATRIX)
    later = rows_of({1: {"q1": 0.0, "q2": 0.0, "q3": 0.0, "q4": 0.0}}, base=900,
                    when=T0 + timedelta(days=1))  # fmt: skip
    items = {i.question_id: i for i in analyse(first + later, mc_info).items}
    assert items["q1"].responses == 6
    assert items["q1"].facility == pytest.approx(100 * 4 / 6)


def test_distractors_count_picks_and_the_upper_and_lower_groups():
    analysis = analyse(rows_of(MATRIX, ANSWERS), mc_info)
    q1 = next(i for i in analysis.items if i.question_id == "q1")
    assert q1.random_guess == pytest.approx(25.0)
    counts = {o.label: o.count for o in q1.options}
    assert counts == {"A": 4, "B": 1, "C": 0, "D": 0}
    assert q1.no_response == 1
    # totals: 4, 2.5, 3, 1, 2, 0.5 -> 27 % of 6 is 2 learners: upper >= 3, lower <= 1
    assert (analysis.test.upper_from, analysis.test.lower_to) == (3.0, 1.0)
    a = next(o for o in q1.options if o.label == "A")
    b = next(o for o in q1.options if o.label == "B")
    assert (a.upper, a.lower) == (2, 0)
    assert (b.upper, b.lower) == (0, 1)
    assert a.share == pytest.approx(100 * 4 / 6)


def test_undefined_figures_are_none_not_errors():
    same = {1: {"q1": 1.0, "q2": 1.0}, 2: {"q1": 1.0, "q2": 0.0}}
    analysis = analyse(rows_of(same), mc_info)
    q1 = next(i for i in analysis.items if i.question_id == "q1")
    assert q1.sd == 0 and q1.discrimination is None and q1.efficiency is None
    assert not q1.flagged
    assert analysis.test.alpha is None  # Moodle needs more than two attempts
    lone = analyse(rows_of({1: {"q1": 1.0}}), mc_info)
    assert lone.items[0].sd is None and lone.test.sd is None
    empty = analyse([], mc_info)
    assert empty.items == [] and empty.test.attempts == 0 and empty.test.mean is None


def test_sorting_keeps_flagged_items_first():
    items = analyse(rows_of(MATRIX), mc_info).items
    for column in ("facility", "sd", "discrimination", "efficiency", "responses", "guess"):
        for descending in (False, True):
            ordered = sort_items(items, column, descending)
            flags = [i.flagged for i in ordered]
            assert flags == sorted(flags, reverse=True)
    by_facility = [i.facility for i in sort_items(items, "facility", False) if not i.flagged]
    assert by_facility == sorted(by_facility)
    with pytest.raises(BadSort):
        sort_items(items, "id", False)


def test_random_guess_scores_come_from_the_question_types():
    mc = QuestionContent(stem="?", answer="A", choices=["A", "B", "C"])
    assert get_type("multiple_choice").random_guess_score(mc) == pytest.approx(1 / 3)
    assert get_type("true_false").random_guess_score(QuestionContent("?", True)) == 0.5
    mr = QuestionContent(stem="?", answer=["A"], choices=["A", "B", "C"])
    assert get_type("multiple_response").random_guess_score(mr) is None
    match = QuestionContent("?", [["a", "1"], ["b", "2"]], choices=["1", "2", "3", "4"])
    assert get_type("matching").random_guess_score(match) == pytest.approx(0.25)
    assert get_type("ordering").random_guess_score(QuestionContent("?", ["a", "b"])) == 0.0
    assert get_type("short_answer").random_guess_score(QuestionContent("?", "Moscow")) == 0.0
    assert get_type("true_false").picked_labels(1) == []
    assert get_type("true_false").picked_labels(False) == ["False"]
    assert get_type("multiple_response").picked_labels(["A", 3]) == ["A"]


@given(st.lists(st.floats(0, 5), min_size=1, max_size=30), st.data())
def test_sorted_cross_sum_pairs_sorted_values(xs, data):
    ys = data.draw(st.lists(st.floats(0, 5), min_size=len(xs), max_size=len(xs)))
    from collections import Counter

    expected = sum(x * y for x, y in zip(sorted(xs), sorted(ys), strict=True))
    assert sorted_cross_sum(Counter(xs), Counter(ys)) == pytest.approx(expected, abs=1e-9)


@given(st.lists(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=3, max_size=3),
                min_size=3, max_size=25))  # fmt: skip
def test_streaming_sums_agree_with_the_statistics_module(matrix):
    grid = {u + 1: {f"q{k + 1}": m for k, m in enumerate(marks)} for u, marks in enumerate(matrix)}
    analysis = analyse(rows_of(grid), mc_info)
    totals = [sum(marks) for marks in matrix]
    k2 = statistics.variance(totals)
    if k2 > 1e-9:
        pos = [statistics.variance([m[k] for m in matrix]) for k in range(3)]
        assert analysis.test.alpha == pytest.approx(150 * (1 - sum(pos) / k2), abs=1e-6)
    for item in analysis.items:
        k = int(item.question_id[1:]) - 1
        xs = [m[k] for m in matrix]
        assert item.sd == pytest.approx(100 * statistics.stdev(xs), abs=1e-6)
