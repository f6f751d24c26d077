"""Commitments and their force: what the parties agreed to do, what they only agreed to study,
whom they call on to act, and what they set up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P, Relation
from ..draft import Context, Draft
from ..ideas import (
    cached,
    choice_question,
    organisations,
    reading,
    render,
    select_all_question,
)
from ..near_misses import pick_phrases
from ..phrasing import capital, verb_led
from ..wordlists import COMMON_VERBS
from .bodies import created
from .force import force_questions


def commitments(ctx: Context, section: Section) -> Iterator[Draft]:
    """Force (agreed vs only studied), whom the parties call on, and what they set up."""
    yield from force_questions(ctx, section)
    yield from _calls(ctx, section)
    yield from created(ctx, section)


def _calls(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    bodies = [t.display for t in organisations(ctx)]
    for relation in read.of("call", section.id):
        condition = re.match(r"^(?:Where|When|If) (?P<when>[^,]+), (?P<actor>.+)$", relation.actor)
        when = (
            f" {condition.group(0).split(',')[0][0].lower()}{condition.group(0).split(',')[0][1:]}"
            if condition
            else ""
        )
        actor_text = condition.group("actor") if condition else relation.actor
        actor = render(ctx, actor_text) or read.parties
        when = " " + render(ctx, when.replace(P, "they")) if when else ""
        whom = render(ctx, relation.what)
        actions = render(ctx, relation.rest)
        verb = re.sub(r"s$", "", relation.verb)
        aux = "does" if actor_text and actor_text != P else "do"
        if relation.verb.startswith("will"):
            aux, verb = "will", verb.removeprefix("will ")
        fact = f"call:{relation.where}:whom"
        lead = f"{capital(actor)} {verb} {whom} to act."
        pool = bodies if whom in bodies else read.agents
        if len(pool) < 4:
            pool = pool + bodies
        distractors = pick_phrases(whom, pool, 3, fact, avoid=[actor], heads=pool is not bodies)
        if len(distractors) == 3:
            stem = f"According to {ctx.name}, whom {aux} {actor} {verb} to {actions}{when}?"
            yield from choice_question(
                ctx,
                relation.clause,
                "commitment-call",
                stem,
                whom,
                distractors,
                fact,
                lead,
                score=0.85,
            )
        if len(relation.items) == 1:
            yield from _call_action(ctx, relation, aux, actor, verb, whom, actions, lead)
        if len(relation.items) >= 2:
            mine = {render(ctx, i) for i in _actions_of(relation)}
            pool = [a for a in _action_pool(ctx) if a not in mine]
            keys = list(relation.items)
            if len(pool) < 3:  # few lists of actions: the parties' own commitments
                pool += _commitment_pool(ctx)
            distractors = pick_phrases(keys, pool, 3, fact + "what")
            if len(distractors) >= 2:
                stem = (
                    f"According to {ctx.name}, what {aux} {actor} {verb} {whom} to do? "
                    "(Choose all that apply.)"
                )
                yield from select_all_question(
                    ctx,
                    relation.clause,
                    "commitment-call-actions",
                    stem,
                    keys,
                    distractors,
                    f"call:{relation.where}:what",
                    lead,
                    seed=fact,
                    score=0.8,
                )


def _action_pool(ctx: Context) -> list[str]:
    read = reading(ctx)
    return cached(
        ctx,
        "actions",
        lambda: [
            render(ctx, i)
            for kind in ("call", "firm")
            for other in read.pool(kind)
            for i in _actions_of(other)
        ],
    )


def _commitment_pool(ctx: Context) -> list[str]:
    read = reading(ctx)
    return cached(
        ctx,
        "commitments",
        lambda: [
            render(ctx, r.what)
            for r in read.pool("firm")
            if verb_led(r.what) and len(r.what.split()) <= 8
        ],
    )


def _actions_of(relation: Relation) -> list[str]:
    """Verb phrases a sentence lists as things someone does ("share information and plans")."""
    if relation.kind == "call":
        return list(relation.items)
    if relation.kind != "firm":
        return []
    found = []
    for match in _ACTIONS.finditer(relation.clause.text):
        parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?", match.group(1))]
        if all(p.split()[0] in COMMON_VERBS for p in parts):
            found += [p for p in parts if 2 <= len(p.split()) <= 8 and P not in p]
    return found


_ACTIONS = re.compile(
    r"(?:\bwill|through which \S+) ((?:[a-z]+ [^,;]*?, ){2,}(?:and )?[a-z]+ [^,.;]+)"
)


_POINTS_BACK = re.compile(r"\b(?:this|these|those|them|it|its|their|each other's|the two sides')")


def _call_action(ctx, relation, aux, actor, verb, whom, action, lead) -> Iterator[Draft]:
    """ "What will the parties ask the Council to do?": what one body or group is asked to do,
    among what the text asks of the others (then the parties' own steps)."""
    if _POINTS_BACK.search(action) or not verb_led(action) or len(action.split()) > 14:
        return
    fact = f"call:{relation.where}:what"
    mine = {render(ctx, i) for i in _actions_of(relation)}
    pool = [a for a in _action_pool(ctx) if a not in mine and not _POINTS_BACK.search(a)]
    pool += [c for c in _commitment_pool(ctx) if not _POINTS_BACK.search(c)]
    distractors = pick_phrases(action, pool, 3, fact)
    if len(distractors) < 3:
        return
    stem = f"According to {ctx.name}, what {aux} {actor} {verb} {whom} to do?"
    yield from choice_question(
        ctx,
        relation.clause,
        "commitment-call-action",
        stem,
        action,
        distractors,
        fact,
        lead,
        score=0.85,
    )
