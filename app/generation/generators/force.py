"""The force of a commitment: what the parties agreed to carry out against what they only
agreed to study, explore or seek."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import Relation
from ..draft import Context, Draft
from ..ideas import draft, reading, select_all_question
from ..near_misses import pick_phrases
from ..phrasing import capital
from ..steps import steps_of
from ..terms import normalise

_STUDY_VERB = re.compile(r"\b(study|explore|seek)\b")


def _item(text: str) -> str:
    """A listed step as an option: without a trailing "in this area"."""
    text = re.sub(r"\s+in (?:this|that) (?:area|field|regard)$", "", text.strip())
    return re.sub(r"^(?:by )", "", text)


def _topic(relation: Relation) -> str:
    match = re.search(r"\bin the (?:area|field) of ([a-z][a-z -]+)", relation.what)
    return match.group(1) if match else ""


def force_fact(ctx: Context, section: Section, relation: Relation) -> str:
    """The fact of a question on a step only studied: the fact of the section's "agreed to
    implement, rather than only study" question when it has one (that question offers the
    step as a distractor: asked again alone, it is a twin), else the step's own sentence."""
    agreed = _force_lists(ctx, section)[0]
    return f"force:{agreed[0].where}" if agreed else f"studied:{relation.where}"


def _force_lists(ctx: Context, section: Section) -> tuple[list[Relation], list[Relation]]:
    """The section's lists of steps agreed and of steps only studied, when it has both."""
    read = reading(ctx)
    firm = [
        r
        for r in read.of("firm", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:agreed?|decided)\b", r.verb)
    ]
    tentative = [
        r
        for r in read.of("tentative", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:study|explore)\b", r.verb)
    ]
    firm = [r for r in firm if not any(i.startswith(("to ", "through ")) for i in r.items)]
    return (firm, tentative) if firm and tentative else ([], [])


def force_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which steps have the parties agreed to implement, rather than only study?", and
    statements that change a step's force (agreed said to be only studied, and the reverse)."""
    yield from _section_force(ctx, section)
    read = reading(ctx)
    firm, tentative = _force_lists(ctx, section)
    if not firm:
        return
    studied = [_item(i) for r in tentative for i in r.items]
    study = _STUDY_VERB.search(tentative[0].verb)
    study_verb = study.group(1) if study else "study"
    for relation in firm:
        keys = [_item(i) for i in relation.items]
        agreed = re.sub(r"^(?:have |has )?(?:also )?", "", relation.verb)
        topic = _topic(relation)
        where = f" in {topic}" if topic else ""
        stem = (
            f"Which of these steps{where} have {read.parties} {agreed}, "
            f"rather than only agreed to {study_verb}? (Choose all that apply.)"
        )
        fact = f"force:{relation.where}"
        lead = (
            f"{capital(read.parties)} {agreed} these steps; the others they only agreed to "
            f"{study_verb}."
        )
        yield from select_all_question(
            ctx,
            relation.clause,
            "commitment-force",
            stem,
            keys,
            studied,
            fact,
            lead,
            score=0.95,
            difficulty=0.6,
        )
        for item in keys[:2]:  # a step agreed, said to be only studied: the force changed
            yield from _force_statement(ctx, relation, item, study_verb, False, fact)
    for relation in tentative:
        for item in relation.items:
            item = _item(item)
            # one statement per sentence: two on one list test one reading (rule 8)
            yield from _force_statement(
                ctx, relation, item, study_verb, True, force_fact(ctx, section, relation)
            )


def _force_statement(
    ctx: Context, relation: Relation, item: str, verb: str, truth: bool, fact: str
) -> Iterator[Draft]:
    parties = reading(ctx).parties
    stem = (
        f"True or false: Under {ctx.name}, {item} is among the steps {parties} only agreed to "
        f"{verb}, rather than agreed to carry out."
    )
    lead = "True." if truth else "False: this step is among those the parties agreed to implement."
    made = draft(
        ctx,
        relation.clause,
        "true_false",
        "commitment-force-statement",
        stem,
        truth,
        fact,
        lead,
        keys=(item,),
        score=0.8,
        difficulty=0.5,
    )
    if made:
        yield made


