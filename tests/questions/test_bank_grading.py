"""Grading every question of the shipped bank: its key scores 1, near misses do not."""

from __future__ import annotations

from collections import defaultdict

import pytest

from app.generation.files import read_bank
from app.questions import ContentError, QuestionContent, get_type, grade_short_answer
from app.questions.normalise import compact, parse_dates
from tests.conftest import PROJECT_ROOT

BANK = [q for bank in read_bank(PROJECT_ROOT / "question_bank") for q in bank["questions"]]
BY_TYPE = defaultdict(list)
for _q in BANK:
    BY_TYPE[_q["type"]].append(_q)


def ids(questions):
    return [q["id"] for q in questions]


def grade(q, response):
    return get_type(q["type"]).grade(QuestionContent.from_dict(q), response)


def test_the_bank_has_every_type():
    assert set(BY_TYPE) == {
        "multiple_choice", "multiple_response", "true_false", "short_answer", "matching",
        "ordering",
    }  # fmt: skip


@pytest.mark.parametrize("q", BANK, ids=ids(BANK))
def test_every_bank_question_is_valid_content_and_its_key_scores_one(q):
    try:
        get_type(q["type"]).validate_content(q)
    except ContentError as exc:  # pragma: no cover - the message says which rule failed
        pytest.fail(f"{q['id']}: {exc}")
    assert grade(q, q["answer"]) == 1.0


@pytest.mark.parametrize("q", BY_TYPE["multiple_choice"], ids=ids(BY_TYPE["multiple_choice"]))
def test_multiple_choice_every_distractor_scores_zero(q):
    for choice in q["choices"]:
        if choice != q["answer"]:
            assert grade(q, choice) == 0.0


MR = BY_TYPE["multiple_response"]


@pytest.mark.parametrize("q", MR, ids=ids(MR))
def test_multiple_response_partial_credit(q):
    key, wrong = q["answer"], [c for c in q["choices"] if c not in q["answer"]]
    n = len(key)
    assert grade(q, key[:-1]) == pytest.approx((n - 1) / n)
    if wrong:
        assert grade(q, key + wrong[:1]) == pytest.approx((n - 1) / n)
        assert grade(q, wrong) == 0.0
        assert grade(q, key[:1] + wrong) == 0.0 or n > len(wrong)


@pytest.mark.parametrize("q", BY_TYPE["true_false"], ids=ids(BY_TYPE["true_false"]))
def test_true_false_the_other_value_scores_zero(q):
    assert grade(q, not q["answer"]) == 0.0


SA = BY_TYPE["short_answer"]


@pytest.mark.parametrize("q", SA, ids=ids(SA))
def test_short_answer_accepts_its_forms(q):
    content = QuestionContent.from_dict(q)
    key = q["answer"]
    for form in [
        key,
        *q.get("accepted", []),
        key.upper(),
        f" {key.lower()}. ",
        key.replace("-", " "),
    ]:
        assert grade_short_answer(content, form) == 1.0, form


@pytest.mark.parametrize("q", SA, ids=ids(SA))
def test_short_answer_never_accepts_another_term_of_its_class(q):
    """Other short-answer keys of the same class (dates, or terms) and MC siblings' distractors."""
    content = QuestionContent.from_dict(q)
    own = {compact(f) for f in [q["answer"], *q.get("accepted", [])]}
    is_date = bool(parse_dates(q["answer"]))
    others = {other["answer"] for other in SA if bool(parse_dates(other["answer"])) == is_date}
    siblings = [m for m in BY_TYPE["multiple_choice"] if m["stem"] == q["stem"]]
    others |= {c for m in siblings for c in m["choices"] if c != m["answer"]}
    for term in others:
        if compact(term) not in own and not (parse_dates(term) & parse_dates(q["answer"])):
            assert grade_short_answer(content, term) == 0.0, term


DATES = [q for q in SA if parse_dates(q["answer"])]


@pytest.mark.parametrize("q", DATES, ids=ids(DATES))
def test_short_answer_dates_in_other_formats_but_not_a_day_off(q):
    from datetime import date, timedelta

    content = QuestionContent.from_dict(q)
    ((year, month, day),) = parse_dates(q["answer"])
    when = date(year, month, day)
    for form in (when.isoformat(), f"{day} {when:%B} {year}", f"{when:%b} {day}, {year}"):
        assert grade_short_answer(content, form) == 1.0, form
    for near in (when + timedelta(days=1), when - timedelta(days=1), when.replace(year=year - 1)):
        assert grade_short_answer(content, f"{near:%B} {near.day}, {near.year}") == 0.0, near
        assert grade_short_answer(content, near.isoformat()) == 0.0, near


