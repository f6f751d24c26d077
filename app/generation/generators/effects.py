"""What a step will bring: the benefit the text names, and the ends a joint step contributes to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P
from ..draft import Context, Draft
from ..ideas import (
    choice_question,
    reading,
    render,
    resolve_back,
    select_all_question,
)
from ..near_misses import pick_phrases
from ..wordlists import COMMON_VERBS


def benefits(ctx: Context, section: Section) -> Iterator[Draft]:
    """What a step will bolster or help, among the text's other benefits and conditions."""
    read = reading(ctx)
    every = read.pool("benefit")
    for relation in read.of("benefit", section.id):
        before = resolve_back(ctx, relation.clause, relation.actor)
        if not before:
            continue
        thing = re.sub(rf"^{P} (?:[a-z]+ )*?(?:to |(?=the ))", "", before)
        thing = re.sub(r"^([a-z]+ing) ", r"\1 ", thing)
        if thing == before or thing.startswith(P):
            continue
        thing = render(ctx, thing)
        if not re.match(r"^(?:[a-z]+ing|great|the)\b", thing):
            continue
        key = render(ctx, re.sub(r"^both ", "", relation.what))
        verb = relation.verb
        base = verb.replace("helps", "help").replace("will ", "").replace("would ", "")
        aux = (
            "will" if verb.startswith("will") else ("would" if verb.startswith("would") else "does")
        )
        pool = [render(ctx, o.what) for o in every if o is not relation and "help" not in o.verb]
        pool += [
            render(ctx, i)
            for o in read.pool("condition")
            for i in o.items
            if not i.startswith("that")
        ]
        pool = [
            p for p in pool if p.split()[0] not in COMMON_VERBS and not p.split()[0].endswith("ing")
        ]
        fact = f"benefit:{relation.where}"
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, what {aux} {thing} {base}?"
        lead = f"The text says {thing} {verb} {key}."
        yield from choice_question(
            ctx, relation.clause, "purpose-benefit", stem, key, distractors, fact, lead, score=0.8
        )


_CONTRIBUTE = re.compile(
    r"^\x00 (?P<verb>are determined to|will) (?P<action>[a-z][^;]*?),? and thus contribute to "
    r"(?P<what>.+?)\.?$"
)


def contributions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "To what do the parties mean to contribute by …?" (a select-all question when the text
    names several ends)."""
    read = reading(ctx)
    for clause in read.clauses_in(section.id):
        match = _CONTRIBUTE.match(clause.text)
        if not match:
            continue
        ends = [e.strip() for e in re.split(r",? and to (?=[a-z])", match.group("what")) if e]
        ends = [re.sub(r"^to ", "", e) for e in ends]
        if len(ends) < 2:
            continue
        pool = [render(ctx, i) for r in read.pool("condition") for i in r.items if "that" not in i]
        pool += [render(ctx, r.what) for r in read.pool("aimed")]
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:contribute"
        distractors = pick_phrases(ends, pool, 3, fact)
        if len(distractors) < 2:
            continue
        action = render(ctx, re.split(r",? to (?=respond|meet|address)", match.group("action"))[0])
        stem = (
            f"According to {ctx.name}, by working together, to which of these do "
            f"{read.parties} mean to contribute? (Choose all that apply.)"
            if action.startswith("work together")
            else f"According to {ctx.name}, to which of these do {read.parties} mean to "
            f"contribute? (Choose all that apply.)"
        )
        yield from select_all_question(
            ctx,
            clause,
            "purpose-contribution",
            stem,
            ends,
            distractors,
            fact,
            f"The text: “{clause.quote}”",
            score=0.8,
        )
