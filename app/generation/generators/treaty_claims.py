"""Claims about the text's treaties: which remains in force and why, which treaty is a major
step toward a goal, and from whose provisions a party is to be graduated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, P
from ..distractors import related
from ..draft import Context, Draft
from ..ideas import (
    choice_question,
    draft,
    key_fact,
    reading,
    render,
    select_all_question,
    truth_for,
)
from ..near_misses import pick_phrases
from ..phrasing import gerund
from ..terms import normalise

_TREATY_NAME = re.compile(
    r"^the (?P<head>Treaty|Agreement|Convention) Between .+? (?P<on>on (?:the )?[A-Z].+?)"
    r"(?: of (?P<date>[A-Z][a-z]+ \d{1,2}, (?P<year>\d{4})))?,?$"
)


def short_name(name: str, dated: bool = True) -> str:
    """ "the Treaty Between A and B on X of July 31, 1991" -> "the 1991 Treaty on X"."""
    match = _TREATY_NAME.match(name.strip().rstrip(","))
    if not match:
        return name.strip().rstrip(",")
    year = f"{match.group('year')} " if match.group("year") and dated else ""
    return f"the {year}{match.group('head')} {match.group('on')}"


_FOUNDATION = re.compile(
    r"\bits provisions will provide the foundation for (?:providing )?(?P<what>[a-z, ]+?) in "
    r"(?P<field>[a-z ]+?)(?=,|$)"
)


def in_force(ctx: Context, section: Section) -> Iterator[Draft]:
    """Which treaty remains in force, beside which new one, and the foundation it provides."""
    read = reading(ctx)
    agreements = [t for t in ctx.terms.key_terms() if t.kind == "agreement"][:POOL_LIMIT]
    for relation in read.of("in_force", section.id):
        treaty = short_name(render(ctx, relation.what))
        option = short_name(render(ctx, relation.what), dated=False)
        fact = f"claim:{relation.where}:in-force"
        others = [
            short_name(t.display + (f" of {t.value}" if False else ""))
            for t in agreements
            if not t.display.startswith("the Joint") and t.display.split()[1:2] == ["Treaty"]
        ]
        others = [o for o in others if o not in {treaty, option}]
        foundation = _FOUNDATION.search(relation.rest)
        detail = ""
        if foundation:
            detail = (
                f", its provisions to provide the foundation for {foundation.group('what')} in "
                f"{foundation.group('field')}"
            )
        distractors = pick_phrases(option, others, 3, fact, overlap=1.0)
        if len(distractors) >= 3:
            stem = f"According to {ctx.name}, which treaty remains in force{detail}?"
            yield from choice_question(
                ctx,
                relation.clause,
                "claim-in-force",
                stem,
                option,
                distractors,
                fact,
                f"The parties proceed on the basis that {treaty} remains in force.",
                score=0.95,
            )
        concluded = [
            short_name(render(ctx, m))
            for c in read.clauses_in(section.id)
            for m in re.findall(r"\bthe conclusion of (the [A-Z][^.]+?)(?=\.|,|$)", c.text)
        ]
        for new in concluded[:1]:
            truth = truth_for(fact + ":statement")
            stem = (
                f"True or false: According to {ctx.name}, {treaty} stays in force beside {new}."
                if truth
                else f"True or false: According to {ctx.name}, {new} replaces {treaty}."
            )
            made = draft(
                ctx,
                relation.clause,
                "true_false",
                "claim-in-force-statement",
                stem,
                truth,
                fact,
                f"{'True' if truth else 'False'}: {treaty} “remains in force in accordance "
                "with its terms”.",
                keys=(treaty,),
                score=0.85,
                difficulty=0.5,
            )
            if made:
                yield made
        if foundation:
            items = [
                i.strip()
                for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", foundation.group("what"))
                if i.strip()
            ]
            pool = [
                i
                for c in read.clauses_in(section.id)
                for m in re.finditer(r"\bprinciples of ([a-z, ]+)", c.text)
                for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1))
            ]
            pool += [i for r in read.pool("firm") for i in r.items if len(i.split()) <= 2]
            if len(items) >= 2:
                distractors = pick_phrases(items, pool, 3, fact + "why")
                if len(distractors) >= 2:
                    stem = (
                        f"According to {ctx.name}, the provisions of {treaty} will provide the "
                        f"foundation for which of these in {foundation.group('field')}? "
                        "(Choose all that apply.)"
                    )
                    yield from select_all_question(
                        ctx,
                        relation.clause,
                        "claim-in-force-why",
                        stem,
                        items,
                        distractors,
                        f"claim:{relation.where}:foundation",
                        f"The parties proceed on the basis that {treaty} remains in force and "
                        "that its provisions will provide this foundation.",
                        seed=fact,
                        score=0.9,
                    )


_MAJOR_STEP = re.compile(
    r"^(?:A|The) (?:major|first|key|important|decisive) step (?:in this direction|toward [^,]+?) "
    r"is (?P<what>the (?:conclusion|signing|adoption|establishment) of (?P<name>the [A-Z].+?))\.?$"
)


def major_step(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What is a major step toward …?": the agreement the text calls a step to its goal."""
    read = reading(ctx)
    agreements = [t.display for t in ctx.terms.key_terms() if t.kind == "agreement"][:POOL_LIMIT]
    for clause in read.clauses_in(section.id):
        match = _MAJOR_STEP.match(clause.text)
        goal = None
        for before in read.of("firm", section.id):
            if before.where < clause.where:
                goal = before
        if not match or goal is None:
            continue
        verb, _, obj = goal.what.partition(" ")
        obj = re.split(r" consistent with | in accordance with |,", obj)[0]
        noun = match.group("what").split()[1]
        key = f"the {noun} of {short_name(match.group('name'), dated=False)}"
        pool = [
            f"the {noun} of {short_name(a, dated=False)}"
            for a in agreements
            if a.split()[1:2] == ["Treaty"] and not related(a, match.group("name"))
        ]
        fact = key_fact(clause.where, match.group("name"))
        distractors = pick_phrases(key, pool, 3, fact, overlap=1.0)
        if len(distractors) < 3:
            continue
        stem = (
            f"According to {ctx.name}, what is a major step toward {gerund(verb)} "
            f"{render(ctx, obj)}?"
        )
        yield from choice_question(
            ctx,
            clause,
            "claim-major-step",
            stem,
            key,
            distractors,
            fact,
            f"The text calls {key} “a major step in this direction”.",
            keys=(normalise(match.group("name")),),
            score=0.9,
        )


