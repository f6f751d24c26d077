"""Claims, theses and rejections: what the text says has ended, what the parties reject, how
the present compares with the past, and what finances what; ``treaty_claims`` asks about the
treaties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P
from ..draft import Context, Draft
from ..ideas import (
    choice_question,
    draft,
    reading,
    render,
    resolve_back,
    stance_objects,
    truth_for,
)
from ..near_misses import pick_phrases
from ..phrasing import capital
from ..wordlists import COMMON_VERBS
from .treaty_claims import in_force, major_step, provisions

_VERBS = "|".join(sorted(COMMON_VERBS))


_ANTONYMS = {
    "increase": "reduce",
    "reduce": "increase",
    "strengthen": "weaken",
    "weaken": "strengthen",
    "bolster": "undermine",
    "expand": "limit",
    "advance": "hold back",
}


def claims(ctx: Context, section: Section) -> Iterator[Draft]:
    """The thesis and claims of a section, asked as choices or as reworded statements."""
    yield from _ended(ctx, section)
    yield from _rejected(ctx, section)
    yield from in_force(ctx, section)
    yield from _different(ctx, section)
    yield from _finances(ctx, section)
    yield from major_step(ctx, section)
    yield from provisions(ctx, section)


def _ended(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    continued = [
        render(ctx, re.split(rf" and (?=(?:{_VERBS}) )", r.what)[0]) for r in read.pool("continue")
    ]
    continued += stance_objects(ctx)  # when the text continues too little
    continued = [re.sub(r"^(?:an|a) ", "the ", c) for c in continued if len(c.split()) >= 3]
    for relation in read.of("ended", section.id):
        key = render(ctx, relation.what)
        key = key[0].lower() + key[1:]
        fact = f"claim:{relation.where}:ended"
        distractors = pick_phrases(key, continued, 3, fact)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, what has ended?"
        yield from choice_question(
            ctx,
            relation.clause,
            "claim-ended",
            stem,
            key,
            distractors,
            fact,
            f"The text says {key} has ended; the other options are things the parties say "
            "they will continue.",
            score=1.0,
            difficulty=0.4,
        )


def _rejected(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    for relation in read.of("reject", section.id):
        actor = read.parties if relation.actor == P else render(ctx, relation.actor)
        key = render(ctx, relation.what)
        fact = f"claim:{relation.where}:reject"
        here = stance_objects(ctx)
        distractors = pick_phrases(key, here, 3, fact)
        where = ""
        reason = resolve_back(ctx, relation.clause, relation.rest) if relation.rest else ""
        region = re.search(r"\bin ((?:[A-Z][\w ]+?)(?: and (?:the )?[A-Z][\w ]+)?)$", reason or "")
        if region:
            where = f" in {region.group(1)}"
        # "reject the view that …": the bare noun is no answer (its thesis is a statement)
        bare = re.fullmatch(r"the (?:idea|view|notion|claim|belief)", key)
        if len(distractors) == 3 and not bare:
            stem = f"According to {ctx.name}, what do {actor} reject{where}?"
            yield from choice_question(
                ctx,
                relation.clause,
                "claim-rejected",
                stem,
                key,
                distractors,
                fact,
                f"{capital(actor)} reject {key}.",
                score=0.95,
            )
        verb = re.match(r"^that (?:can only |will |would )?([a-z]+)\b(.*)$", reason or "")
        if verb and verb.group(1) in _ANTONYMS:
            flipped = render(ctx, f"{_ANTONYMS[verb.group(1)]}{verb.group(2)}")
            plain = re.sub(r"^the (?:failed )?model of ", "", key)
            stem = (
                f"True or false: According to {ctx.name}, {actor} reject {plain} because it "
                f"would {flipped}."
            )
            made = draft(
                ctx,
                relation.clause,
                "true_false",
                "claim-reason-reversed",
                stem,
                False,
                f"claim:{relation.where}:why",
                f"False: they reject it because it “{reason.removeprefix('that ')}”.",
                keys=(key,),
                score=0.75,
                difficulty=0.55,
            )
            if made:
                yield made


def _different(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    for relation in read.of("different", section.id):
        what = render(ctx, relation.what)
        then = render(ctx, relation.rest)
        fact = f"claim:{relation.where}:different"
        truth = truth_for(fact)
        claim = "differs fundamentally from what it was" if truth else "is much the same as"
        stem = f"True or false: According to {ctx.name}, {what} {claim} {then}."
        made = draft(
            ctx,
            relation.clause,
            "true_false",
            "claim-compared",
            stem,
            truth,
            fact,
            f"{'True' if truth else 'False'}: {ctx.name} says {what} is “fundamentally "
            f"different than {then}”.",
            keys=(what,),
            score=0.8,
            difficulty=0.4,
        )
        if made:
            yield made


_FINANCES = re.compile(
    r"(?:that |^)(?P<source>[a-z][a-z -]+?) (?:poses [^,]+, and )?represents an? "
    r"(?:[a-z]+ )?source of (?:financial support|funding|money|revenue) for (?P<end>[a-z][a-z -]+)"
)


def _finances(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "X helps to finance Y" (true) or the roles exchanged (false): what links X and Y."""
    read = reading(ctx)
    for clause in read.clauses_in(section.id):
        match = _FINANCES.search(clause.text)
        if not match:
            continue
        source, end = match.group("source"), match.group("end").strip()
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:link"
        truth = truth_for(fact)
        first, second = (source, end) if truth else (end, source)
        stem = (
            f"True or false: According to {ctx.name}, {first} is a substantial source of money "
            f"for {second}."
        )
        made = draft(
            ctx,
            clause,
            "true_false",
            "claim-link",
            stem,
            truth,
            fact,
            f"{'True' if truth else 'False'}: the text says {source} “represents a substantial "
            f"source of financial support for {end}”.",
            keys=(),
            score=0.85,
            difficulty=0.5,
        )
        if made:
            yield made
