"""Purposes and reasons the text gives: what steps are aimed at and why the parties act (as
choices and as reworded statements); ``grounds`` and ``effects`` ask what goals rest on, what
shows a claim true and what a step brings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P, Relation
from ..draft import Context, Draft
from ..ideas import (
    cached,
    choice_question,
    draft,
    reading,
    render,
    resolve_back,
    select_all_question,
    truth_for,
)
from ..kinds import copied_run
from ..near_misses import pick_phrases
from ..phrasing import as_gerund, capital, verb_led
from ..quality import MAX_COPIED_RUN
from ..steps import short
from .effects import benefits
from .grounds import conditions, evidence

_WEAK_ACTIONS = {"cooperate", "endeavor", "work", "seek ways", "continue"}


def purposes(ctx: Context, section: Section) -> Iterator[Draft]:
    """Conditions, aims, purposes, benefits and evidence, each against near-misses of its kind."""
    yield from conditions(ctx, section)
    yield from _aims(ctx, section)
    yield from _purposes(ctx, section)
    yield from benefits(ctx, section)
    yield from evidence(ctx, section)


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
        made = re.match(rf"^{re.escape(read.parties)} will ([a-z]+) (?:an? |the )?(.+)$", setting)
        if made and not many:  # the thing named in the stem: no "this" pointing at the text
            thing, verb = made.group(2), made.group(1)
            stem = (
                f"According to {ctx.name}, what is the {thing} that {read.parties} will {verb} "
                "aimed at?"
            )
        else:
            stem = f"{capital(setting)}. According to {ctx.name}, what {be} {noun} aimed at?"
        lead = f"The text says they are aimed at {key}."
        yield from choice_question(
            ctx, relation.clause, "purpose-aim", stem, key, distractors, fact, lead, score=0.85
        )


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
        first, _, later = verb.partition(" ")
        if first in {"have", "has", "are", "is"} and later:  # "why have they agreed to …?"
            aux, verb = first, re.sub(r"^also ", "", later)
        asked = action if aux == "will" else f"{verb} {action}"
        if copied_run(f"{read.parties} {asked}", relation.clause.quote) >= MAX_COPIED_RUN:
            if re.search(r",\s", action):
                continue  # cut, a list of bodies would lose its members ("in A, B, and C")
            action = short(action) or action  # a cloze otherwise: the step named in short
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
        verb_phrase = f"{verb} {action_text}".strip() if aux != "will" else action_text
        if aux == "will" and verb and verb not in {"will"}:
            verb_phrase = f"{verb} {action_text}".strip()
        if len(parts) >= 2:
            distractors = pick_phrases(parts, pool, 3, fact)
            if len(distractors) >= 2:
                stem = (
                    f"According to {ctx.name}, for which of these purposes {aux} {read.parties} "
                    f"{verb_phrase}? (Choose all that apply.)"
                )
                yield from select_all_question(
                    ctx,
                    relation.clause,
                    "purpose-why",
                    stem,
                    parts,
                    distractors,
                    fact,
                    lead,
                    score=0.85,
                )
            continue
        key = parts[0]
        distractors = pick_phrases(key, pool, 3, fact)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, why {aux} {read.parties} {verb_phrase}?"
        yield from choice_question(
            ctx, relation.clause, "purpose-why", stem, key, distractors, fact, lead, score=0.85
        )


def _one_purpose(purpose: str, sentence: str) -> bool:
    """Whether ``purpose`` is one whole purpose: not a list ("strengthening peace, to promote
    growth, and protect …" mixes a gerund with infinitives once restated) and not cut off
    before its sentence ends (a clause of the sentence goes on after it)."""
    # a second infinitive (", to promote", "and to open") or a bare verb before its object
    # (", and protect the forests"); a list of objects ("salmon, eel, and cod") is one purpose
    if re.search(
        r";|\bto [a-z]+\b.*\b(?:,|and) to [a-z]+|,\s+and\s+[a-z]+ (?:the|a|an|their|its)\b", purpose
    ):
        return False
    end = re.sub(r"[\s.;:!]+$", "", sentence)
    return end.endswith(re.sub(r"[\s.;:!]+$", "", purpose))


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
            if (
                match
                # "act together, with …": an aside; "abolish duties …, and": a second step
                and not re.search(r",\s+(?:with|together|jointly)\b|\band$", match.group("action"))
                and not re.search(r"\b(?:this|these|those)\b", match.group("purpose"))
                and _one_purpose(match.group("purpose"), relation.clause.text)
            ):
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
