"""Quality filters and ranking: keep the best questions per section, never a rejected one."""

from __future__ import annotations

from collections import Counter

from .draft import Draft
from .quality import problems

MAX_PER_SECTION = 24
TYPE_CAP = {  # at most this share of a section's questions of one type
    "short_answer": 0.3,
    "multiple_choice": 0.35,
    "true_false": 0.35,
    "multiple_response": 0.3,
    "matching": 0.15,
    "ordering": 0.1,
}


def select(drafts: list[Draft], limit: int = MAX_PER_SECTION) -> list[Draft]:
    """Drop drafts with problems and duplicates, then pick the best for coverage and variety."""
    good = [d for d in drafts if not problems(d)]
    good.sort(key=lambda d: (-d.score, d.id))
    chosen: list[Draft] = []
    facts: Counter = Counter()
    per_sentence: Counter = Counter()
    types: Counter = Counter()
    covered: set[str] = set()
    true_false = Counter()

    def take(draft: Draft) -> None:
        chosen.append(draft)
        facts[(draft.fact, _family(draft))] += 1
        per_sentence[(draft.paragraph, draft.sentence)] += 1
        types[draft.type] += 1
        covered.update(draft.keys)
        if draft.type == "true_false":
            true_false[draft.answer] += 1

    def allowed(draft: Draft, strict: bool) -> bool:
        if facts[(draft.fact, _family(draft))] or any(
            c.stem == draft.stem and c.type == draft.type for c in chosen
        ):
            return False
        if draft.type == "true_false" and true_false[draft.answer] > true_false[not draft.answer]:
            return False
        if strict and types[draft.type] >= max(2, TYPE_CAP[draft.type] * limit):
            return False
        return not strict or per_sentence[(draft.paragraph, draft.sentence)] < 3

    for draft in good:  # first, one question for every key term not yet covered
        if len(chosen) < limit and set(draft.keys) - covered and allowed(draft, True):
            take(draft)
    for strict in (True, False):
        for draft in good:
            if len(chosen) < limit and draft not in chosen and allowed(draft, strict):
                take(draft)
    return sorted(chosen, key=lambda d: (d.paragraph, d.sentence, d.type, d.id))


def _family(draft: Draft) -> str:
    """Questions of one family test a fact the same way (a short answer and a choice do not)."""
    return "tf-" + str(draft.answer) if draft.type == "true_false" else draft.type
