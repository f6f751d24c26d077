"""Commitments and their force: what the parties agreed to do, what they only agreed to study,
whom they call on to act, and what they set up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..alike import near_bodies
from ..clauses import POOL_LIMIT, P, Relation
from ..common import common_names
from ..draft import Context, Draft
from ..ideas import (
    cached,
    choice_question,
    organisations,
    reading,
    render,
    select_all_question,
)
from ..kinds import copied_run
from ..near_misses import pick_phrases
from ..phrasing import capital, verb_led
from ..quality import MAX_COPIED_RUN
from ..steps import short
from ..wordlists import COMMON_VERBS
from .bodies import created
from .force import force_questions


def commitments(ctx: Context, section: Section) -> Iterator[Draft]:
    """Force (agreed vs only studied), whom the parties call on, and what they set up."""
    yield from force_questions(ctx, section)
    yield from _calls(ctx, section)
    yield from created(ctx, section)


def _calls(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    bodies = [t.display for t in organisations(ctx)]
    for relation in read.of("call", section.id):
        if _PRONOUN.match(relation.what):
            continue  # "urge both of them to …": whom is said in the sentence before
        condition = re.match(r"^(?:Where|When|If) (?P<when>[^,]+), (?P<actor>.+)$", relation.actor)
        when = (
            f" {condition.group(0).split(',')[0][0].lower()}{condition.group(0).split(',')[0][1:]}"
            if condition
            else ""
        )
        actor_text = condition.group("actor") if condition else relation.actor
        actor = render(ctx, actor_text) or read.parties
        when = " " + render(ctx, when.replace(P, "they")) if when else ""
        whom = render(ctx, relation.what)
        actions = _their_own(ctx, relation.rest, relation.clause.quote)
        verb = re.sub(r"s$", "", relation.verb)
        aux = "does" if actor_text and actor_text != P else "do"
        if relation.verb.startswith("will"):
            aux, verb = "will", verb.removeprefix("will ")
        fact = f"call:{relation.where}:whom"
        lead = f"{capital(actor)} {verb} {whom} to act."
        alike = whom in bodies  # a body: others of alike work only, or no question (rule 6)
        pool = [a for a in read.agents if not _PRONOUN.match(a)]
        pool = near_bodies(ctx, whom, relation.rest, section.id, bodies) if alike else pool
        if len(pool) < 4 and not alike:
            pool = pool + bodies
        distractors = pick_phrases(whom, pool, 3, fact, avoid=[actor], heads=not alike)
        if len(distractors) == 3 and not _UNSEEN.search(actions):
            stem = f"According to {ctx.name}, whom {aux} {actor} {verb} to {actions}{when}?"
            if copied_run(stem, relation.clause.quote) >= MAX_COPIED_RUN:
                # a cloze otherwise: the action named in short ("verify the destruction of
                # the old mines"), never cut inside a list of actions
                cut = short(actions)
                if len(cut.split()) >= 3 and "," not in actions:
                    stem = f"According to {ctx.name}, whom {aux} {actor} {verb} to {cut}{when}?"
            yield from choice_question(
                ctx,
                relation.clause,
                "commitment-call",
                stem,
                whom,
                distractors,
                fact,
                lead,
                score=0.85,
            )
        if len(relation.items) == 1:
            yield from _call_action(ctx, relation, aux, actor, verb, whom, actions, lead)
        if len(relation.items) >= 2:
            mine = {render(ctx, i) for i in _actions_of(relation)}
            pool = [a for a in _asked_of_alike(ctx, relation) if a not in mine]
            pool = [a for a in pool if not _POINTS_BACK.search(a)]
            keys = list(relation.items)
            distractors = pick_phrases(keys, pool, 3, fact + "what")
            if len(distractors) >= 2:
                stem = (
                    f"According to {ctx.name}, what {aux} {actor} {verb} {whom} to do? "
                    "(Choose all that apply.)"
                )
                yield from select_all_question(
                    ctx,
                    relation.clause,
                    "commitment-call-actions",
                    stem,
                    keys,
                    distractors,
                    f"call:{relation.where}:what",
                    lead,
                    seed=fact,
                    score=0.8,
                )


def _action_pool(ctx: Context) -> list[str]:
    read = reading(ctx)
    return cached(
        ctx,
        "actions",
        lambda: [
            render(ctx, i)
            for kind in ("call", "firm")
            for other in read.pool(kind)
            for i in _actions_of(other)
        ],
    )


def _commitment_pool(ctx: Context) -> list[str]:
    read = reading(ctx)
    return cached(
        ctx,
        "commitments",
        lambda: [
            render(ctx, r.what)
            for r in read.pool("firm")
            if verb_led(r.what) and len(r.what.split()) <= 8
        ],
    )


def _actions_of(relation: Relation) -> list[str]:
    """Verb phrases a sentence lists as things someone does ("share information and plans")."""
    if relation.kind == "call":
        return list(relation.items)
    if relation.kind != "firm":
        return []
    found = []
    for match in _ACTIONS.finditer(relation.clause.text):
        parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?", match.group(1))]
        if all(p.split()[0] in COMMON_VERBS for p in parts):
            found += [p for p in parts if 2 <= len(p.split()) <= 8 and P not in p]
    return found


_ACTIONS = re.compile(
    r"(?:\bwill|through which \S+) ((?:[a-z]+ [^,;]*?, ){2,}(?:and )?[a-z]+ [^,.;]+)"
)


_CALLED = re.compile(r"^(?:ask|urge|call on|encourage|invite|request|instruct)\b")


_PRONOUN = re.compile(r"^(?:both of them|each of them|all of them|them|they|it|each other)$")


_UNSEEN = re.compile(r"\bthe (?:work|task|process|matter)\b")  # which work? said before


_POINTS_BACK = re.compile(
    r"\b(?:this|these|those|them|it|its|their|each other's|the two sides')|"
    r"\bthe (?:work|task|process|matter)\b"  # "certify that the work is complete": which work?
)


# whom a call addresses, by the head of its name: what one of them is asked to do is believable
# of another of the same class only (a bank is not asked to end a war, nor a warring party to
# lend to firms)
_CLASSES = (
    (
        "political",
        r"\b(?:leaders?|presidents?|prime ministers?|governments?|parties|states|countries|"
        r"nations|authorities|sides|peoples?)\b",
    ),
    ("official", r"\b(?:ministers?|ministries|officials|officers|agencies|services|experts)\b"),
    (
        "private",
        r"\b(?:banks|firms|companies|businesses|sectors?|universities|communities|"
        r"organizations|societies|groups|associations)\b",
    ),
)


def addressee_class(whom: str) -> str:
    """The class of a call's addressee: a named body ("the Council of …"), or by its head."""
    head = re.split(r" of (?:the )?", whom, maxsplit=1)[0]
    for name, pattern in _CLASSES:
        if re.search(pattern, head, re.I) and not re.search(r"\b[A-Z]", head[4:]):
            return name
    return "body" if re.search(r"\b[A-Z]", whom) else "private"


