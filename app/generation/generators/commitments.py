"""Commitments and their force: what the parties agreed to do, what they only agreed to study,
whom they call on to act, and what they set up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..clauses import POOL_LIMIT, Clause, P, Relation
from ..draft import Context, Draft
from ..ideas import (
    cached,
    capital,
    draft,
    gerund,
    key_fact,
    options,
    organisations,
    pick_phrases,
    reading,
    render,
    resolve_back,
    verb_led,
)
from ..terms import normalise
from ..wordlists import COMMON_VERBS

_STUDY_VERB = re.compile(r"\b(study|explore|seek)\b")
_CREATE = re.compile(
    r"\b(?P<verb>establish|set up|create|bring) (?P<body>(?:a|an|the) (?:new |joint )?[^,]+?|"
    r"joint [a-z ]+?)(?P<tail> into operation)?(?=(?: to [a-z]+)|,|\.|;| with |$)"
)


def _item(text: str) -> str:
    """A listed step as an option: without a trailing "in this area"."""
    text = re.sub(r"\s+in (?:this|that) (?:area|field|regard)$", "", text.strip())
    return re.sub(r"^(?:by )", "", text)


def _topic(relation: Relation) -> str:
    match = re.search(r"\bin the (?:area|field) of ([a-z][a-z -]+)", relation.what)
    return match.group(1) if match else ""


def commitments(ctx: Context, section: Section) -> Iterator[Draft]:
    """Force (agreed vs only studied), whom the parties call on, and what they set up."""
    yield from _force(ctx, section)
    yield from _calls(ctx, section)
    yield from _created(ctx, section)


def force_fact(ctx: Context, section: Section, relation: Relation) -> str:
    """The fact of a question on a step only studied: the fact of the section's "agreed to
    implement, rather than only study" question when it has one (that question offers the
    step as a distractor: asked again alone, it is a twin), else the step's own sentence."""
    agreed = _force_lists(ctx, section)[0]
    return f"force:{agreed[0].where}" if agreed else f"studied:{relation.where}"


def _force_lists(ctx: Context, section: Section) -> tuple[list[Relation], list[Relation]]:
    """The section's lists of steps agreed and of steps only studied, when it has both."""
    read = reading(ctx)
    firm = [
        r
        for r in read.of("firm", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:agreed?|decided)\b", r.verb)
    ]
    tentative = [
        r
        for r in read.of("tentative", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:study|explore)\b", r.verb)
    ]
    firm = [r for r in firm if not any(i.startswith(("to ", "through ")) for i in r.items)]
    return (firm, tentative) if firm and tentative else ([], [])


