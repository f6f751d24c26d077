"""Roles and capacities: in what capacity the parties act ("as co-sponsors of …") and who
chairs a body the text sets up ("to be chaired by …")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P
from ..common import common_names
from ..distractors import subtype
from ..draft import Context, Draft
from ..ideas import (
    cached,
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
        bodies = [
            t.display
            for t in organisations(ctx)
            if subtype(t) in _DELIBERATIVE  # a body with members that chairs could lead
            and not {w.lower()[:5] for w in re.findall(r"[A-Za-z]+", t.display)} & common
        ]
        for relation in read.pool("role"):
            role = re.match(r"^(?P<noun>.+?) of (?P<body>.+)$", relation.what)
            if role:
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
                stem = f"According to {ctx.name}, in what capacity {aux} {read.parties} "
                stem += f"{short(predicate, 10)}?"
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
            if re.search(r"(?:officials|Ministers|ministers|Presidents|members|agencies)", a)
        ]
        people.sort(key=lambda a: " of " in a)  # "the two Presidents" before another country's
        people = [p for p in people if normalise(p) not in normalise(relation.clause.quote)]
        distractors = pick_phrases(key, people, 3, fact, heads=True)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, who is to chair the {body}?"
        yield from choice_question(
            ctx,
            relation.clause,
            "role-chair",
            stem,
            key,
            distractors,
            fact,
            f"The {body} is “to be chaired by {key}”.",
            score=0.9,
        )


_MANNER = r"in a spirit of [a-z ]+|in good faith|on an? [a-z]+ basis|[a-z]+ly and [a-z]+ly"
_MANNER_AT_END = re.compile(
    rf"^(?:(?P<cond>(?:Where|When|If) [^,]+), )?\x00 (?P<main>(?:will|shall) [a-z][^,;]*?),? "
    rf"(?P<manner>{_MANNER})\.?$"
)
_ESPECIALLY = re.compile(
    r"\b(?P<group>[A-Z][\w.]* (?:and [A-Z][\w.]* )?[a-z]+(?: [a-z]+)?), and especially "
    r"(?P<key>[a-z][\w-]* [a-z]+),"
)


def manners(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "How will the parties work to resolve their differences?": the manner the text sets,
    against the other manners it names ("in good faith", "constructively and transparently")."""
    read = reading(ctx)
    pool = cached(
        ctx,
        "manners",
        lambda: [
            m.group() for c in read.clauses for m in re.finditer(rf"\b(?:{_MANNER})\b", c.text)
        ],
    )
    for clause in read.clauses_in(section.id):
        match = _MANNER_AT_END.match(clause.text.rstrip("."))
        if not match:
            continue
        key = match.group("manner")
        fact = key_fact(clause.where, key)
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        modal, _, rest = match.group("main").partition(" ")
        cond = match.group("cond")
        condition = f"{cond[0].lower()}{cond[1:]}, " if cond else ""
        subject = "they" if cond else read.parties
        stem = f"According to {ctx.name}, {condition}how {modal} {subject} {rest}?"
        stem = render(ctx, stem.replace(f"{P} ", f"{read.parties} ", 1))
        yield from choice_question(
            ctx,
            clause,
            "role-manner",
            stem,
            key,
            distractors,
            fact,
            f"The text says: “{clause.quote}”",
            score=0.8,
        )


def singled_out(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which institutions does the text single out …?" from "A and B institutions, and
    especially non-governmental organizations, can …"."""
    read = reading(ctx)
    for clause in read.clauses_in(section.id):
        match = _ESPECIALLY.search(clause.text)
        if not match:
            continue
        key = match.group("key")
        rest = clause.text[match.end() :].strip().rstrip(".")
        fact = key_fact(clause.where, key)
        pool = [a for a in read.agents if normalise(a) not in normalise(clause.text)]
        distractors = pick_phrases(key, pool, 3, fact, heads=True)
        if len(distractors) < 3 or not rest.startswith(("can ", "will ", "should ")):
            continue
        stem = (
            f"According to {ctx.name}, besides {match.group('group')} in general, which "
            f"bodies in particular {rest.replace(P, read.parties)}?"
        )
        yield from choice_question(
            ctx,
            clause,
            "role-singled-out",
            stem,
            key,
            distractors,
            fact,
            f"The text singles out {key}.",
            score=0.75,
        )