def _short_answer(key: str) -> QuestionContent:
    """The bank's short answer with this key, or one the generator would make with it (its
    accepted forms derived from the declaration): the bank asks each fact once, in one type."""
    found = next((q for q in SA if q["answer"] == key), None)
    if found is None:
        from app.corpus import load_declaration
        from app.generation.accepted import add_accepted
        from app.generation.draft import Context, Draft

        draft = Draft("short_answer", "term-recall", "Which?", key, "s", 1, 1, "", "")
        add_accepted([draft], Context.build(load_declaration()))
        found = {**SA[0], "answer": key, "accepted": draft.accepted}
    return QuestionContent.from_dict(found)


def test_short_answer_one_typo_in_long_real_terms():
    by_key = {
        key: _short_answer(key)
        for key in (
            "regional conflicts",
            "international terrorism",
            "Moscow",
            "the NATO-Russia Council",
        )
    }
    assert grade_short_answer(by_key["regional conflicts"], "regoinal conflicts") == 1.0
    assert grade_short_answer(by_key["international terrorism"], "internatonal terrorism") == 1.0
    assert grade_short_answer(by_key["international terrorism"], "internatonal terorism") == 0.0
    assert grade_short_answer(by_key["Moscow"], "Moscw") == 0.0  # six letters: exact only
    nato = by_key["the NATO-Russia Council"]
    assert grade_short_answer(nato, "nato russia council") == 1.0
    assert grade_short_answer(nato, "NATO-Russia Counsil") == 1.0
    assert grade_short_answer(nato, "NATO Council") == 0.0


MATCHING = BY_TYPE["matching"]


@pytest.mark.parametrize("q", MATCHING, ids=ids(MATCHING))
def test_matching_partial_credit(q):
    pairs = [list(p) for p in q["answer"]]
    n = len(pairs)
    swapped = [list(p) for p in pairs]
    swapped[0][1], swapped[1][1] = pairs[1][1], pairs[0][1]
    expected = (n - 2) / n if pairs[0][1] != pairs[1][1] else 1.0
    assert grade(q, swapped) == pytest.approx(expected)
    shifted = [[p[0], pairs[(i + 1) % n][1]] for i, p in enumerate(pairs)]
    if len({p[1] for p in pairs}) == n:
        assert grade(q, shifted) == 0.0


ORDERING = BY_TYPE["ordering"]


@pytest.mark.parametrize("q", ORDERING, ids=ids(ORDERING))
def test_ordering_partial_credit(q):
    key = q["answer"]
    n = len(key)
    assert grade(q, list(reversed(key))) == 0.0
    last_two_swapped = key[:-2] + [key[-1], key[-2]]
    assert grade(q, last_two_swapped) == pytest.approx(max(0, n - 3) / (n - 1))
    assert grade(q, key[1:] + key[:1]) == pytest.approx((n - 2) / (n - 1))


ISSUE_14 = [
    # (key of a shipped question, a student's right answer, a near miss)
    ("George W. Bush", "Bush", "George H. W. Bush"),
    ("George W. Bush", "President Bush", "Clinton"),
    ("Vladimir V. Putin", "Putin", "Yeltsin"),
    ("the World Trade Organization", "WTO", "WHO"),
    ("September 11, 2001", "9/11", "9/12"),
    ("the U.S. Trade Act of 1974", "Trade Act of 1974", "Trade Act of 1975"),
    ("the Department of Commerce", "Commerce Department", "State Department"),
    ("international terrorism", "terrorism", "organized crime"),
    ("the Caspian region", "Caspian", "Black Sea"),
    ("the NATO-Russia Council", "NRC", "NAC"),
    ("the Consultative Group for Strategic Security", "Consultative Group on Strategic Security",
     "Consultative Group"),
    ("July 31, 1991", "31 July 1991", "July 31, 1992"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "right", "wrong"), ISSUE_14)
def test_the_answers_issue_14_found_marked_wrong_are_right(key, right, wrong):
    content = _short_answer(key)
    assert grade_short_answer(content, right) == 1.0
    assert grade_short_answer(content, wrong) == 0.0
