"""The targets of commitments: what the parties will do by a deadline, and to what levels."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import P, Relation
from ..draft import Context, Draft
from ..ideas import choice_question, draft, reading, render
from ..near_misses import pick_phrases
from ..phrasing import capital, question_verb, verb_led
from ..steps import clause_steps, short, studied_step

_DEADLINE = re.compile(
    r"\s+(?P<deadline>(?:by|before|no later than) (?:the end of )?(?:[A-Z][a-z]+ \d{1,2}, )?\d{4})$"
)


def deadlines(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What will the parties do by the end of 1965?": a dated commitment among the others;
    and by what year a project the text names will be completed."""
    yield from completions(ctx, section)
    read = reading(ctx)

    def dated(relations: list[Relation]) -> list:
        found = []
        for relation in relations:
            what = re.sub(r"\s+by (?:ten|\d+) percent", "", relation.what)
            deadline = _DEADLINE.search(what)
            action = what[: deadline.start()] if deadline else what
            if deadline and len(action.split()) > 16:
                action = short(action)  # "reduce the tanks and artillery | that each keeps …"
            if (
                3 <= len(action.split()) <= 16
                and verb_led(action)
                and not re.search(r"\b(?:this|these|those)\b", action)
            ):
                found.append((relation, render(ctx, action), deadline))
        return found

    every = [a for _, a, _ in ctx._cached("dated-pool", lambda: dated(read.pool("firm")))]
    for relation, action, deadline in dated(read.of("firm", section.id)):
        if deadline is None:
            continue
        pool = [a for a in every if a != action]
        fact = f"{relation.where[0]}@{relation.where[1]}.{relation.where[2]}:commitment"
        # the section's other steps first (one agreed without this date, one only studied):
        # near-misses of its own, so two deadline questions never offer one set of options
        near = [a for a in _section_steps(ctx, section.id) if a != action and a not in pool]
        distractors = pick_phrases(action, near, 2, fact)
        distractors += pick_phrases(action, pool, 3 - len(distractors), fact, avoid=distractors)
        if len(distractors) < 3:
            continue
        when = deadline.group("deadline")
        aux, rest = question_verb(relation.verb)
        stem = f"According to {ctx.name}, what {aux} {read.parties} {rest}do {when}?"
        yield from choice_question(
            ctx,
            relation.clause,
            "commitment-deadline",
            stem,
            action,
            distractors,
            fact,
            f"{capital(read.parties)} {relation.verb} {action} {when}.",
            score=0.8,
        )


def _section_steps(ctx: Context, section_id: str) -> list[str]:
    """The section's steps as verb phrases ("build treatment plants", "construct a gas
    pipeline"): what the parties agreed to without a date, or only to study."""
    found = []
    for relation in clause_steps(ctx, section_id):
        if relation.kind == "firm":
            what = _DEADLINE.sub("", relation.what)
        else:
            studied = studied_step(relation.what)
            what = f"{studied[0]} {studied[1]}" if studied else ""
        if 3 <= len(what.split()) <= 12 and verb_led(what) and P not in what:
            found.append(render(ctx, what))
    return found


_LEVELS = re.compile(
    r"\b(?P<verb>carry out|make|achieve|reduce|cut|lower) (?P<what>[a-z][a-z -]*?) to "
    r"(?P<level>the (?:lowest|highest|minimum|maximum)[a-z ]*? levels?)\b"
)


def levels(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "To what levels do the parties intend to carry out reductions?" (a short answer)."""
    read = reading(ctx)
    for relation in read.of("firm", section.id):
        match = _LEVELS.search(relation.what)
        if not match:
            continue
        level = match.group("level")
        bare = level.removeprefix("the ")
        aux, rest = question_verb(relation.verb)
        stem = (
            f"According to {ctx.name}, to what levels {aux} {read.parties} {rest}"
            f"{match.group('verb')} {render(ctx, match.group('what'))}?"
        )
        made = draft(
            ctx,
            relation.clause,
            "short_answer",
            "commitment-level",
            stem,
            level,
            f"{relation.where[0]}@{relation.where[1]}.{relation.where[2]}:commitment",
            f"{capital(read.parties)} {relation.verb} {match.group()}.",
            accepted=[bare, bare.removesuffix("s"), re.sub(r" levels?$", "", bare)],
            keys=(level,),
            score=0.9,
        )
        if made:
            yield made


_COMPLETED = re.compile(
    r"^The (?P<noun>[a-z]+) will be (?P<verb>completed|finished|built|opened|ready|in service) "
    r"by (?P<year>\d{4})\b"
)


def completions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "By what year will the new railway from A to B be completed?": a project's date, the
    project named as the sentence before names it (a crisp number to type)."""
    read = reading(ctx)
    for clause in read.clauses_in(section.id):
        match = _COMPLETED.match(clause.text)
        before = read.before(clause)
        if not match or before is None:
            continue
        named = re.search(rf"\b(?:the|a) (?:new )?{match.group('noun')}\b[^,.;]*", before.text)
        if not named:
            continue
        project = render(ctx, "the " + named.group().split(" ", 1)[1])
        verb = match.group("verb")
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:completed"
        stem = f"According to {ctx.name}, by what year will {project} be {verb}?"
        made = draft(
            ctx,
            clause,
            "short_answer",
            "commitment-completion",
            stem,
            match.group("year"),
            fact,
            f"{capital(project)} will be {verb} by {match.group('year')}.",
            keys=(match.group("year"),),
            score=0.8,
        )
        if made:
            yield made
