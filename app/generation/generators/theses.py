"""The text's theses said in other words, true or false by their meaning: what no longer
applies, what replaces what, how the parties no longer see each other, what they reject."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..draft import Context, Draft
from ..ideas import draft, reading, render, truth_for

_NO_LONGER = re.compile(
    r"^(?P<subj>The [^,;]+?) (?:(?:is|are) no longer applied|no longer appl(?:y|ies)) to "
    r"(?P<obj>[^,;]+?)\.?$"
)
_NO_LONGER_SEE = re.compile(
    r"\b(?:[Nn]either side any longer|\x00 no longer|\x00 do not any longer) "
    r"(?P<verb>regards?|considers?|sees?|treats?|views?) (?:the other|each other) as "
    r"(?P<what>an? [a-z ]+?|[a-z]+s)(?=[,.;]|$| and )"
)
_REPLACED = re.compile(
    r"^(?P<old>The [A-Z][^,;]+?)(?:, which [^,;]+,)? (?:is|are|has been|have been) replaced by "
    r"(?P<new>the [^,;]+?)(?=[,.;]|$)"
)
_REJECTED = re.compile(
    r"\x00 (?:firmly )?reject (?:the idea|the view|the notion|the claim) that "
    r"(?P<what>[^,;]+?)\.?$"
)


def _lower(text: str) -> str:
    """ "The Treaty …" inside a sentence, without its relative clause and "signed today"."""
    text = re.sub(
        r" (?:that|which|who) .*$| (?:signed|agreed|adopted) (?:today|on this day)$", "", text
    )
    return text[0].lower() + text[1:] if text.startswith("The ") else text


def _statements(ctx: Context, text: str) -> Iterator[tuple[str, str, str]]:
    """(true statement, false statement, what the text says) for each thesis of ``text``."""
    parties = reading(ctx).parties
    match = _NO_LONGER.match(text)
    if match:
        subj, obj = _lower(render(ctx, match.group("subj"))), render(ctx, match.group("obj"))
        yield (
            f"{obj} have ceased to be subject to {subj}.",
            f"{obj} remain subject to {subj}.",
            f"{subj} no longer applies to {obj}",
        )
    match = _NO_LONGER_SEE.search(text)
    if match:
        what = match.group("what")
        yield (
            f"{parties} have stopped seeing each other as {what}.",
            f"{parties} still see each other as {what}.",
            f"the two sides no longer see each other as {what}",
        )
    match = _REPLACED.match(text)
    if match:
        old = _lower(render(ctx, match.group("old")))
        new = _lower(render(ctx, match.group("new")))
        yield (
            f"{new} takes the place of {old}.",
            f"{old} stays in force alongside {new}.",
            f"{old} is replaced by {new}",
        )
    match = _REJECTED.search(text)
    if match:
        what = render(ctx, match.group("what"))
        yield (
            f"{parties} deny that {what}.",
            f"{parties} hold that {what}.",
            f"the two sides reject the idea that {what}",
        )


def theses(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "True or false: According to the text, Kaldorian goods remain subject to …" (false):
    a thesis in other words, asked true or false as its fact falls (about half of each)."""
    for clause in reading(ctx).clauses_in(section.id):
        for true, false, said in _statements(ctx, clause.text):
            fact = f"thesis:{clause.where}:{said[:40]}"
            truth = truth_for(fact)
            statement = true if truth else false
            lead = "True" if truth else "False"
            made = draft(
                ctx,
                clause,
                "true_false",
                "claim-thesis",
                f"True or false: According to {ctx.name}, {statement}",
                truth,
                fact,
                f"{lead}: the text says {said}.",
                keys=(said,),
                score=0.9,
                difficulty=0.5,
            )
            if made:
                yield made
