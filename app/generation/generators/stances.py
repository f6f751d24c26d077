"""The force of what the parties say, asked in other words than the text's: what they only
agreed to study against what they undertook, and which body the text makes the main channel
for what. Every option is a step or a body from the same document: near-misses of one kind,
the same section's first (a step from another field is told apart by its topic alone).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P
from ..draft import Context, Draft
from ..ideas import (
    cached,
    choice_question,
    key_fact,
    organisations,
    reading,
    render,
)
from ..near_misses import pick_phrases
from ..phrasing import as_gerund, capital, verb_led
from .force import force_fact

MAX_STEP_WORDS = 10  # a step longer than this reads as a sentence, not an option
_STUDIED = re.compile(r"\b(study|explore)\b")
_AGREED = re.compile(r"\b(?:agreed?|decided)\b")
_TRAILING = re.compile(
    r",? (?:which|while|whose|bearing in mind|consistent with|in accordance with|based on)\b.*$"
)
_MECHANISM = re.compile(
    r"^(?P<body>(?:the |a |an )?[A-Z][^,]*?) will be the (?P<rank>principal|main|primary|chief) "
    r"(?P<what>mechanism|forum|channel|means|body|venue) (?:through|by|in) which (?P<how>.+?)\.?$"
)


def stances(ctx: Context, section: Section) -> Iterator[Draft]:
    """What was only to be studied against what was undertaken; the main channel for what."""
    yield from _studied(ctx, section)
    yield from _mechanism(ctx, section)


def _step(text: str) -> str:
    """A step as an option: without a trailing "in this area" or a clause hung on it."""
    text = _TRAILING.sub("", text.strip())
    text = re.sub(r"\s+in (?:this|that) (?:area|field|regard)$", "", text)
    return re.sub(r"^by ", "", text).strip(" ,;")


def _agreed_steps(ctx: Context) -> list[tuple[str, str]]:
    """Steps the parties undertook, as noun phrases: the items of "have agreed to implement
    … including A, B and C" lists, and short commitments as gerunds."""
    read = reading(ctx)

    def build():
        found = []
        for relation in read.pool("firm"):
            sid = relation.clause.section_id
            if relation.items and _AGREED.search(relation.verb):
                found += [(sid, render(ctx, _step(i))) for i in relation.items]
            elif verb_led(relation.what):
                phrase = _step(relation.what)
                if len(phrase.split()) <= MAX_STEP_WORDS and P not in phrase:
                    found.append((sid, render(ctx, as_gerund(f"to {phrase}"))))
        return [(sid, f) for sid, f in found if 2 <= len(f.split()) <= MAX_STEP_WORDS + 4]

    return cached(ctx, "agreed-steps", build)


def _studied(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which of these did the parties agree only to study?": a step only studied among
    steps they agreed to carry out."""
    read = reading(ctx)
    agreed = _agreed_steps(ctx)
    for relation in read.of("tentative", section.id):
        verb = _STUDIED.search(relation.verb)
        if verb is None:
            continue
        steps = [render(ctx, _step(i)) for i in relation.items]
        steps = steps or [render(ctx, _step(relation.what))]
        here = [f for sid, f in agreed if sid == section.id]
        for step in steps:
            fact = force_fact(ctx, section, relation)
            distractors = pick_phrases(step, here, 3, fact + step, avoid=steps)
            if len(distractors) < 3:  # then the nearest of the other sections' steps
                distractors += pick_phrases(
                    step,
                    [f for sid, f in agreed if sid != section.id],
                    3 - len(distractors),
                    fact + step,
                    avoid=steps + distractors,
                )
            if len(distractors) < 3:
                continue
            stem = (
                f"Which of these did {read.parties} agree only to {verb.group(1)}, without yet "
                "committing themselves to it?"
            )
            yield from choice_question(
                ctx,
                relation.clause,
                "commitment-studied",
                stem,
                step,
                distractors,
                fact,
                f"{capital(read.parties)} agreed only to {verb.group(1)} {step}; the other "
                "options are steps they undertook.",
                score=0.9,
                difficulty=0.6,
            )


def _mechanism(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What will be the principal mechanism through which the parties …?": the body the text
    makes the main channel for something, among the text's other bodies."""
    read = reading(ctx)
    where = ctx.term_sections()
    terms = organisations(ctx)
    # the bodies this section names are the near-misses (another consultation body, not a
    # trade organisation); the others only when it names too few
    here = [t.display for t in terms if section.id in where.get(t.norm, ())]
    bodies = here + [t.display for t in terms if section.id not in where.get(t.norm, ())]
    for clause in read.clauses_in(section.id):
        match = _MECHANISM.match(clause.text)
        if not match:
            continue
        body = render(ctx, match.group("body"))
        body = re.sub(r"^(?:a|an|The) ", "the ", body)
        # the first thing it is the channel for: the whole list is the sentence copied
        how = render(ctx, re.split(r",\s+(?:and\s+)?", match.group("how"))[0])
        fact = key_fact(clause.where, body)
        distractors = pick_phrases(body, here, 3, fact)
        distractors += pick_phrases(body, bodies, 3 - len(distractors), fact, avoid=distractors)
        if len(distractors) < 3:
            continue
        stem = (
            f"According to {ctx.name}, which body is to be the {match.group('rank')} "
            f"{match.group('what')} through which {how}?"
        )
        yield from choice_question(
            ctx,
            clause,
            "role-mechanism",
            stem,
            body,
            distractors,
            fact,
            f"{capital(body)} is to be the {match.group('rank')} {match.group('what')}.",
            score=0.9,
        )
