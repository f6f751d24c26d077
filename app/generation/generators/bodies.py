"""The bodies of an agreement: what the parties set up, and what bodies other than the parties
are to do (act, sit, serve as a mechanism)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, Clause, P
from ..draft import Context, Draft
from ..ideas import (
    cached,
    choice_question,
    key_fact,
    organisations,
    reading,
    render,
    resolve_back,
    select_all_question,
)
from ..near_misses import pick_phrases
from ..phrasing import capital, gerund, question_verb
from ..terms import normalise
from ..wordlists import COMMON_VERBS

_CREATE = re.compile(
    r"\b(?P<verb>establish|set up|create|bring) (?P<body>(?:a|an|the) (?:new |joint )?[^,]+?|"
    r"joint [a-z ]+?)(?P<tail> into operation)?(?=(?: to [a-z]+)|,|\.|;| with |$)"
)


def created(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What have the parties decided to set up …?": a body the text creates, among others."""
    read = reading(ctx)
    made_here = []
    bodies = cached(
        ctx,
        "new-bodies",
        lambda: [
            render(ctx, m.group(1).split(" and between ")[0])
            for clause in read.clauses
            for m in _NEW_BODY.finditer(clause.text)
        ],
    )
    for clause in read.clauses_in(section.id):
        for match in _CREATE.finditer(clause.text):
            if clause.text.startswith(P):
                made_here.append((clause, match))
    for clause, match in made_here:
        body = render(ctx, match.group("body"))
        after = clause.text[match.end() :]
        purpose = re.match(r"^ (to (?!be\b)[a-z]+ [^,.;]+)", after)
        chaired = re.match(r"^ to be chaired by ([^,.;]+?)(?: with |[,.;]|$)", after)
        verb_phrase = re.match(rf"^{P},? (?:[^,]+, )?(.*?){re.escape(match.group())}", clause.text)
        if not verb_phrase:
            continue
        force = re.sub(r"\btake the steps necessary to ", "", verb_phrase.group(1)).strip()
        force = re.sub(r"^(?:also )", "", force)
        tail = " into operation" if match.group("tail") else ""
        if purpose:
            how = f" {render(ctx, resolve_back(ctx, clause, purpose.group(1)) or '')}"
        elif chaired:
            how = f", to be chaired by {render(ctx, chaired.group(1))}"
        else:
            how = ""
        verb = match.group("verb")
        aux, rest = question_verb(force)
        stem = f"According to {ctx.name}, what {aux} {read.parties} {rest}{verb}{tail}{how}?"
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:created:{body}"
        distractors = pick_phrases(body, bodies, 3, fact)
        if len(distractors) < 3 or how.strip() == "":
            if len(distractors) < 3:
                continue
        lead = f"{capital(read.parties)} {force} {verb} {body}{tail}."
        yield from choice_question(
            ctx, clause, "commitment-create", stem, body, distractors, fact, lead, score=0.85
        )


_NEW_BODY = re.compile(
    r"\b(?:establish(?:ed)?|set up|create[ds]?|bring|inauguration (?:at [^.]+? )?of) "
    r"((?:a|an) (?:new |joint )?[^,]+?|joint [a-z ]+?)"
    r"(?= into operation| to [a-z]+|,|\.|;| with |$)"
)


_ACTOR = re.compile(
    r"(?:^|\bthat )"
    r"(?P<body>(?:[Tt]he )?[A-Z][\w'’-]*(?: (?:of |for |on |and |the )*[A-Z][\w'’-]*)*)"
    r"(?:, [^;]+?,)? (?P<modal>will|expects to|is to|shall) (?P<vp>[a-z][^;]+?)\.?$"
)


_CUT_VP = re.compile(r", (?:which|who|whose|while|where) .*$")


