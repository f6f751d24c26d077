"""The force of a commitment: what the parties agreed to carry out against what they only
agreed to study, explore or seek."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import Relation
from ..draft import Context, Draft
from ..ideas import draft, reading, select_all_question
from ..phrasing import capital

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
