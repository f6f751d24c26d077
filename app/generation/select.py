"""Quality filters and ranking: one question per fact, the ideas first, never a rejected one."""

from __future__ import annotations

import re
from collections import Counter

from .crossq import first_leak
from .dates import DATE_PATTERN
from .draft import Draft
from .quality import problems
from .terms import normalise

MAX_PER_SECTION = 34
MIN_SECTION = 10  # questions a section needs for a 10-question test
# reviewed: more than a couple of "what came before" questions per section asks peripheral
# chronology (rule 10); the ones on events the text itself names score higher
GENERATOR_CAP = {"lesson-before": 2}
# rated: a dozen date questions in the served bank; dates worth knowing are a minority
MAX_DATE_QUESTIONS = 2  # per section: questions whose key is a date or an order of dates
DATE_GENERATORS = {"lesson-before", "lesson-order"}  # and every "event-…" generator
TRUE_FALSE_SLACK = 2  # more false than true statements (or the reverse) in the bank so far
# Recall of a name or a date is worth asking, but after the ideas (QUESTION-QUALITY.md)
IDEAS = {"commitment", "purpose", "role", "claim"}  # the generators of the ideas a teacher tests
RECALL = {"term-recall", "term-choice", "event-dates", "signer-roles"}
# rated: twelve of 25 questions recalled peripheral details; recall is a minority (rule 10)
MAX_RECALL = 2  # per section: questions of the recall generators
MAX_RECALL_TYPED = 1  # per section: of those, short answers (a cloze of the sentence, mostly)


def best_per_fact(drafts: list[Draft]) -> list[Draft]:
    """The drafts without problems, one per fact: the best-scored variant (a multiple-choice
    question and its short-answer or true/false twin test one fact; a quiz serves one)."""
    best: dict[str, Draft] = {}
    for draft in sorted(drafts, key=_rank):
        if not problems(draft):
            best.setdefault(draft.fact, draft)
    return sorted(best.values(), key=_rank)


def gives_away(one: Draft, other: Draft) -> bool:
    """True when ``one``'s stem names ``other``'s key, both on one paragraph: served in one
    quiz, the first answers the second ("Which body will meet in Tarnholm?" and "The Joint
    Fisheries Board will meet in which place?"; "Why will the parties establish a Joint Energy
    Commission?" and "Which body will report within one year?" on the next sentence)."""
    if (one.section_id, one.paragraph) != (
        other.section_id,
        other.paragraph,
    ) or not other.question_type.key_is_one_text:
        return False
    key = normalise(str(other.answer))
    stem = normalise(one.stem)
    if len(key) > 3 and key.removeprefix("the ").removeprefix("a ") in stem:
        return True
    if one.sentence != other.sentence:
        return False
    # "what will they encourage the leaders to do?" (key "meet before …") beside "in what
    # capacity will they encourage the leaders to meet?": the action's verb is in the stem
    words = key.split()
    if words and not words[0].startswith("the") and re.search(rf"\bto {words[0]}\b", stem):
        return True
    # "the tragic events of September 11, 2001" and "the tragic events of what date?"
    mine = normalise(str(one.answer)) if one.question_type.key_is_one_text else ""
    return len(key) > 3 and len(mine) > 3 and (key in mine or mine in key)


def is_date_question(draft: Draft) -> bool:
    """A question that asks when, or what came before what."""
    return (
        draft.generator in DATE_GENERATORS
        or draft.generator.startswith("event-")
        or (isinstance(draft.answer, str) and bool(DATE_PATTERN.fullmatch(draft.answer)))
    )


def _rank(draft: Draft) -> tuple:
    recall = draft.generator in RECALL
    idea = draft.generator.split("-")[0] in IDEAS
    return (
        recall,
        not idea,
        -draft.score,
        draft.question_type.variant_rank,
        draft.id,
    )


def select(
    drafts: list[Draft],
    limit: int = MAX_PER_SECTION,
    served: set[str] | None = None,
    required: list[str] | None = None,
    balance: Counter | None = None,
    taken: list[Draft] | None = None,
) -> list[Draft]:
    """Pick up to ``limit`` drafts: one per fact and per stem (``served`` holds the stems of
    other sections), every key term covered where a question can cover it, true/false at
    most a quarter, and the drafts that test each ``required`` objective first. ``taken``
    holds the questions of the sections already selected: none of those and none of these may
    share a key, show one another's key or offer the same options (crossq)."""
    served = served if served is not None else set()
    taken = taken if taken is not None else []
    balance = balance if balance is not None else Counter()  # true and false statements
    # every variant without problems, best first: a fact's first variant whose type still has
    # room is the one taken (a short answer when the section has its share of choices)
    pool = sorted((d for d in drafts if d.stem not in served and not problems(d)), key=_rank)
    chosen: list[Draft] = []
    facts: set[str] = set()
    types: Counter = Counter()
    covered: set[str] = set()

    def allowed(draft: Draft, size: int) -> bool:
        if draft.fact in facts or draft.stem in served:
            return False
        if any(gives_away(c, draft) or gives_away(draft, c) for c in chosen):
            return False
        if is_date_question(draft) and sum(map(is_date_question, chosen)) >= MAX_DATE_QUESTIONS:
            return False
        if draft.generator in RECALL:
            recall = [c for c in chosen if c.generator in RECALL]
            typed = [c for c in recall if c.question_type.takes_accepted]
            if len(recall) >= MAX_RECALL or (
                draft.question_type.takes_accepted and len(typed) >= MAX_RECALL_TYPED
            ):
                return False
        if first_leak(draft, taken) is not None:
            return False
        cap_of = GENERATOR_CAP.get(draft.generator)
        if cap_of is not None and sum(c.generator == draft.generator for c in chosen) >= cap_of:
            return False
        qtype = draft.question_type
        cap = max(1, int(qtype.section_share * size))
        if qtype.judges_a_statement:
            cap = int(qtype.section_share * max(size, len(chosen) + 1))
            if balance[draft.answer] >= balance[not draft.answer] + TRUE_FALSE_SLACK:
                return False  # mostly "false" would let a student guess
        return types[draft.type] < cap

    def take(draft: Draft) -> None:
        chosen.append(draft)
        taken.append(draft)
        facts.add(draft.fact)
        served.add(draft.stem)
        types[draft.type] += 1
        if draft.question_type.judges_a_statement:
            balance[draft.answer] += 1
        else:
            covered.update(draft.keys)

    size = max(limit, 20)  # a short section keeps the shares a full one has
    for objective in required or []:  # each learning objective tested first
        match = next((d for d in pool if d.objective == objective and allowed(d, size)), None)
        if match is not None:
            take(match)
    for draft in pool:  # the text's ideas, best first
        idea = draft.generator not in RECALL and draft.source_kind == "document"
        if len(chosen) < limit and idea and allowed(draft, size):
            take(draft)
    while len(chosen) < limit:  # then the text's names and dates not yet tested
        best = next(
            (
                d
                for d in pool
                if d.source_kind == "document" and allowed(d, size) and set(d.keys) - covered
            ),
            None,
        )
        if best is None:
            break
        take(best)
    for draft in pool:
        if len(chosen) < limit and allowed(draft, size):
            take(draft)
    return sorted(chosen, key=lambda d: (d.source_kind, d.paragraph, d.sentence, d.type, d.id))
