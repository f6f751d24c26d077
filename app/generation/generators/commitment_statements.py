"""Commitments restated false by meaning: the verb reversed ("raise" for "lower") or the force
lowered ("merely agreed to study"), worded as claims about the text, not copies of it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P, Relation
from ..draft import Context, Draft
from ..ideas import draft, reading, render
from ..phrasing import gerund
from ..wordlists import COMMON_VERBS

# verbs whose reverse is a real near-miss: a reader who skimmed may take either
_REVERSED = {
    "lower": "raise",
    "raise": "lower",
    "increase": "reduce",
    "reduce": "increase",
    "expand": "limit",
    "strengthen": "weaken",
    "share": "divide up",
    "restore": "demolish",
    "intensify": "scale back",
    "tighten": "relax",
    "broaden": "narrow",
}


def reversed_commitments(ctx: Context, section: Section) -> Iterator[Draft]:
    """A commitment restated with its verb reversed ("commit to raising tariffs"), or with
    its force changed ("merely agreed to study"): false by meaning, and worded as a claim
    about the text rather than a copy of its sentence."""
    read = reading(ctx)
    tentative = bool(read.of("tentative"))
    for relation in read.of("firm", section.id):
        match = re.match(r"^(?:continue to )?([a-z]+) (.+)$", relation.what)
        if match and match.group(1) not in _REVERSED and match.group(1) in COMMON_VERBS:
            yield from _force_changed(ctx, relation, match.group(1), match.group(2), tentative)
        if not match or match.group(1) not in _REVERSED:
            continue
        verb, obj = match.groups()
        obj = re.split(r",? (?:which|while|based|including|to (?=[a-z]+ ))\b", obj)[0]
        obj = re.sub(r"\s+(?:by|before|each|every) .*$", "", obj)
        words = obj.split()
        if not 3 <= len(words) <= 14 or P in obj or re.search(r"\b(?:this|these|those)\b", obj):
            continue
        wrong = _REVERSED[verb]
        first, *rest = wrong.split()
        wrong = " ".join([gerund(first), *rest])
        stem = (
            f"True or false: According to {ctx.name}, {read.parties} commit themselves to "
            f"{wrong} {render(ctx, obj)}."
        )
        made = draft(
            ctx,
            relation.clause,
            "true_false",
            "commitment-reversed",
            stem,
            False,
            f"{relation.where[0]}@{relation.where[1]}.{relation.where[2]}:commitment",
            f"False: they {relation.verb} {verb} {render(ctx, obj)}.",
            keys=(),
            score=0.7,
            difficulty=0.35,
        )
        if made:
            yield made


def _force_changed(
    ctx: Context, relation: Relation, verb: str, obj: str, tentative: bool
) -> Iterator[Draft]:
    """ "Supporting X is something the parties merely agreed to study": the force lowered."""
    strong = r"\b(?:agreed?|decided|intend|intention|pledged?|committed)\b"
    if not re.search(strong, relation.verb) and (tentative or relation.verb != "will"):
        return  # beside steps only to be studied, a plain "will" is no near-miss
    obj = re.split(r",? (?:which|while|based|including|as|to (?=[a-z]+ ))\b", obj)[0]
    if not 3 <= len(obj.split()) <= 16 or P in obj or re.search(r"\b(?:this|these|those)\b", obj):
        return
    read = reading(ctx)
    what = f"{gerund(verb)} {render(ctx, obj)}"
    stem = (
        f"True or false: According to {ctx.name}, {what} is something {read.parties} merely "
        f"agreed to {'study' if tentative else 'consider'} for the future."
    )
    made = draft(
        ctx,
        relation.clause,
        "true_false",
        "commitment-force-changed",
        stem,
        False,
        f"{relation.where[0]}@{relation.where[1]}.{relation.where[2]}:commitment",
        f"False: {read.parties} {relation.verb} {verb} {render(ctx, obj)}.",
        keys=(),
        score=0.6,
        difficulty=0.35,
    )
    if made:
        yield made
