"""Roles and capacities: in what capacity the parties act ("as co-sponsors of …") and who
chairs a body the text sets up ("to be chaired by …")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, P
from ..common import common_names
from ..distractors import subtype
from ..draft import Context, Draft
from ..ideas import (
    choice_question,
    draft,
    key_fact,
    organisations,
    reading,
    render,
    resolve_back,
)
from ..kinds import copied_run
from ..near_misses import options, pick_phrases
from ..phrasing import capital
from ..quality import MAX_COPIED_RUN
from ..steps import short
from ..terms import normalise

_DELIBERATIVE = {
    "Council",
    "Group",
    "Commission",
    "Committee",
    "Assembly",
    "Forum",
    "Board",
    "Conference",
    "Mission",
    "Dialogue",
}


def _role_pool(ctx: Context) -> list[str]:
    read = reading(ctx)
    pool = [f"as {render(ctx, r.what)}" for r in read.pool("role")]
    pool += [f"as {render(ctx, r.what)}" for r in read.pool("as") if len(r.what.split()) >= 2]
    # a text with few roles: the same capacity in another of its bodies ("as co-chairs of the
    # Council of the Inner Sea" beside "as co-chairs of the Lakeland Contact Group"), a
    # near-miss a student who skimmed would take, false by the text
    if len(pool) < 4:
        common = common_names(ctx.document)
        terms = [
            t
            for t in ctx.terms.key_terms()[:POOL_LIMIT]
            if t.kind in {"organisation", "agreement"}
            and not {w.lower()[:5] for w in re.findall(r"[A-Za-z]+", t.display)} & common
        ]
        for relation in read.pool("role"):
            role = re.match(r"^(?P<noun>.+?) of (?P<body>.+)$", relation.what)
            if role:
                # the same capacity in a body of the role's own kind: chairs of another
                # council, guarantors of another treaty (never "guarantors of a forum")
                mine = [
                    t
                    for t in ctx.terms.key_terms()[:POOL_LIMIT]
                    if normalise(t.display) in normalise(role.group("body"))
                ]
                kinds = {subtype(t) for t in mine} if mine else set(_DELIBERATIVE)
                if kinds & set(_DELIBERATIVE):
                    kinds |= set(_DELIBERATIVE)
                agreement = any(t.kind == "agreement" for t in mine)
                bodies = [
                    t.display
                    for t in terms
                    if t not in mine
                    and (subtype(t) in kinds or (agreement and t.kind == "agreement"))
                    and len(t.display.split()) >= 2
                ]
                noun = render(ctx, role.group("noun"))
                pool += [
                    f"as {noun} of {b}"
                    for b in bodies
                    if normalise(b) not in normalise(relation.clause.text)
                ][:4]
    return pool


def _question(rest: str) -> tuple[str, str] | None:
    """ "will continue to exert …" -> ("will", "continue to exert …"); "stand ready …" ->
    ("do", "stand ready …")."""
    words = rest.split()
    if words[0] in {"will", "are", "have", "shall"}:
        return words[0], " ".join(words[1:])
    if words[0] in {"is", "has"}:
        return None
    return "do", rest


_PARTICIPLES = {
    "call on": "called on",
    "urge": "urged",
    "encourage": "encouraged",
    "ask": "asked",
    "invite": "invited",
    "request": "requested",
    "instruct": "instructed",
}


def _passive_call(ctx: Context, relation) -> str | None:
    """ "X are called on to resume talks …. In what capacity do the parties call on them?":
    a call too long to ask in the active without copying its sentence."""
    for call in reading(ctx).of("call", relation.clause.section_id):
        if call.where != relation.where or not call.items:
            continue
        verb = re.sub(r"^(?:will |also )+|s$", "", call.verb)
        participle = _PARTICIPLES.get(verb)
        if participle is None:
            continue
        whom = render(ctx, call.what)
        many = bool(re.search(r"\band\b", whom) or re.search(r"s$", whom.split(" of ")[0]))
        action = render(ctx, call.items[0])
        be, pronoun = ("are", "them") if many else ("is", "it")
        return (
            f"{capital(whom)} {be} {participle} to {action}. According to {ctx.name}, in what "
            f"capacity do {reading(ctx).parties} {verb} {pronoun}?"
        )
    return None


def roles(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "In what capacity do the parties …?", role swaps as statements, and chairs."""
    read = reading(ctx)
    pool = ctx._cached("roles", lambda: _role_pool(ctx))
    everyone = read.pool("role")
    for relation in read.of("role", section.id):
        if relation.actor != P:
            continue
        rest = resolve_back(ctx, relation.clause, relation.rest)
        if not rest:
            continue
        rest = re.sub(r',? including (?:[^,"]|"[^"]*")+?,', "", rest)
        rest = re.split(r", to [a-z]+ ", rest)[0]
        rest = re.sub(r", and to [a-z]+ .*$", "", rest)
        asked = _question(render(ctx, rest))
        if asked is None:
            continue
        aux, predicate = asked
        if re.search(r"\b(?:its|it|them)\b", predicate):
            continue  # "share its costs": what "its" names went with the role
        key = f"as {render(ctx, relation.what)}"
        body = relation.what.split(" of ", 1)[-1]
        fact = key_fact(relation.where, body)  # one fact with "as co-chairs of which group?"
        lead = f"{capital(read.parties)} act {key}."
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) >= 2:
            stem = f"According to {ctx.name}, in what capacity {aux} {read.parties} {predicate}?"
            if copied_run(stem, relation.clause.quote) >= MAX_COPIED_RUN:  # a cloze: cut it
                cut = short(predicate, 10)
                stem = f"According to {ctx.name}, in what capacity {aux} {read.parties} {cut}?"
                if len(cut.split()) < 2:  # a long call: said in the passive, then asked
                    stem = _passive_call(ctx, relation) or ""
                if not stem:
                    continue
            made = draft(
                ctx,
                relation.clause,
                "multiple_choice",
                "role-capacity",
                stem,
                key,
                fact,
                lead,
                choices=options(key, distractors, fact),
                keys=(key,),
                score=0.95,
            )
            if made and len(made.choices) >= 4:
                yield made
        swaps = 0
        for other in everyone:  # the role exchanged with another role's body: a near-miss
            if other is relation or swaps == 2:
                continue
            swaps += 1
            mine = re.match(r"^(?:two of the )?(?P<noun>.+?) of (?P<body>.+)$", relation.what)
            theirs = re.match(r"^(?:two of the )?(?P<noun>.+?) of (?P<body>.+)$", other.what)
            if not mine or not theirs:
                continue
            noun = mine.group("noun").lower()
            wrong = render(ctx, theirs.group("body"))
            stem = (
                f"True or false: According to {ctx.name}, {read.parties} act as {noun} of {wrong}."
            )
            made = draft(
                ctx,
                relation.clause,
                "true_false",
                "role-swap",
                stem,
                False,
                fact,
                f"False: they act {key}.",
                keys=(key,),
                score=0.75,
                difficulty=0.55,
            )
            if made:
                yield made
    for relation in read.of("chair", section.id):
        key = render(ctx, relation.actor)
        body = render(ctx, relation.what)
        fact = f"chair:{relation.where}"
        people = [
            a
            for a in read.agents
            if re.search(
                r"(?:officials?|Ministers?|ministers?|Presidents|members|agencies|officers?)\b", a
            )
        ]
        people.sort(key=lambda a: " of " in a)  # "the two Presidents" before another country's
        people = [p for p in people if normalise(p) not in normalise(relation.clause.quote)]
        distractors = pick_phrases(key, people, 3, fact, heads=True)
        if len(distractors) < 3:  # other ministers are the near-misses of ministers
            distractors = pick_phrases(key, people, 3, fact)
        if len(distractors) < 3:
            continue
        verb = {"directed": "direct", "led": "lead", "headed": "head"}.get(
            relation.verb, relation.verb.removesuffix("ed") or "chair"
        )
        stem = f"According to {ctx.name}, who is to {verb} the {body}?"
        yield from choice_question(
            ctx,
            relation.clause,
            "role-chair",
            stem,
            key,
            distractors,
            fact,
            f"The {body} is to be {relation.verb or 'chaired'} by {key}.",
            score=0.9,
        )


