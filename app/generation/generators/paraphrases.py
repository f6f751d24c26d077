"""Claims in other words than the text's: the force of a commitment (agreed, or only to be
studied), a thesis reversed ("has ended" -> "still"), the parties' tasks exchanged, an
agreement kept in force said to be replaced; and "which steps did they commit to, rather than
only study?" from the text's own verbs.

Every statement is built from a frame of its own around a short phrase of the text, so no
statement copies its sentence or swaps one word of it (QUESTION-QUALITY.md, rule 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import Relation
from ..draft import Context, Draft
from ..ideas import draft, reading, render, select_all_question, truth_for
from ..near_misses import pick_phrases
from ..phrasing import capital, gerund
from ..quality import problems
from ..steps import IRREGULAR_PAST, past_base, short, steps_of, studied_step
from ..terms import normalise
from ..wordlists import FUNCTION_WORDS


def paraphrases(ctx: Context, section: Section) -> Iterator[Draft]:
    """The statements and the force question of one section."""
    yield from _force(ctx, section)
    yield from _ended(ctx, section)
    yield from _exchanged(ctx, section)
    yield from _in_force(ctx, section)


def _force(ctx: Context, section: Section) -> Iterator[Draft]:
    tentative = steps_of(ctx, "tentative", section.id)
    if not tentative:
        return
    parties = reading(ctx).parties
    firm = steps_of(ctx, "firm", section.id)
    others = [s for _, s in steps_of(ctx, "tentative", None)]
    statements = {step: _firm_statement(ctx, relation, step) for relation, step in firm}
    # the choices show first the steps a statement cannot name without copying its sentence
    unsaid = [s for _, s in firm if statements[s] is None]
    chosen = (unsaid + [s for _, s in firm if s not in unsaid])[:3]
    keys = [s for _, s in firm if s in chosen]  # in the text's order
    # one fact with the statements on the steps only studied and "which did they only study?"
    shared = f"studied:{tentative[0][0].where}"
    distractors = pick_phrases(keys, others, 3, shared) if keys else []
    if len(keys) >= 2 and len(distractors) >= 2:
        stem = (
            f"Which of these steps have {parties} committed themselves to take, rather than "
            "only to study or consider? (Choose all that apply.)"
        )
        yield from select_all_question(
            ctx,
            firm[0][0].clause,
            "commitment-force",
            stem,
            keys,
            distractors,
            shared,
            f"{capital(parties)} commit themselves to these steps; the others they will only "
            "study or consider.",
            score=0.95,
            difficulty=0.6,
        )
    for relation, _ in tentative:
        studied = studied_step(relation.what)
        if studied is None:
            continue
        verb, thing = render(ctx, studied[0]), render(ctx, studied[1])
        study = relation.verb.split()[-1]
        fact = f"studied:{relation.where}"
        truth = truth_for(f"{fact}:{normalise(thing)}")
        if truth:
            claim = (
                f"{ctx.name} has {parties} agree only to {study} whether to {verb} {thing}; "
                "they make no commitment to do so"
            )
        else:
            claim = f"{ctx.name} commits {parties} to {verb} {thing}"
        lead = "True." if truth else f"False: they will only {study} it."
        yield from _statement(ctx, relation, "commitment-force-restated", claim, truth, fact, lead)
    left = [statements[s] for _, s in firm if s not in keys and statements[s] is not None]
    yield from left[:2]  # two steps the choices do not show


def _firm_statement(ctx: Context, relation: Relation, step: str) -> Draft | None:
    """ "X is one of the steps the parties commit themselves to take" (or its force lowered),
    or None when the statement has a problem (it copies its sentence)."""
    parties = reading(ctx).parties
    fact = f"force:{relation.where}:{normalise(step)}"
    truth = truth_for(fact)
    if truth:
        claim = (
            f"according to {ctx.name}, {step} is one of the steps {parties} commit "
            "themselves to take, rather than one they will only look into"
        )
    else:
        claim = (
            f"according to {ctx.name}, {step} is a step {parties} will only look into, "
            "without committing themselves to it"
        )
    lead = "True." if truth else "False: they commit themselves to it."
    made = list(_statement(ctx, relation, "commitment-force-restated", claim, truth, fact, lead))
    return made[0] if made and not problems(made[0]) else None


_ENDED = re.compile(
    r"^The (?:period|era|time|days|age|years) (?:in which|when|during which) (?P<subject>.+?) "
    r"(?P<verb>[a-z]+ed|" + "|".join(IRREGULAR_PAST) + r") (?P<rest>.+)$"
)


def _ended(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "The period in which A regarded B as rivals has ended" -> "A no longer / still …"."""
    for relation in reading(ctx).of("ended", section.id):
        match = _ENDED.match(relation.what)
        if not match:
            continue
        past = match.group("verb")
        verb = IRREGULAR_PAST.get(past) or past_base(past)
        subject = render(ctx, match.group("subject"))
        rest = match.group("rest")
        # "treated X as a line of confrontation": the "as" complement is the claim itself
        limit = 10 if re.search(r"^[^,]{3,40} as ", rest) else 5
        words = short(rest, limit + 1).split()[:limit]  # a few words: no copied clause
        while words and words[-1] in FUNCTION_WORDS:
            words.pop()
        rest = render(ctx, " ".join(words))
        fact = f"claim:{relation.where}:ended"
        truth = truth_for(fact)
        how = "no longer" if truth else "still"
        claim = f"{ctx.name} presents {subject} as {how} {gerund(verb)} {rest}"
        lead = "True: that period has ended." if truth else "False: that period has ended."
        yield from _statement(ctx, relation, "claim-ended-restated", claim, truth, fact, lead)


