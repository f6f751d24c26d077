"""Purposes and reasons the text gives: what a goal requires or rests on, what steps are aimed
at, why the parties act, what a step will bolster, and what shows a claim true."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, P, Relation
from ..draft import Context, Draft
from ..events import dated_events
from ..ideas import (
    as_gerund,
    cached,
    capital,
    draft,
    options,
    pick_phrases,
    plural,
    reading,
    render,
    resolve_back,
    stance_objects,
    truth_for,
    verb_led,
)
from ..wordlists import COMMON_VERBS

_CLAIM_OPENER = re.compile(
    rf"^(?:{P} (?:recognize|believe|agree|acknowledge|note|stress) that |Reaffirming their "
    r"belief that |[A-Za-z\x00 ]+ that )"
)
_WEAK_ACTIONS = {"cooperate", "endeavor", "work", "seek ways", "continue"}


def purposes(ctx: Context, section: Section) -> Iterator[Draft]:
    """Conditions, aims, purposes, benefits and evidence, each against near-misses of its kind."""
    yield from _conditions(ctx, section)
    yield from _aims(ctx, section)
    yield from _purposes(ctx, section)
    yield from _benefits(ctx, section)
    yield from _evidence(ctx, section)


def _condition_options(relation: Relation) -> list[str]:
    return [as_gerund(i) for i in relation.items]


def _conditions(ctx: Context, section: Section) -> Iterator[Draft]:
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
        if "rest on" in verb:
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
                made = draft(
                    ctx,
                    relation.clause,
                    "multiple_response",
                    "purpose-condition",
                    stem,
                    sorted(keys),
                    fact,
                    lead,
                    choices=options(keys, distractors, fact),
                    keys=tuple(keys),
                    score=0.9,
                )
                if made:
                    yield made
            continue
        distractors = pick_phrases(keys[0], pool, 3, fact)
        if len(distractors) == 3:
            made = draft(
                ctx,
                relation.clause,
                "multiple_choice",
                "purpose-condition",
                stem,
                keys[0],
                fact,
                lead,
                choices=options(keys[0], distractors, fact),
                keys=(keys[0],),
                score=0.9,
            )
            if made:
                yield made


def _aim_pool(ctx: Context) -> list[str]:
    return cached(ctx, "aims", lambda: _aims_of(ctx))


def _aims_of(ctx: Context) -> list[str]:
    read = reading(ctx)
    pool = [render(ctx, r.what) for r in read.pool("aimed")]
    pool += [render(ctx, as_gerund(_first_purpose(r.what))) for r in read.pool("purpose")]
    if len(pool) < 4:  # few aims in the text: its commitments, as what steps might aim at
        pool += [
            render(ctx, as_gerund("to " + r.what))
            for r in read.pool("firm")
            if verb_led(r.what) and len(r.what.split()) <= 10
        ]
    return pool


def _first_purpose(text: str) -> str:
    return (
        re.split(r",? (?:and )?to (?=[a-z]+ )|, including ", text, maxsplit=1)[0]
        if text.startswith("to ")
        else text
    )


def _aims(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    for relation in read.of("aimed", section.id):
        before = relation.actor
        if not before.startswith(P):
            continue
        setting = render(ctx, re.sub(r"\ba number of\b", "", before)).strip()
        setting = re.sub(r"\s+", " ", setting)
        key = render(ctx, re.sub(r",\s*where [^,]+,", "", relation.what))
        topic = re.search(r"\s+in the (?:area|field) of [a-z -]+$", key)
        key = key[: topic.start()] if topic else key
        setting += topic.group() if topic else ""
        many = bool(re.search(r"\b(?:steps|measures|programs|efforts)\b", setting))
        noun = "these steps" if many else "this"
        fact = f"aim:{relation.where}"
        pool = [re.sub(r"\s+in the (?:area|field) of [a-z -]+$", "", p) for p in _aim_pool(ctx)]
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        be = "are" if many else "is"
        stem = f"{capital(setting)}. According to {ctx.name}, what {be} {noun} aimed at?"
        lead = f"The text says they are aimed at {key}."
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "purpose-aim",
            stem,
            key,
            fact,
            lead,
            choices=options(key, distractors, fact),
            keys=(key,),
            score=0.85,
        )
        if made:
            yield made


def _purposes(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    every = read.pool("purpose")
    for relation in read.of("purpose", section.id):
        action = re.sub(r",? including [^,]+,?", "", relation.rest).strip()
        if (
            len(action.split()) < 3
            or re.search(r" and (?![A-Z]|the [A-Z])", action)
            or action in _WEAK_ACTIONS
            or re.search(r"\b(?:necessary|ways)$", action)
            or re.match(r"^to (?:be|the|a|an|their)\b", relation.what)
        ):
            continue
        purpose = resolve_back(ctx, relation.clause, relation.what)
        if purpose is None:
            continue
        parts = [p for p in re.split(r",? and (?=to [a-z]+ )", purpose) if p]
        parts = [re.split(r",? including ", p)[0].strip() for p in parts]
        parts = [render(ctx, p) for p in parts]
        verb = re.sub(r"^(?:will )?(?:also )?", "", relation.verb)
        aux = "will" if relation.verb.startswith("will") else "do"
        pool = [
            render(ctx, _first_purpose(o.what))
            for o in every
            if o is not relation and not re.match(r"^to (?:be|the|a|an|their)\b", o.what)
        ]
        pool += [
            render(ctx, "to " + r.what)
            for r in read.pool("firm")
            if r.where != relation.where and 3 <= len(r.what.split()) <= 16
        ]
        pool = [
            p
            for p in pool
            if not {"this", "these", "those"} & set(p.split()) and not p.split()[1].endswith("ing")
        ]
        fact = f"purpose:{relation.where}"
        lead = (
            f"{capital(read.parties)} {relation.verb} {render(ctx, action)} {render(ctx, purpose)}."
        )
        action_text = render(ctx, action)
        verb_phrase = f"{verb} {action_text}".strip() if aux == "do" else action_text
        if aux == "will" and verb and verb not in {"will"}:
            verb_phrase = f"{verb} {action_text}".strip()
        if len(parts) >= 2:
            distractors = pick_phrases(parts, pool, 3, fact)
            if len(distractors) >= 2:
                stem = (
                    f"According to {ctx.name}, for which of these purposes {aux} {read.parties} "
                    f"{verb_phrase}? (Choose all that apply.)"
                )
                made = draft(
                    ctx,
                    relation.clause,
                    "multiple_response",
                    "purpose-why",
                    stem,
                    sorted(parts),
                    fact,
                    lead,
                    choices=options(parts, distractors, fact),
                    keys=tuple(parts),
                    score=0.85,
                )
                if made:
                    yield made
            continue
        key = parts[0]
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, why {aux} {read.parties} {verb_phrase}?"
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "purpose-why",
            stem,
            key,
            fact,
            lead,
            choices=options(key, distractors, fact),
            keys=(key,),
            score=0.85,
        )
        if made:
            yield made


def _benefits(ctx: Context, section: Section) -> Iterator[Draft]:
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
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "purpose-benefit",
            stem,
            key,
            fact,
            lead,
            choices=options(key, distractors, fact),
            keys=(key,),
            score=0.8,
        )
        if made:
            yield made


def _evidence(ctx: Context, section: Section) -> Iterator[Draft]:
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
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "purpose-evidence",
            stem,
            key,
            fact,
            lead,
            choices=options(key, distractors, fact),
            keys=(key,),
            score=0.8,
        )
        if made:
            yield made


def purpose_statements(ctx: Context, section: Section) -> Iterator[Draft]:
    """A purpose the text gives, exchanged for another purpose of the text: a false claim
    about why the parties act, worded as a claim rather than a copy of the sentence."""
    read = reading(ctx)

    def stated(relations: list[Relation]) -> list:
        found = []
        for relation in relations:
            match = re.match(
                r"^(?P<action>[a-z]+ (?:[a-z]+ )?(?:in|with|on|together)[^;]*?),? "
                r"(?P<purpose>to [a-z]+ [^;]+)$",
                relation.what,
            )
            if match and not re.search(r"\b(?:this|these|those)\b", match.group("purpose")):
                action = render(ctx, match.group("action"))
                found.append((relation, action, match.group("purpose")))
            elif relation.verb == "are determined to" and "these" not in relation.what:
                found.append((relation, "", "to " + relation.what))
        return found

    every = ctx._cached("stated-purposes", lambda: stated(read.pool("firm")))
    for relation, action, purpose in stated(read.of("firm", section.id)):
        if not action:
            continue
        others = [render(ctx, p) for r, _, p in every if r is not relation]
        wrong = pick_phrases(render(ctx, purpose), others, 1, f"{relation.where}:purpose")
        if not wrong:
            continue
        aux = "will" if relation.verb.startswith("will") else "do"
        fact = f"purpose:{relation.where}"
        truth = truth_for(fact)
        reason = as_gerund(render(ctx, purpose) if truth else wrong[0])
        stem = (
            f"True or false: According to {ctx.name}, the reason {read.parties} {aux} {action} "
            f"is {reason}."
        )
        made = draft(
            ctx,
            relation.clause,
            "true_false",
            "purpose-statement",
            stem,
            truth,
            fact,
            f"{'True' if truth else 'False'}: they {relation.verb} {action} "
            f"{render(ctx, purpose)}.",
            keys=(),
            score=0.7,
            difficulty=0.45,
        )
        if made:
            yield made


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
        made = draft(
            ctx,
            clause,
            "multiple_response",
            "purpose-contribution",
            stem,
            sorted(ends),
            fact,
            f"The text: “{clause.quote}”",
            choices=options(ends, distractors, fact),
            keys=tuple(ends),
            score=0.8,
        )
        if made:
            yield made
