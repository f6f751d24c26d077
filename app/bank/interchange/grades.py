"""Answer grades Moodle accepts for multiple-response questions.

Moodle imports a GIFT or XML answer grade only if it is one of its standard grade options
(``question_bank::fraction_options_full`` in lib/questionlib.php: 100 %, 90 %, 83.33333 %, …,
5 % and their negatives; anything else is an error with the default "match grades" setting),
and a multiple-response question's positive grades must add up to 100 % (checked to two
decimals in qtype_multichoice's save_question_options). So 1/n for each of n right answers
works only where 1/n is on the list (n = 1…10 or 20); otherwise the right answers get the two
nearest listed grades, mixed so that they add up to 100 % (11 right answers: nine at 10 % and
two at 5 %). Wrong answers take away the listed grade nearest 1/n, Moodle floors the total at
0 as this platform does.
"""

from __future__ import annotations

from functools import cache

POSITIVE = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
            0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)  # fmt: skip
FRACTIONS = frozenset({0.0, *POSITIVE, *(-f for f in POSITIVE)})


def _adds_up(total: float) -> bool:
    return round(total, 2) == 1.0


@cache
def right_fractions(count: int) -> tuple[float, ...]:
    """Grades for ``count`` right answers, from Moodle's list, adding up to 100 %: equal when
    1/count is listed, else the two closest listed grades (the larger ones first).

    More than 20 right answers cannot add up to 100 % with grades of at least 5 %: then the
    first 20 get 5 % and the rest 0 (the platform's own question has no such limit).
    """
    if count < 1:
        raise ValueError("a multiple-response question needs a right answer")
    best: tuple[float, tuple[float, ...]] | None = None
    for high in POSITIVE:
        for low in POSITIVE:
            if low > high:
                continue
            for many in range(count + 1):
                if _adds_up(many * high + (count - many) * low):
                    spread = high - low if 0 < many < count else 0.0
                    grades = (high,) * many + (low,) * (count - many)
                    if best is None or spread < best[0]:
                        best = (spread, grades)
    if best is None:
        return (0.05,) * 20 + (0.0,) * (count - 20)
    return best[1]


def wrong_fraction(right_count: int) -> float:
    """What a wrong answer takes away: minus the listed grade nearest 1/right_count."""
    return -min(POSITIVE, key=lambda grade: abs(grade - 1 / right_count))
