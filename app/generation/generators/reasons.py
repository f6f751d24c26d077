"""Why the parties act, from the text's own purpose markers ("in order to", "so that", "with a
view to", "aimed at"), each key among the other purposes the text gives (never among steps)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...corpus import Section
from ..clauses import Clause, P
from ..draft import Context, Draft
from ..ideas import choice_question, reading, render
from ..kinds import copied_run
from ..near_misses import pick_phrases
from ..quality import MAX_COPIED_RUN
from ..steps import short

_MARKED = re.compile(
    r"^(?P<action>.+?),? (?P<marker>in order to|so as to|so that|with a view to|aimed at) "
    r"(?P<purpose>[a-z].+?)\.?$"
)
# how the parties' step reads after "why": "will set up …" -> ("will", "set up …")
_STEP = re.compile(
    rf"^{P} (?:(?P<aux>will|shall) (?:also )?|(?P<adj>are resolved|are determined) to |)"
    r"(?P<verb>[a-z]+)\b(?P<rest>.*)$"
)
_PRONOUN = re.compile(r"\b(?:it|its|them|they|this|these|those|one)\b")
MAX_ACTION_WORDS = 11  # the step in the stem, short enough not to copy the sentence


@dataclass(frozen=True)
class Purpose:
    """The parties ``step`` (a question's words) for ``why`` (an option's words)."""

    step: str
    why: str
    clause: Clause
    marker: str


def _why(marker: str, purpose: str) -> str:
    """The purpose as an answer to "why": "to …", "so that …" or "with a view to …ing"."""
    purpose = re.split(r",? and to [a-z]+ |, (?:which|while|but|as shown by)\b", purpose)[0]
    if marker in {"in order to", "so as to"}:
        return f"to {purpose}"
    if marker == "aimed at":
        return f"with a view to {purpose}"
    return f"{marker} {purpose}"


def _step(ctx: Context, action: str) -> str:
    """ "why will Kaldoria and Sereth notify each other of every exercise …?" without the
    sentence's last words; "" when the action is not the parties' own step."""
    match = _STEP.match(action)
    if not match or match.group("verb") in {"are", "is", "have", "has", "be"}:
        return ""
    parties = reading(ctx).parties
    rest = render(ctx, f"{match.group('verb')}{match.group('rest')}")
    rest = re.sub(r"\bthe two sides' (?=two\b)", "the ", rest)  # "their two grids"
    words = rest.split()
    if len(words) > MAX_ACTION_WORDS or "," in rest:
        rest = short(rest, MAX_ACTION_WORDS)  # cut where a phrase ends, never inside one
    words = rest.split()
    if len(words) < 2 or _PRONOUN.search(rest):
        return ""
    if match.group("aux"):
        return f"will {parties} {rest}"
    if match.group("adj"):
        be, adj = match.group("adj").split()
        return f"{be} {parties} {adj} to {rest}"
    if words and words[0].endswith("s"):  # a verb in the singular: not the parties' step
        return ""
    return f"do {parties} {rest}"


def purposes_of(ctx: Context) -> list[Purpose]:
    """Every purpose the text marks, in order (the key pool and the questions)."""

    def build():
        found = []
        for clause in reading(ctx).clauses:
            match = _MARKED.match(clause.text)
            if not match:
                continue
            why = render(ctx, _why(match.group("marker"), match.group("purpose")))
            step = _step(ctx, match.group("action"))
            found.append(Purpose(step, why, clause, match.group("marker")))
        return found

    return ctx._cached("marked-purposes", build)


def _distractors(ctx: Context, key: str, pool: list[str], fact: str) -> list[str]:
    """Three other purposes, of the key's form first, never the very set another question of
    the text offers (two questions showing each other's keys as their only options)."""
    made = ctx._cached("purpose-distractors", dict)  # by fact: the same on a second call
    if fact not in made:
        used = [{k, *d} for k, d in made.values()]
        made[fact] = (key, _fresh(key, pool, fact, used))
    return made[fact][1]


def _fresh(key: str, pool: list[str], fact: str, used: list[set[str]]) -> list[str]:
    alike = [p for p in pool if p.split()[0] == key.split()[0]]
    banned: list[str] = []
    for _ in range(3):
        chosen = pick_phrases(key, alike, 3, fact, banned)
        rest = [p for p in pool if p not in alike]
        chosen += pick_phrases(key, rest, 3 - len(chosen), fact, chosen + banned)
        if {key, *chosen} not in used:
            return chosen
        banned.append(chosen[-1])  # another set: leave one of these out
    return []


def marked_purposes(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Why will the parties …?": the purpose the text marks, among its other purposes."""
    every = purposes_of(ctx)
    pool = [p.why for p in every if not _PRONOUN.search(p.why)]
    for purpose in every:
        if purpose.clause.section_id != section.id or not purpose.step:
            continue
        if _PRONOUN.search(purpose.why):
            continue
        # one fact with the older readers' question on the same sentence ("what is … aimed at?")
        fact = f"{'aim' if purpose.marker == 'aimed at' else 'purpose'}:{purpose.clause.where}"
        distractors = _distractors(ctx, purpose.why, pool, fact)
        stem = f"According to {ctx.name}, why {purpose.step}?"
        if len(distractors) < 3 or copied_run(stem, purpose.clause.quote) >= MAX_COPIED_RUN:
            continue
        yield from choice_question(
            ctx,
            purpose.clause,
            "purpose-marked",
            stem,
            purpose.why,
            distractors,
            fact,
            f"The text gives the purpose: {purpose.why}.",
            score=0.92,
        )