def _force(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    firm = [
        r
        for r in read.of("firm", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:agreed?|decided)\b", r.verb)
    ]
    tentative = [
        r
        for r in read.of("tentative", section.id)
        if len(r.items) >= 2 and re.search(r"\b(?:study|explore)\b", r.verb)
    ]
    firm = [r for r in firm if not any(i.startswith(("to ", "through ")) for i in r.items)]
    if not firm or not tentative:
        return
    studied = [_item(i) for r in tentative for i in r.items]
    study = _STUDY_VERB.search(tentative[0].verb)
    study_verb = study.group(1) if study else "study"
    for relation in firm:
        keys = [_item(i) for i in relation.items]
        agreed = re.sub(r"^(?:have |has )?(?:also )?", "", relation.verb)
        topic = _topic(relation)
        where = f" in {topic}" if topic else ""
        stem = (
            f"Which of these steps{where} have {read.parties} {agreed}, "
            f"rather than only agreed to {study_verb}? (Choose all that apply.)"
        )
        fact = f"force:{relation.where}"
        lead = (
            f"{capital(read.parties)} {agreed} these steps; the others they only agreed to "
            f"{study_verb}."
        )
        made = draft(
            ctx,
            relation.clause,
            "multiple_response",
            "commitment-force",
            stem,
            sorted(keys),
            fact,
            lead,
            choices=options(keys, studied, fact),
            keys=tuple(keys),
            score=0.95,
            difficulty=0.6,
        )
        if made:
            yield made
        for item in keys[:2]:  # a step agreed, said to be only studied: the force changed
            yield from _force_statement(ctx, relation, item, study_verb, False, fact)
    for relation in tentative:
        for item in relation.items:
            item = _item(item)
            # one statement per sentence: two on one list test one reading (rule 8)
            yield from _force_statement(
                ctx, relation, item, study_verb, True, force_fact(ctx, section, relation)
            )


def _force_statement(
    ctx: Context, relation: Relation, item: str, verb: str, truth: bool, fact: str
) -> Iterator[Draft]:
    parties = reading(ctx).parties
    stem = (
        f"True or false: Under {ctx.name}, {item} is among the steps {parties} only agreed to "
        f"{verb}, rather than agreed to carry out."
    )
    lead = "True." if truth else "False: this step is among those the parties agreed to implement."
    made = draft(
        ctx,
        relation.clause,
        "true_false",
        "commitment-force-statement",
        stem,
        truth,
        fact,
        lead,
        keys=(item,),
        score=0.8,
        difficulty=0.5,
    )
    if made:
        yield made


def _calls(ctx: Context, section: Section) -> Iterator[Draft]:
    read = reading(ctx)
    bodies = [t.display for t in organisations(ctx)]
    for relation in read.of("call", section.id):
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
        actions = render(ctx, relation.rest)
        verb = re.sub(r"s$", "", relation.verb)
        aux = "does" if actor_text and actor_text != P else "do"
        if relation.verb.startswith("will"):
            aux, verb = "will", verb.removeprefix("will ")
        fact = f"call:{relation.where}:whom"
        lead = f"{capital(actor)} {verb} {whom} to act."
        pool = bodies if whom in bodies else read.agents
        if len(pool) < 4:
            pool = pool + bodies
        distractors = pick_phrases(whom, pool, 3, fact, avoid=[actor], heads=pool is not bodies)
        if len(distractors) == 3:
            stem = f"According to {ctx.name}, whom {aux} {actor} {verb} to {actions}{when}?"
            made = draft(
                ctx,
                relation.clause,
                "multiple_choice",
                "commitment-call",
                stem,
                whom,
                fact,
                lead,
                choices=options(whom, distractors, fact),
                keys=(whom,),
                score=0.85,
            )
            if made:
                yield made
        if len(relation.items) >= 2:
            mine = {render(ctx, i) for i in _actions_of(relation)}
            pool = [a for a in _action_pool(ctx) if a not in mine]
            keys = list(relation.items)
            if len(pool) < 3:  # few lists of actions: the parties' own commitments
                pool += _commitment_pool(ctx)
            distractors = pick_phrases(keys, pool, 3, fact + "what")
            if len(distractors) >= 2:
                stem = (
                    f"According to {ctx.name}, what {aux} {actor} {verb} {whom} to do? "
                    "(Choose all that apply.)"
                )
                made = draft(
                    ctx,
                    relation.clause,
                    "multiple_response",
                    "commitment-call-actions",
                    stem,
                    sorted(keys),
                    f"call:{relation.where}:what",
                    lead,
                    choices=options(keys, distractors, fact),
                    keys=tuple(keys),
                    score=0.8,
                )
                if made:
                    yield made


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


def render_plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _created(ctx: Context, section: Section) -> Iterator[Draft]:
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
        aux, rest = _question_verb(force)
        stem = f"According to {ctx.name}, what {aux} {read.parties} {rest}{verb}{tail}{how}?"
        fact = f"{clause.section_id}@{clause.paragraph}.{clause.sentence}:created:{body}"
        distractors = pick_phrases(body, bodies, 3, fact)
        if len(distractors) < 3 or how.strip() == "":
            if len(distractors) < 3:
                continue
        lead = f"{capital(read.parties)} {force} {verb} {body}{tail}."
        made = draft(
            ctx,
            clause,
            "multiple_choice",
            "commitment-create",
            stem,
            body,
            fact,
            lead,
            choices=options(body, distractors, fact),
            keys=(body,),
            score=0.85,
        )
        if made:
            yield made


_NEW_BODY = re.compile(
    r"\b(?:establish(?:ed)?|set up|create[ds]?|bring|inauguration (?:at [^.]+? )?of) "
    r"((?:a|an) (?:new |joint )?[^,]+?|joint [a-z ]+?)"
    r"(?= into operation| to [a-z]+|,|\.|;| with |$)"
)


def _question_verb(force: str) -> tuple[str, str]:
    """ "have decided to" -> ("have", "decided to "); "will" -> ("will", ""); "intend to" ->
    ("do", "intend to ")."""
    words = force.split()
    if not words:
        return "do", ""
    if words[0] in {"will", "have", "has", "shall", "are"}:
        rest = " ".join(words[1:])
        return words[0], f"{rest} " if rest else ""
    return "do", f"{force} "


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
        made = draft(
            ctx,
            clause,
            "multiple_choice",
            "commitment-actor",
            stem,
            key,
            fact,
            f"{capital(key)} {verb} {vp}.",
            choices=options(key, distractors, fact),
            keys=(term.norm,),
            score=0.85,
        )
        if made:
            yield made


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


_DEADLINE = re.compile(
    r"\s+(?P<deadline>(?:by|before|no later than) (?:the end of )?(?:[A-Z][a-z]+ \d{1,2}, )?\d{4})$"
)


def deadlines(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What will the parties do by the end of 1965?": a dated commitment among the others."""
    read = reading(ctx)

    def dated(relations: list[Relation]) -> list:
        found = []
        for relation in relations:
            what = re.sub(r"\s+by (?:ten|\d+) percent", "", relation.what)
            deadline = _DEADLINE.search(what)
            action = what[: deadline.start()] if deadline else what
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
        distractors = pick_phrases(action, pool, 3, fact)
        if len(distractors) < 3:
            continue
        when = deadline.group("deadline")
        aux, rest = _question_verb(relation.verb)
        stem = f"According to {ctx.name}, what {aux} {read.parties} {rest}do {when}?"
        made = draft(
            ctx,
            relation.clause,
            "multiple_choice",
            "commitment-deadline",
            stem,
            action,
            fact,
            f"{capital(read.parties)} {relation.verb} {action} {when}.",
            choices=options(action, distractors, fact),
            keys=(action,),
            score=0.8,
        )
        if made:
            yield made


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
        made = draft(
            ctx,
            clause,
            "multiple_choice",
            "commitment-actor",
            stem,
            term.display,
            fact,
            f"{capital(term.display)} {match.group('modal')} {vp}.",
            choices=options(term.display, distractors, fact),
            keys=(term.norm,),
            score=0.75,
        )
        if made:
            yield made


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
        made = draft(
            ctx,
            clause,
            "multiple_response",
            "commitment-actions",
            stem + " (Choose all that apply.)",
            sorted(items),
            fact,
            f"The text lists what {body} is for: {'; '.join(items)}.",
            choices=options(items, distractors, fact),
            keys=tuple(items),
            score=0.9,
        )
        if made:
            yield made


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
        aux, rest = _question_verb(relation.verb)
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