_FRAMED = re.compile(
    r"^(?:(?:With)?[Ii]n the framework of [^,]+, )?\x00,? (?:(?P<aux>will|shall|are|have) )?"
    r"(?:also )?(?:,? ?(?:with)?in the framework of [^,]+,? )?(?P<predicate>[a-z][^;]+?)\.?$"
)


def frameworks(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Within the framework of which body will the parties propose a code of conduct?": the
    body in whose frame the parties act, among the text's other deliberative bodies."""
    read = reading(ctx)
    bodies = [t for t in organisations(ctx) if not re.search(r"Secretary|Director", t.text)]
    for relation in read.of("framework", section.id):
        match = _FRAMED.match(relation.clause.text)
        mine = [t for t in bodies if normalise(t.text) == normalise(relation.what)]
        if not match or not mine or "framework" in match.group("predicate"):
            continue
        key = mine[0].display
        aux = match.group("aux") or "do"
        predicate = render(
            ctx, re.sub(r",? (?:so as|in order) to .*$", "", match.group("predicate"))
        )
        stem = (
            f"According to {ctx.name}, within the framework of which body {aux} "
            f"{read.parties} {predicate}?"
        )
        if copied_run(stem, relation.clause.quote) >= MAX_COPIED_RUN:
            predicate = short(predicate)
            stem = (
                f"According to {ctx.name}, within the framework of which body {aux} "
                f"{read.parties} {predicate}?"
            )
        fact = key_fact(relation.where, mine[0].norm)  # one fact with its recall twin
        # bodies with members first (a council, a commission), then the text's other bodies
        near = [t.display for t in bodies if t is not mine[0] and subtype(t) in _DELIBERATIVE]
        distractors = pick_phrases(key, near, 3, fact)
        if len(distractors) < 3:
            rest = [t.display for t in bodies if t is not mine[0] and t.display not in near]
            distractors += pick_phrases(key, rest, 3 - len(distractors), fact, avoid=distractors)
        if len(distractors) < 3 or len(predicate.split()) < 2:
            continue
        yield from choice_question(
            ctx,
            relation.clause,
            "role-framework",
            stem,
            key,
            distractors,
            fact,
            f"They act within the framework of {key}.",
            score=0.9,
        )