MAX_FORCE_KEYS = 3


def _near_first(mine: list[str], others: list[str], keys: list[str], seed: str) -> list[str]:
    """Up to 3 distractors: the section's own steps of the other force first (the near-misses a
    student who skimmed picks), then the document's."""
    found = pick_phrases(keys, mine, 3, seed)
    rest = [o for o in others if o not in mine and o not in found]
    return found + pick_phrases(keys, rest, 3 - len(found), seed + "more", avoid=found)


def _section_force(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which steps have they agreed to take, rather than only to study?" over the steps of the
    section's sentences (one step or more each): keys the firm steps, distractors the steps
    only to be examined, and the reverse question when the section has two of those."""
    firm = steps_of(ctx, "firm", section.id)
    tentative = steps_of(ctx, "tentative", section.id)
    if not tentative or section.kind != "body":
        return
    parties = reading(ctx).parties
    firm_steps = [s for _, s in firm]
    studied = [s for _, s in tentative]
    shared = f"studied:{tentative[0][0].where}"  # one fact with the force statements
    # each section's question its own: one stem per bank (a quiz on two sections asks both)
    where = f"Under “{section.title}”, "
    # with three firm steps or more, one is kept out of the choices for a statement of its own
    keys = firm_steps[: max(2, min(MAX_FORCE_KEYS, len(firm_steps) - 1))]
    if len(firm_steps) >= 2:
        others = [s for _, s in steps_of(ctx, "tentative", None)]
        distractors = _near_first(studied, others, keys, shared)
        if len(distractors) >= 2:
            yield from select_all_question(
                ctx,
                firm[0][0].clause,
                "commitment-force",
                f"{where}which of these steps have {parties} agreed to carry out, rather than only "
                "to study or look into? (Choose all that apply.)",
                keys,
                distractors,
                shared,
                f"{capital(parties)} commit themselves to these steps; the others they will only "
                "examine, study or look into.",
                score=0.96,
                difficulty=0.6,
            )
    for relation, step in firm[len(keys) :][:1] or firm[-1:]:
        yield from _firm_said_studied(ctx, relation, step)
    if len(studied) >= 2:
        keys = studied[:MAX_FORCE_KEYS]
        others = [s for _, s in steps_of(ctx, "firm", None)]
        distractors = _near_first(firm_steps, others, keys, f"firm:{tentative[0][0].where}")
        if len(distractors) >= 2:
            yield from select_all_question(
                ctx,
                tentative[0][0].clause,
                "commitment-force-studied",
                f"{where}which of these steps do {parties} only agree to study or look into, "
                "without committing themselves to carry them out? (Choose all that apply.)",
                keys,
                distractors,
                shared,  # one fact with the question above: each gives the other away
                f"{capital(parties)} only agree to examine these steps; the others they commit "
                "themselves to.",
                score=0.94,
                difficulty=0.6,
            )


def _firm_said_studied(ctx: Context, relation: Relation, step: str) -> Iterator[Draft]:
    """ "X is a step the parties will only look into": false, a firm step's force lowered in
    other words than the text's (the near-miss of a student who skimmed)."""
    parties = reading(ctx).parties
    made = draft(
        ctx,
        relation.clause,
        "true_false",
        "commitment-force-restated",
        f"True or false: According to {ctx.name}, {step} is a step {parties} will only look "
        "into, without committing themselves to it.",
        False,
        f"force:{relation.where}:{normalise(step)}",
        f"False: they commit themselves to it ({relation.verb} {relation.what}).",
        keys=(f"force:{relation.where}",),
        score=0.86,
        difficulty=0.5,
    )
    if made:
        yield made