_EXCHANGE = re.compile(
    r"^(?P<a>[A-Z][\w-]*(?: [A-Z][\w-]*)*) will (?P<verb>[a-z]+) (?P<x>[^,;]+), and "
    r"(?P<b>[A-Z][\w-]*(?: [A-Z][\w-]*)*) will (?P=verb) (?P<y>[^,;]+?)\.?$"
)


def _exchanged(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "A will provide X, and B will provide Y": who does which, told true or exchanged."""
    for clause in reading(ctx).clauses_in(section.id):
        match = _EXCHANGE.match(clause.text)
        if not match or match.group("a") == match.group("b"):
            continue
        a, b, verb = match.group("a"), match.group("b"), match.group("verb")
        x, y = (re.sub(r"^(?:its|their|his|her) ", "the ", match.group(k)) for k in ("x", "y"))
        fact = f"claim:{clause.section_id}@{clause.paragraph}.{clause.sentence}:tasks"
        # rated: the true form only told the two tasks in the other order (recognition, rule 7);
        # the tasks exchanged between the two actors is the near-miss, keyed false
        truth = False
        first, second = a, b
        claim = (
            f"in the division of tasks {ctx.name} sets out, it falls to {first} to {verb} "
            f"{render(ctx, y)}, and to {second} to {verb} {render(ctx, x)}"
        )
        lead = f"{'True' if truth else 'False'}: {a} will {verb} {x}, and {b} {y}."
        yield from _statement(
            ctx, Relation("tasks", clause), "role-tasks", claim, truth, fact, lead
        )


_REMAINS = re.compile(r"(?P<what>(?:[Tt]he )?[A-Z][^,;]*?) remains in force\b")


def _in_force(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "X remains in force" beside a new agreement Y: "Y replaces X" (false) or "X still
    applies beside Y" (true)."""
    agreements = [t for t in ctx.terms.key_terms() if t.kind == "agreement"]
    for clause in reading(ctx).clauses_in(section.id):
        match = _REMAINS.search(clause.text)
        if not match:
            continue
        kept = match.group("what")
        newer = [
            t.display
            for t in agreements
            if any(
                m.section_id == section.id and m.paragraph == clause.paragraph for m in t.mentions
            )
            and normalise(t.display) not in normalise(kept)
            and normalise(kept) not in normalise(t.display)
        ]
        if not newer:
            continue
        kept = kept[0].lower() + kept[1:] if kept.startswith("The ") else kept
        fact = f"claim:{clause.section_id}@{clause.paragraph}.{clause.sentence}:in-force"
        truth = truth_for(fact)
        if truth:
            claim = f"{ctx.name} keeps {kept} binding alongside {newer[0]}"
        else:
            claim = f"{ctx.name} treats {kept} as replaced by {newer[0]}"
        lead = f"{'True' if truth else 'False'}: it says {kept} “remains in force”."
        yield from _statement(
            ctx, Relation("in_force", clause), "claim-in-force", claim, truth, fact, lead
        )


def _statement(
    ctx: Context,
    relation: Relation,
    generator: str,
    claim: str,
    truth: bool,
    fact: str,
    lead: str,
) -> Iterator[Draft]:
    stem = f"True or false: {capital(claim)}."
    made = draft(
        ctx,
        relation.clause,
        "true_false",
        generator,
        stem,
        truth,
        fact,
        lead,
        keys=(fact,),
        score=0.85,
        difficulty=0.55,
    )
    if made:
        yield made
