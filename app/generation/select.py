"""Quality filters and ranking: keep the best questions per section, never a rejected one."""

from __future__ import annotations

from collections import Counter

from .draft import Draft
from .quality import problems

MAX_PER_SECTION = 25
MAX_FALSE = 1  # false true/false statements made from one sentence
MIN_STATEMENTS = 5  # true and false statements taken early in each section
MIN_SECTION = 10  # questions a section needs for a 10-question test
BANK_SLACK = 2  # more true than false statements (or the reverse) in the bank so far
SHORT_SLACK = 4  # the same, for the few statements a short section takes to reach MIN_SECTION
TYPE_CAP = {  # at most this share of a section's questions of one type
    "short_answer": 0.3,
    "multiple_choice": 0.35,
    "true_false": 0.35,
    "multiple_response": 0.3,
    "matching": 0.15,
    "ordering": 0.1,
}


def select(
    drafts: list[Draft],
    limit: int = MAX_PER_SECTION,
    carried: Counter | None = None,
    minimum: int = 0,
) -> list[Draft]:
    """Drop drafts with problems and duplicates, then pick the best for coverage and variety.

    ``carried`` counts the true and false statements of the other sections: the bank as a
    whole stays balanced when a section has few sentences to make false statements from. A
    section short of ``minimum`` questions then takes a second statement of a sentence.
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
    false_at: Counter = Counter()  # false statements per source sentence

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
            false_at[(draft.paragraph, draft.sentence)] += draft.answer is False

    def allowed(draft: Draft, strict: bool, short: bool = False) -> bool:
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
            and not short
            or bank[draft.answer] >= bank[not draft.answer] + (SHORT_SLACK if short else BANK_SLACK)
        ):
            return False  # each section and the bank as a whole stay balanced
        if (
            draft.answer is False
            and false_at[(draft.paragraph, draft.sentence)] >= MAX_FALSE + short
        ):
            return False  # a second near-miss of one sentence tests the same reading again
        cap = TYPE_CAP[draft.type] * limit * (1 if strict else 1.25)
        if types[draft.type] >= max(2, cap):
            return False
        spans = draft.type in {"matching", "ordering"}  # these span several sentences
        return not strict or spans or per_sentence[(draft.paragraph, draft.sentence)] < 3

    for kind in ("ordering", "matching", "multiple_response"):  # the best of the rarer types
        best = next((d for d in good if d.type == kind and allowed(d, True)), None)
        if best is not None:
            take(best)
    # a few statements, false ones first, before the key terms fill a long section: a section
    # rich in names would otherwise leave no room for the false ones the short sections need
    statements = [d for d in good if d.type == "true_false"]
    for _ in range(2 * MIN_STATEMENTS):
        best = next((d for d in statements if d.answer is False and allowed(d, True)), None)
        best = best or next((d for d in statements if d.answer is True and allowed(d, True)), None)
        if best is None:
            break
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
    for draft in good:  # a section too short for a test: a second statement of a sentence
        if len(chosen) < minimum and draft not in chosen and allowed(draft, False, True):
            take(draft)
    return sorted(chosen, key=lambda d: (d.paragraph, d.sentence, d.type, d.id))


def _family(draft: Draft) -> str:
    """Questions of one family test a fact the same way (a short answer and a choice do not)."""
    return "tf-" + str(draft.answer) if draft.type == "true_false" else draft.type


def _new_keys(draft: Draft, covered: set[str]) -> set[str]:
    """The keys ``draft`` would test for the first time (true/false tests none as answer)."""
    return set() if draft.type == "true_false" else set(draft.keys) - covered
