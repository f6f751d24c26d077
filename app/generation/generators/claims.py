"""Claims, theses and rejections: what the text says has ended, what the parties reject, which
treaty remains in force and why, and how the present compares with the past."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, P
from ..distractors import related
from ..draft import Context, Draft
from ..ideas import (
    capital,
    draft,
    gerund,
    key_fact,
    options,
    pick_phrases,
    reading,
    render,
    resolve_back,
    stance_objects,
    truth_for,
)
from ..terms import normalise
from ..wordlists import COMMON_VERBS

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


def claims(ctx: Context, section: Section) -> Iterator[Draft]:
    """The thesis and claims of a section, asked as choices or as reworded statements."""
    yield from _ended(ctx, section)
    yield from _rejected(ctx, section)
    yield from _in_force(ctx, section)
    yield from _different(ctx, section)
    yield from _finances(ctx, section)
    yield from _major_step(ctx, section)
    yield from _provisions(ctx, section)


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
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "claim-ended",
            stem,
            key,
            fact,
            f"The text says {key} has ended; the other options are things the parties say "
            "they will continue.",
            choices=options(key, distractors, fact),
            keys=(key,),
            score=1.0,
            difficulty=0.4,
        )
        if made:
            yield made


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
        if len(distractors) == 3:
            stem = f"According to {ctx.name}, what do {actor} reject{where}?"
            made = draft(
                ctx,
                relation.clause,
                "multiple_choice",
                "claim-rejected",
                stem,
                key,
                fact,
                f"{capital(actor)} reject {key}; the other options are things they support.",
                choices=options(key, distractors, fact),
                keys=(key,),
                score=0.95,
            )
            if made:
                yield made
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


_FOUNDATION = re.compile(
    r"\bits provisions will provide the foundation for (?:providing )?(?P<what>[a-z, ]+?) in "
    r"(?P<field>[a-z ]+?)(?=,|$)"
)


def _in_force(ctx: Context, section: Section) -> Iterator[Draft]:
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
            made = draft(
                ctx,
                relation.clause,
                "multiple_choice",
                "claim-in-force",
                stem,
                option,
                fact,
                f"The parties proceed on the basis that {treaty} remains in force.",
                choices=options(option, distractors, fact),
                keys=(option,),
                score=0.95,
            )
            if made:
                yield made
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
                    made = draft(
                        ctx,
                        relation.clause,
                        "multiple_response",
                        "claim-in-force-why",
                        stem,
                        sorted(items),
                        f"claim:{relation.where}:foundation",
                        f"The parties proceed on the basis that {treaty} remains in force and "
                        "that its provisions will provide this foundation.",
                        choices=options(items, distractors, fact),
                        keys=tuple(items),
                        score=0.9,
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


_MAJOR_STEP = re.compile(
    r"^(?:A|The) (?:major|first|key|important|decisive) step (?:in this direction|toward [^,]+?) "
    r"is (?P<what>the (?:conclusion|signing|adoption|establishment) of (?P<name>the [A-Z].+?))\.?$"
)


def _major_step(ctx: Context, section: Section) -> Iterator[Draft]:
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
        made = draft(
            ctx,
            clause,
            "multiple_choice",
            "claim-major-step",
            stem,
            key,
            fact,
            f"The text calls {key} “a major step in this direction”.",
            choices=options(key, distractors, fact),
            keys=(normalise(match.group("name")),),
            score=0.9,
        )
        if made:
            yield made


_PROVISIONS = re.compile(
    r"\b(?P<verb>graduating|exempting|releasing|removing) (?P<who>[A-Z][\w-]*) from "
    r"(?P<what>the (?:[a-z]+ )?provisions of (?:the )?[A-Z][^,;]+?)(?=,|;|\.?$)"
)


def _provisions(ctx: Context, section: Section) -> Iterator[Draft]:
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
        made = draft(
            ctx,
            clause,
            "multiple_choice",
            "claim-provisions",
            stem,
            key,
            fact,
            f"The text: “{clause.quote}”",
            choices=options(key, distractors, fact),
            keys=(normalise(key),),
            score=0.9,
        )
        if made:
            yield made