def actors(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which body will set the catch each year?": who, other than the parties, does what."""
    read = reading(ctx)
    bodies = {t.norm: t for t in organisations(ctx)}
    for clause in read.clauses_in(section.id):
        match = _ACTOR.search(clause.text)
        if not match:
            continue
        body = match.group("body")
        term = bodies.get(normalise(body))
        if term is None:
            continue
        vp = _CUT_VP.sub("", match.group("vp"))
        vp = render(ctx, vp)
        if len(vp.split()) < 3:
            continue
        modal = match.group("modal")
        verb = {"expects to": "expects to", "is to": "is to"}.get(modal, "will")
        key = term.display
        fact = key_fact(clause.where, term.norm)
        here = {normalise(t.text) for t, _ in ctx.terms.in_sentence(clause.where)}
        pool = [t.display for t in bodies.values() if t.norm not in here]
        distractors = pick_phrases(key, pool, 3, fact, overlap=1.0)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, which body {verb} {vp}?"
        yield from choice_question(
            ctx,
            clause,
            "commitment-actor",
            stem,
            key,
            distractors,
            fact,
            f"{capital(key)} {verb} {vp}.",
            keys=(term.norm,),
            score=0.85,
        )


_WHICH_WILL = re.compile(
    r"(?P<body>(?:the |The )?[A-Z][\w'’-]*(?: (?:of |for |on |and |the )*[A-Z][\w'’-]*)*), "
    r"which (?P<modal>will|is to) (?P<vp>[a-z][^,;]+?)\.?$"
)


def seats(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which body will sit in Eskby?" from "…, which will sit in Eskby"."""
    read = reading(ctx)
    bodies = {t.norm: t for t in organisations(ctx)}
    for clause in read.clauses_in(section.id):
        match = _WHICH_WILL.search(clause.text)
        term = bodies.get(normalise(match.group("body"))) if match else None
        if term is None:
            continue
        vp = render(ctx, match.group("vp"))
        fact = key_fact(clause.where, term.norm) + ":which"
        here = {normalise(t.text) for t, _ in ctx.terms.in_sentence(clause.where)}
        pool = [t.display for t in bodies.values() if t.norm not in here]
        distractors = pick_phrases(term.display, pool, 3, fact, overlap=1.0)
        if len(distractors) < 3:
            continue
        stem = f"According to {ctx.name}, which body {match.group('modal')} {vp}?"
        yield from choice_question(
            ctx,
            clause,
            "commitment-actor",
            stem,
            term.display,
            distractors,
            fact,
            f"{capital(term.display)} {match.group('modal')} {vp}.",
            keys=(term.norm,),
            score=0.75,
        )


_DOERS = re.compile(
    r"(?:(?:a |an |the )?(?P<body>(?:new )?[A-Z][\w'’-]*(?: (?:of |for |on |the )*[A-Z][\w'’-]*)*)"
    r", whose members,? (?:[^;]*?, )?will|(?P<mechanism>^(?:the |The )?[A-Z][^,;]*?) will be the "
    r"principal mechanism through which \x00) (?P<actions>[a-z][^;]+?)\.?$"
)


def _verb_items(text: str) -> list[str]:
    """ "identify A, take B, and bear C, individually, for D" -> the phrases each verb leads."""
    parts = re.split(r",? (?:and )?(?=(?:" + "|".join(sorted(COMMON_VERBS)) + r") )", text)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def action_lists(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What will the members of the NATO-Russia Council do?" as a select-all question, its
    distractors what other bodies or addressees of the text are to do."""
    read = reading(ctx)

    def lists(clauses: list[Clause]) -> list:
        found = []
        for clause in clauses:
            match = _DOERS.search(clause.text)
            if match:
                items = _verb_items(match.group("actions"))
                if len(items) >= 2 and all(i.split()[0] in COMMON_VERBS for i in items):
                    found.append((clause, match, [i.replace(P, read.parties) for i in items]))
        return found

    every = ctx._cached("doers", lambda: lists(read.clauses)[:POOL_LIMIT])
    for clause, match, items in lists(read.clauses_in(section.id)):
        others = [i for c, _, its in every if c.where != clause.where for i in its]
        called = [i for r in read.pool("call") for i in r.items if r.where != clause.where]
        # what others are called on to do is surely not this body's task; another body's
        # tasks might be argued to be, so they fill in only when the text calls on no one
        pool = called if len(called) >= 3 else called + others
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:actions"
        distractors = pick_phrases(items, pool, 3, fact)
        if len(distractors) < 2:
            continue
        if match.group("body"):
            body = re.sub(r"^new ", "", match.group("body"))
            stem = f"According to {ctx.name}, what will the members of the {body} do?"
        else:
            body = render(ctx, match.group("mechanism"))
            body = body[0].lower() + body[1:]
            items = [_gerund_phrase(i) for i in items]
            distractors = [_gerund_phrase(d) for d in distractors]
            stem = (
                f"According to {ctx.name}, {body} will be the principal mechanism for which "
                "of these?"
            )
        yield from select_all_question(
            ctx,
            clause,
            "commitment-actions",
            stem + " (Choose all that apply.)",
            items,
            distractors,
            fact,
            f"The text lists what {body} is for: {'; '.join(items)}.",
            score=0.9,
        )


def _gerund_phrase(phrase: str) -> str:
    """ "share information and plans" -> "sharing information and plans"."""
    first, _, rest = phrase.partition(" ")
    rest = re.sub(
        r"^and ((?:[a-z]+ly )?)([a-z]+)\b",
        lambda m: (
            f"and {m.group(1)}{gerund(m.group(2)) if m.group(2) in COMMON_VERBS else m.group(2)}"
        ),
        rest,
    )
    return f"{gerund(first)} {rest}".strip()