def _asked_of_alike(ctx: Context, relation: Relation) -> list[str]:
    """What the text asks of addressees of the class ``relation``'s is of, and for states or
    officials the parties' own steps in the same section (what states do to each other)."""
    read = reading(ctx)
    kind = addressee_class(relation.what)
    found = [
        render(ctx, i)
        for other in read.pool("call")
        if other is not relation and addressee_class(other.what) == kind
        for i in other.items
    ]
    tasks = cached(ctx, "body-tasks", lambda: _body_tasks(ctx))
    if kind == "body":  # what the text says other bodies do ("…, which inspects the ports")
        found += [task for _, task in tasks]
    if kind == "private":  # a firm or a guild: what bodies do beside it, in the same section
        found += [task for sid, task in tasks if sid == relation.clause.section_id]
    if kind in {"political", "official"}:
        steps = [
            r.what if len(r.what.split()) <= 10 else short(r.what, 10)
            for r in read.of("firm", relation.clause.section_id)
            if verb_led(r.what) and r.where != relation.where and not _CALLED.match(r.what)
        ]
        found += [render(ctx, s) for s in steps if len(s.split()) >= 3]
    return [re.sub(r"^to ", "", f) for f in found]


def _call_action(ctx, relation, aux, actor, verb, whom, action, lead) -> Iterator[Draft]:
    """ "What will the parties ask the Council to do?": what one body or group is asked to do,
    among what the text asks of the others (then the parties' own steps)."""
    if _POINTS_BACK.search(action) or not verb_led(action) or len(action.split()) > 14:
        return
    fact = f"call:{relation.where}:what"
    mine = {render(ctx, i) for i in _actions_of(relation)}
    pool = [a for a in _asked_of_alike(ctx, relation) if a not in mine]
    # never an option cut inside a date ("publish a list … by March 1" of "March 1, 2004")
    pool = [a for a in pool if not _POINTS_BACK.search(a) and not re.search(r"[A-Z]\w+ \d+$", a)]
    distractors = pick_phrases(action, pool, 3, fact)
    if len(distractors) < 3:
        return
    stem = f"According to {ctx.name}, what {aux} {actor} {verb} {whom} to do?"
    yield from choice_question(
        ctx,
        relation.clause,
        "commitment-call-action",
        stem,
        action,
        distractors,
        fact,
        lead,
        score=0.85,
    )


_BODY_TASK = re.compile(
    r"\b[A-Z][\w-]*(?: (?:of |on |for |the )*[A-Z][\w-]*)*(?:,[^,]{3,60},)? "
    r"(?:which|that|will) (?P<verb>[a-z]+) (?P<rest>[a-z][^,.;]{8,70})"
)


def _base(verb: str) -> str:
    """ "watches" -> "watch", "carries" -> "carry", "inspects" -> "inspect"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def _body_tasks(ctx: Context) -> list[tuple[str, str]]:
    """(section id, task): what the text's named bodies do or will do, as verb phrases,
    near-misses for what a body is asked to do."""
    parties = common_names(ctx.document)
    found = []
    for clause in reading(ctx).clauses[:POOL_LIMIT]:
        for match in _BODY_TASK.finditer(clause.text):
            name = match.group().split(",")[0]
            if {w.lower()[:5] for w in re.findall(r"[A-Z][a-z]+", name)} & parties:
                continue  # "Castania will provide …": a party's step, not a body's task
            word = match.group("verb")
            if word in {"is", "are", "has", "have", "was", "were", "also", "be", "not"} or (
                not match.group().split()[-len(match.group("rest").split()) - 2] == "will"
                and not word.endswith("s")
            ):
                continue
            found.append((clause.section_id, render(ctx, f"{_base(word)} {match.group('rest')}")))
    return found


def _their_own(ctx: Context, action: str, quote: str) -> str:
    """``action`` rendered, its "their" left as the text wrote it ("call on all shipowners to
    train their crews": the shipowners' crews, not the parties')."""
    kept = re.sub(
        r"\btheir (\w+)",
        lambda m: f"\x01 {m.group(1)}" if f"their {m.group(1)}" in quote else m.group(),
        action,
    )
    return render(ctx, kept).replace("\x01", "their")
