"""What a goal requires or rests on, and what the text cites as showing a claim true."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, P, Relation
from ..draft import Context, Draft
from ..events import dated_events
from ..ideas import (
    choice_question,
    reading,
    render,
    resolve_back,
    select_all_question,
    stance_objects,
)
from ..near_misses import pick_phrases
from ..phrasing import as_gerund, capital, plural

_CLAIM_OPENER = re.compile(
    rf"^(?:{P} (?:recognize|believe|agree|acknowledge|note|stress) that |Reaffirming their "
    r"belief that |[A-Za-z\x00 ]+ that )"
)


def _condition_options(relation: Relation) -> list[str]:
    return [as_gerund(i) for i in relation.items]


def conditions(ctx: Context, section: Section) -> Iterator[Draft]:
    """What a goal requires, demands or rests on, among the text's other conditions."""
    read = reading(ctx)
    every = read.pool("condition")
    for relation in read.of("condition", section.id):
        subject = _CLAIM_OPENER.sub("", relation.actor)
        subject = resolve_back(ctx, relation.clause, subject)
        if not subject or len(subject.split()) > 25:
            continue
        subject = render(ctx, subject)
        subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
        keys = [render(ctx, k) for k in _condition_options(relation)]
        pool = [
            render(ctx, o)
            for other in every
            if other is not relation
            for o in _condition_options(other)
        ]
        if len(pool) < 3:  # a text that names few conditions: what the parties promote
            pool += stance_objects(ctx)
        verb = relation.verb
        many = plural(subject)
        fact = f"condition:{relation.where}"
        if re.search(r"\brests? on\b", verb):
            aux = "will" if verb.startswith("will") else ("do" if many else "does")
            also = " also" if "also" in verb else ""
            stem = f"According to {ctx.name}, on what {aux} {subject}{also} rest?"
        else:
            base = re.sub(r"s$", "", verb)
            stem = f"According to {ctx.name}, what {'do' if many else 'does'} {subject} {base}?"
        lead = f"{capital(subject)} {verb} {render(ctx, relation.what)}."
        if len(keys) >= 2:
            distractors = pick_phrases(keys, pool, 3, fact)
            if len(distractors) >= 2:
                stem = stem[:-1] + "? (Choose all that apply.)"
                yield from select_all_question(
                    ctx,
                    relation.clause,
                    "purpose-condition",
                    stem,
                    keys,
                    distractors,
                    fact,
                    lead,
                    score=0.9,
                )
            continue
        distractors = pick_phrases(keys[0], pool, 3, fact)
        if len(distractors) == 3:
            yield from choice_question(
                ctx,
                relation.clause,
                "purpose-condition",
                stem,
                keys[0],
                distractors,
                fact,
                lead,
                score=0.9,
            )


def evidence(ctx: Context, section: Section) -> Iterator[Draft]:
    """What showed a claim true: an event of the text among its other dated events."""
    read = reading(ctx)
    for relation in read.of("evidence", section.id):
        claim = _CLAIM_OPENER.sub("", relation.actor)
        if claim == relation.actor:
            continue
        key = render(ctx, relation.what)
        pool = []
        for event in dated_events(ctx)[:POOL_LIMIT]:
            if event.clause or event.date_text in key or event.date_text[-4:] in event.label:
                continue
            label = re.sub(r"^the ", "", event.label)
            pool.append(f"the {label} of {event.date_text}")
        fact = f"evidence:{relation.where}"
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, what showed once more that {render(ctx, claim)}?"
        lead = f"The text cites {key} as showing it."
        yield from choice_question(
            ctx, relation.clause, "purpose-evidence", stem, key, distractors, fact, lead, score=0.8
        )
