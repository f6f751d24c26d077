"""Ideas the parties hold, reject, and give as reasons: "which idea do they reject?" against the
ideas the text affirms ("we believe that …", "we recognize that …"), and "why will they …?"
for a step the text gives a reason for ("Because …, we will …"; "…, since …")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, Clause, P
from ..draft import Context, Draft
from ..ideas import cached, choice_question, reading, render
from ..kinds import copied_run
from ..near_misses import pick_phrases
from ..quality import MAX_COPIED_RUN
from ..steps import short

MAX_IDEA_WORDS = 22  # an idea offered as an option: one claim a student reads at a glance
_IDEA_NOUNS = r"(?:idea|notion|view|belief|claim|argument|assumption|suggestion|premise)"
_HELD = re.compile(
    rf"^{P} (?:also |firmly |strongly )?(?:believe|recognize|acknowledge|agree|are convinced|"
    r"share the (?:view|conviction|belief)|note|stress|reaffirm their belief) that "
    r"(?P<idea>[a-z][^;]+?)\.?$"
)
# "…, as shown by …", "…, which …": the idea ends before its evidence or its comment
_IDEA_END = re.compile(r",\s+(?:as shown|as demonstrated|which|and (?:we|\x00))\b.*$")
_REJECTED = re.compile(
    rf"^{P} (?:firmly |also )?reject (?:the|any|all) {_IDEA_NOUNS}s? that (?P<idea>[^;]+?)\.?$"
)
_BECAUSE_FIRST = re.compile(
    rf"^(?:Because|Since) (?P<reason>[^,]+), {P} (?P<aux>will|shall|have|are|do) "
    r"(?P<step>[a-z][^;]+?)\.?$"
)
_BECAUSE_AFTER = re.compile(
    rf"^{P} (?P<verb>[a-z]+(?: [a-z]+)?) (?P<step>[^;]+?),? (?:because|since) "
    r"(?P<reason>[a-z][^;,]+?)\.?$"
)


def _ideas_held(ctx: Context) -> list[tuple[Clause, str]]:
    """The ideas the text affirms, each with its clause: near-misses of an idea rejected."""

    def build():
        found = []
        for clause in reading(ctx).clauses[:POOL_LIMIT]:
            match = _HELD.match(clause.text)
            if match:
                idea = _IDEA_END.sub("", match.group("idea")).strip()
                if 5 <= len(idea.split()) <= MAX_IDEA_WORDS and P not in idea:
                    found.append((clause, idea))
        return found

    return cached(ctx, "ideas-held", build)


def held_ideas(ctx: Context, section: Section) -> Iterator[Draft]:
    """Rejected ideas among the ideas held, and the reasons the text gives for a step."""
    yield from _rejected_ideas(ctx, section)
    yield from _reasons(ctx, section)


def _rejected_ideas(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    for clause in read.clauses_in(section.id):
        match = _REJECTED.match(clause.text)
        if not match or len(match.group("idea").split()) > MAX_IDEA_WORDS:
            continue
        key = f"the idea that {render(ctx, match.group('idea'))}"
        pool = [f"the idea that {render(ctx, i)}" for c, i in _ideas_held(ctx) if c != clause]
        fact = f"claim:{clause.section_id}@{clause.paragraph}.{clause.sentence}:reject"
        distractors = pick_phrases(key, pool, 3, fact, overlap=0.6)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, which of these ideas do {read.parties} reject?"
        lead = f"They reject {key}; the text affirms each of the others, so none is rejected."
        yield from choice_question(
            ctx, clause, "claim-rejected-idea", stem, key, distractors, fact, lead, score=0.95
        )


def _reasons(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    everyone = cached(ctx, "reasons", lambda: _all_reasons(ctx))
    held = [(c, i) for c, i in _ideas_held(ctx) if c.section_id != section.id]
    for clause, aux, step, reason in _all_reasons(ctx, section.id):
        key = f"because {render(ctx, reason)}"
        pool = [f"because {render(ctx, r)}" for c, _, _, r in everyone if c != clause]
        pool += [f"because {render(ctx, i)}" for _, i in held]
        fact = f"claim:{clause.section_id}@{clause.paragraph}.{clause.sentence}:why"
        distractors = pick_phrases(key, pool, 3, fact, overlap=0.6)
        if len(distractors) < 3:
            continue
        asked = render(ctx, step)
        stem = f"According to {ctx.name}, why {aux} {read.parties} {asked}?"
        if copied_run(stem, clause.quote) >= MAX_COPIED_RUN:
            # the step named in short: "keep the Strait open", not "… to the ships of all …"
            cut = re.match(r"^((?:\S+ ){3,}?\S+?) (?:to|in|for|at|with|on|by)\b", asked)
            asked = short(asked) or (cut.group(1) if cut else "")
            stem = f"According to {ctx.name}, why {aux} {read.parties} {asked}?"
            if len(asked.split()) < 2 or copied_run(stem, clause.quote) >= MAX_COPIED_RUN:
                continue
        lead = f"The text gives the reason: {key}."
        yield from choice_question(
            ctx, clause, "purpose-reason", stem, key, distractors, fact, lead, score=0.9
        )


def _all_reasons(ctx: Context, section_id: str | None = None) -> list:
    """(clause, auxiliary, step, reason) for every step the text gives a reason for."""
    read = reading(ctx)
    clauses = read.clauses_in(section_id) if section_id else read.clauses[:POOL_LIMIT]
    found = []
    for clause in clauses:
        first = _BECAUSE_FIRST.match(clause.text)
        if first and P not in first.group("reason"):
            found.append((clause, first.group("aux"), first.group("step"), first.group("reason")))
            continue
        after = _BECAUSE_AFTER.match(clause.text)
        if after and P not in after.group("reason"):
            verb = after.group("verb")
            aux, _, rest = verb.partition(" ")
            if aux not in {"will", "shall", "have", "are"}:
                aux, rest = "do", verb
            step = f"{rest} {after.group('step')}".strip()
            found.append((clause, aux, step, after.group("reason")))
    return found