_PROVISIONS = re.compile(
    r"\b(?P<verb>graduating|exempting|releasing|removing) (?P<who>[A-Z][\w-]*) from "
    r"(?P<what>the (?:[a-z]+ )?provisions of (?:the )?[A-Z][^,;]+?)(?=,|;|\.?$)"
)


def provisions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "From which provisions do the parties want X graduated?" among the text's other
    provisions (near-misses of one kind)."""
    read = reading(ctx)
    pool = [
        render(ctx, m.group())
        for c in read.clauses[:POOL_LIMIT]
        for m in re.finditer(
            r"\b(?:the )?(?:[a-z]+ )?provisions (?:and principles )?(?:of|contained in) (?:the )?"
            r"(?:[A-Z]|U\.S\.)[^,;]+?(?=,|;|\.?$)",
            c.text,
        )
    ]
    pool += [
        f"the provisions of {short_name(t.display, dated=False)}"
        for t in ctx.terms.key_terms()[:POOL_LIMIT]
        if t.kind == "agreement" and t.display.split()[1:2] == ["Treaty"]
    ]
    for clause in read.clauses_in(section.id):
        match = _PROVISIONS.search(clause.text)
        if not match:
            continue
        key = render(ctx, match.group("what"))
        lead = clause.text[: match.start()].strip()
        stated = re.match(rf"^{P} (?P<verb>[a-z]+) the importance(?: and desirability)? of$", lead)
        if not stated:
            continue
        fact = key_fact(clause.where, key)
        distractors = pick_phrases(key, pool, 3, fact, overlap=1.0)
        if len(distractors) < 3:
            continue
        stem = (
            f"According to {ctx.name}, {read.parties} {stated.group('verb')} the importance of "
            f"{match.group('verb')} {match.group('who')} from which provisions?"
        )
        yield from choice_question(
            ctx,
            clause,
            "claim-provisions",
            stem,
            key,
            distractors,
            fact,
            f"The text: “{clause.quote}”",
            keys=(normalise(key),),
            score=0.9,
        )
