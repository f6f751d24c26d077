"""Quality filters and ranking: keep the best questions per section, never a rejected one."""

from __future__ import annotations

from collections import Counter

from .draft import Draft
from .quality import problems

MAX_PER_SECTION = 25
BANK_SLACK = 3  # more true than false statements (or the reverse) in the bank so far
TYPE_CAP = {  # at most this share of a section's questions of one type
    "short_answer": 0.3,
    "multiple_choice": 0.35,
    "true_false": 0.35,
    "multiple_response": 0.3,
    "matching": 0.15,
    "ordering": 0.1,
}


def select(
    drafts: list[Draft], limit: int = MAX_PER_SECTION, carried: Counter | None = None
) -> list[Draft]:
    """Drop drafts with problems and duplicates, then pick the best for coverage and variety.

    ``carried`` counts the true and false statements of earlier sections: the bank as a whole
    stays balanced when a section has few sentences to make false statements from.
    """
    good = [d for d in drafts if not problems(d)]
    good.sort(key=lambda d: (-d.score, d.id))
    chosen: list[Draft] = []
    facts: Counter = Counter()
    per_sentence: Counter = Counter()
    types: Counter = Counter()
    covered: set[str] = set()
    true_false: Counter = Counter()
    bank = Counter(carried or {})

    def take(draft: Draft) -> None:
        chosen.append(draft)
        facts[(draft.fact, _family(draft))] += 1
        per_sentence[(draft.paragraph, draft.sentence)] += 1
        types[draft.type] += 1
        if draft.type != "true_false":  # a key counts as tested when it is an answer or item
            covered.update(draft.keys)
        if draft.type == "true_false":
            true_false[draft.answer] += 1
            bank[draft.answer] += 1

    def allowed(draft: Draft, strict: bool) -> bool:
        if facts[(draft.fact, _family(draft))] or any(
            c.stem == draft.stem and c.type == draft.type for c in chosen
        ):
            return False
        if draft.type == "multiple_response" and any(
            c.type == draft.type and sorted(c.answer) == sorted(draft.answer) for c in chosen
        ):
            return False  # the same set asked for twice ("which fora" and "which bodies")
        if draft.type == "true_false" and (
            true_false[draft.answer] > true_false[not draft.answer] + 1
            or bank[draft.answer] >= bank[not draft.answer] + BANK_SLACK
        ):
            return False  # each section and the bank as a whole stay balanced
        cap = TYPE_CAP[draft.type] * limit * (1 if strict else 1.25)
        if types[draft.type] >= max(2, cap):
            return False
        spans = draft.type in {"matching", "ordering"}  # these span several sentences
        return not strict or spans or per_sentence[(draft.paragraph, draft.sentence)] < 3

    for kind in ("ordering", "matching", "multiple_response"):  # the best of the rarer types
        best = next((d for d in good if d.type == kind and allowed(d, True)), None)
        if best is not None:
            take(best)
    while len(chosen) < limit:  # then cover every key term, widest questions first
        best = max(
            (d for d in good if d not in chosen and allowed(d, False)),
            key=lambda d: (len(_new_keys(d, covered)), d.score, d.id),
            default=None,
        )
        if best is None or not _new_keys(best, covered):
            break
        take(best)
    for strict in (True, False):
        for draft in good:
            if len(chosen) < limit and draft not in chosen and allowed(draft, strict):
                take(draft)
    return sorted(chosen, key=lambda d: (d.paragraph, d.sentence, d.type, d.id))


def _family(draft: Draft) -> str:
    """Questions of one family test a fact the same way (a short answer and a choice do not)."""
    return "tf-" + str(draft.answer) if draft.type == "true_false" else draft.type


def _new_keys(draft: Draft, covered: set[str]) -> set[str]:
    """The keys ``draft`` would test for the first time (true/false tests none as answer)."""
    return set() if draft.type == "true_false" else set(draft.keys) - covered
