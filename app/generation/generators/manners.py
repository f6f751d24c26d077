"""Manners and bodies singled out: how the parties will work ("in good faith") and which
institutions a sentence names in particular ("and especially …")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P
from ..draft import Context, Draft
from ..ideas import cached, choice_question, key_fact, reading, render
from ..near_misses import pick_phrases
from ..terms import normalise

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
