"""A commitment's step as a short phrase: cut where it names its thing, in the gerund, and
what doing a thing only studied would be called ("set up a center", "hold exercises")."""

from __future__ import annotations

import re

from .clauses import Clause, P, Relation
from .draft import Context
from .ideas import reading, render
from .phrasing import gerund
from .verbforms import (  # noqa: F401 (re-exported: the generators import them from here)
    IRREGULAR_PAST,
    gerund_base,
    nominal_verb,
    participle_base,
    past_base,
)
from .wordlists import COMMON_VERBS, FUNCTION_WORDS

MAX_PHRASE_WORDS = 8  # a step named in a statement: short, so that it is no copied sentence
# where a step's phrase may stop: before a preposition or a relative clause
_BOUNDARIES = set(
    """on in at near along across between by before for within that
    which who from under over through against during until""".split()
)
_LEAD = re.compile(r"^(?:the (?:possibility|feasibility|idea|option) of|ways to|options for) ")
_CALLS = re.compile(r"^(?:ask|encourage|invite|urge|call on|instruct|request)\b")
# what setting a thing in motion is called, by the thing's head noun (general English)
_MAKE = (
    (
        re.compile(r"\b(?:cent(?:er|re)|commission|council|group|body|office|committee|fund)\b"),
        "set up",
    ),
    (re.compile(r"\b(?:exercises?|meetings?|talks|consultations|summits?)\b"), "hold"),
    (re.compile(r"\b(?:treaty|agreement|accord|convention)\b"), "conclude"),
)


_REDUCED_RELATIVE = re.compile(
    r"[a-z]{3,}[^e]ed|laid|left|held|made|built|kept|given|taken|sent|known|shown|done"
)
_POSSESSIVE = re.compile(r"^(?:their|its|our|his|her|[\w-]+['’]s?|[\w-]+s['’])$", re.I)


def short(phrase: str, limit: int = MAX_PHRASE_WORDS) -> str:
    """``phrase`` cut before a preposition once it names its thing (at most ``limit`` words):
    "exchange information each year on the size of …" -> "exchange information each year"."""
    words = phrase.split()
    # "meet each year, alternately in A and B": a comma ends the step's own words
    cuts = [
        n
        for n, word in enumerate(words)
        if n >= 2 and word in _BOUNDARIES and not _inside_name(words, n)
    ]
    cuts += [n + 1 for n, word in enumerate(words) if n >= 1 and word.endswith(",")]
    cuts.sort()
    if cuts and _POSSESSIVE.match(words[cuts[0] - 2]):
        # "their controls" says nothing without "on exports of arms": keep the complement
        cuts = cuts[1:] or ([len(words)] if len(words) <= limit else [])
        if not cuts:
            return ""
    if cuts and cuts[0] <= limit:
        words = words[: cuts[0]]
    elif len(words) > limit + 3:
        return ""  # no place to stop inside it: a cut would leave a fragment
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    if len(words) > 3 and _REDUCED_RELATIVE.fullmatch(words[-1]):
        words.pop()  # "the stocks of sea mines left | from the war": the participle goes too
    return " ".join(words).rstrip(",;")


def _inside_name(words: list[str], n: int) -> bool:
    """Whether ``words[n]`` joins a name ("the Treaty on the Non-Proliferation of …")."""
    after = words[n + 1 : n + 3]
    if after and after[0] == "the":
        after = after[1:]
    return words[n - 1][:1].isupper() and bool(after) and after[0][:1].isupper()


_VAGUE = re.compile(
    r"^(?:possible |other |new |further )?(?:areas|ways|options|means|forms|steps)$"
)


_COSTS = re.compile(r"^(?:the )?(?:costs?|benefits?|merits|conditions|terms) (?:of|for) ")
_WHETHER = re.compile(
    r"^whether (?P<x>.+?) (?:can|could|should|might|would|may) be (?P<pp>[a-z]+)\b ?(?P<rest>.*)$"
)
_ACTION_NOUN = re.compile(r"^the ([a-z]{5,}(?:ction|ment|ation)) of (.+)$")


def studied_step(what: str) -> tuple[str, str] | None:
    """A step only to be studied as (verb, object): "the possibility of a joint center to warn
    of launches" -> ("set up", "a joint center warning of launches")."""
    what = _LEAD.sub("", what.strip())
    what = _COSTS.sub("", what)  # "the costs of storing gas": the step is storing gas
    whether = _WHETHER.match(what)
    if whether:  # "whether a fund can be established": establishing a fund
        x = whether.group("x")
        rest = x if len(x.split()) <= MAX_PHRASE_WORDS else short(x)
        return (participle_base(whether.group("pp")), rest) if rest else None
    action = _ACTION_NOUN.match(what)
    if action and nominal_verb(action.group(1)):
        rest = short(action.group(2))
        return (nominal_verb(action.group(1)), rest) if rest else None
    # "ways to strengthen X" -> strengthening X; never "to the island" (a preposition)
    what = re.sub(
        r"\bto (?!(?:the|a|an|their|its|our|each|both|all)\b)([a-z]+)\b",
        lambda m: gerund(m.group(1)),
        what,
        count=1,
    )
    first = what.split()[0] if what.split() else ""
    if first.endswith("ing") and first not in {"bring", "thing"}:
        rest = short(" ".join(what.split()[1:]))
        return (gerund_base(first), rest) if rest else None
    # "a common regime for agricultural products": short enough to keep whole
    noun = what if len(what.split()) <= 6 and not re.search(r"[,;]", what) else short(what)
    if not noun or _VAGUE.search(noun):
        return None  # "possible areas", "ways": nothing a student could tell studied or done
    for pattern, verb in _MAKE:
        if pattern.search(noun.lower()):
            return verb, noun
    return "go ahead with", noun


def steps_of(ctx: Context, kind: str, section_id: str | None) -> list[tuple[Relation, str]]:
    """(relation, step as a gerund phrase) for the parties' own firm or tentative steps."""
    if section_id is None:
        return ctx._cached(
            f"steps-{kind}",
            lambda: [
                s for section in ctx.document.sections for s in steps_of(ctx, kind, section.id)
            ],
        )
    found = []
    for relation in reading(ctx).of(kind, section_id):
        if kind == "firm" and _STUDY_PART.match(relation.what):
            continue  # "will look into the possibility of …": a step only looked at
        step = _step(ctx, kind, relation, strict=True)
        if step:
            found.append((relation, step))
    seen = [step for _, step in found]
    for relation in clause_steps(ctx, section_id):
        step = _step(ctx, kind, relation, strict=False) if relation.kind == kind else None
        if step and not any(step in other or other in step for other in seen):
            found.append((relation, step))
            seen.append(step)
    return found


def _step(ctx: Context, kind: str, relation: Relation, strict: bool) -> str | None:
    """The gerund phrase of one relation's step; None when it names no step a student could
    tell agreed or studied. ``strict``: the verb must be one the project knows."""
    last = relation.verb.split()[-1]
    # "have decided to abolish", "are committed to working": firm steps too
    if last not in {"will", "study", "consider", "explore", "examine", "shall"} and not (
        kind == "firm" and last == "to"
    ):
        return None
    if kind == "firm":
        what = relation.what
        first = what.split()[0] if what.split() else ""
        if last == "to" and first.endswith("ing"):
            what = f"{gerund_base(first)} {what.partition(' ')[2]}".strip()
        if _CALLS.match(what) or (strict and what.split()[0] not in COMMON_VERBS):
            return None
        first, _, rest = what.partition(" ")
        step = f"{gerund(first)} {rest if not strict else short(rest)}".strip()
    else:
        studied = studied_step(relation.what)
        if studied is None:
            return None
        step = f"{gerund(studied[0].split()[0])} {' '.join(studied[0].split()[1:])} "
        step = re.sub(r"\s+", " ", step + studied[1]).strip()
    if len(step.split()) >= 3 and P not in step:
        return render(ctx, step)
    return None


# The force of one coordinated part of a sentence whose subject is the parties: a step only to be
# looked at ("will examine the possibility of", "agree to look into") or a step taken ("shall",
# "undertake to", "are resolved to"). General English modal and commitment verbs only.
_STUDY_PART = re.compile(
    r"^(?:(?:will|shall|also|agree to|agreed to|have agreed to|are ready to) )*"
    r"(?P<verb>examine|study|consider|explore|look into)\s+"
    # "consider obsolete the Convention", "consider it essential": a judgment, not a study
    r"(?!(?:it|them|that|this|these)\b|[a-z]+(?:ete|ary|ant|ent|ial|ble|ous|ive|id|ed)\b)"
    r"(?P<what>.+)$"
)
_FIRM_PART = re.compile(
    r"^(?:(?:also) )?(?P<force>shall|will|undertake to|have undertaken to|are resolved to|"
    r"agree to|have agreed to|have decided to|commit themselves to|pledge to|are determined to)"
    r"(?: also)? (?P<verb>[a-z]+)\s+(?P<what>.+)$"
)
_NOT_A_STEP = {"be", "have", "not", "continue", "remain", "seek", "try", "need", "also"}
_PARTS = re.compile(
    r",? (?:and|but|while) (?:they |\x00 )?(?=(?:also )?(?:will|shall|agree|undertake|are|have|"
    r"intend|pledge|commit|consider|study|examine|explore|look into)\b)"
)
_STEP_END = re.compile(
    r",|;|(?<=[a-z]{3}) to (?=[a-z]+ (?:the|a|an|their|its)\b)| by (?:the end of |[A-Z0-9])"
    r"| within | so that | with a view | in order | which | whose | that | who | to be "
    r"| but | from [A-Z][a-z]+ \d"
)
_STUDY_WORD = {"look into": "consider"}


def _step_text(text: str, limit: int = 10) -> str:
    """A step's words up to its deadline, purpose or relative clause, at most ``limit`` words."""
    cut = _STEP_END.search(text)
    text = text[: cut.start()] if cut else text
    if len(text.split()) <= limit:
        return text.strip()
    return short(text) or short(text, limit)  # cut where it names its thing, not mid-phrase


_PASSIVE = re.compile(
    r"^(?P<x>(?:[A-Z][a-z]+|The|An?)[ ,][^;]*?) (?:are to be|is to be|shall be|will be) "
    r"(?P<pp>[a-z]+(?:ed|en|wn|t|id))\b(?P<rest>[^;]*?)\.?$"
)
_AGENT_OR_CLAUSE = re.compile(r",| by | which | whose | so that | with a view ")


def _passive_step(part: str) -> str | None:
    """ "Forests … are to be protected as a single park" -> "protect forests … as a single
    park": a commitment in the passive, the parties' step with its object first."""
    match = _PASSIVE.match(part)
    if not match or match.group("x").split()[0] in {"It", "This", "That", "These", "They"}:
        return None
    x = match.group("x")
    first = x.split()[0].rstrip(",")
    if not (x[len(first) + 1 :][:1].isupper() or first.isupper()):
        x = x[0].lower() + x[1:]  # "Forests, wetlands …", "The archives …"
    rest = _step_text(_AGENT_OR_CLAUSE.split(match.group("rest"), maxsplit=1)[0], 14)
    thing = x if len(x.split()) <= MAX_PHRASE_WORDS else short(x)
    if not thing:
        return None
    what = f"{participle_base(match.group('pp'))} {thing}"
    if len(f"{what} {rest}".split()) > 14:
        rest = short(rest)  # "free access to the archives …" -> "free access"
        if match.group("rest").strip() and len(rest.split()) < 2:
            return None  # "give historians of both states" alone: a fragment
    return f"{what} {rest}".strip()


def clause_steps(ctx: Context, section_id: str) -> list[Relation]:
    """A relation of kind "firm" or "tentative" for each coordinated part of the parties'
    sentences: "P are resolved to remove X by 2009, and agree to look into Y" gives a firm step
    and a tentative one; "X are to be protected …" (the passive) a firm one. Calls on others
    and intentions are neither."""
    found = []
    for clause in reading(ctx).clauses_in(section_id):
        for text in re.split(rf",? (?:and|but) (?={P} )", clause.text.rstrip(".")):
            match = re.match(rf"^(?:[^,{P}]+, )?{P} (?P<rest>.+?)\.?$", text)
            if not match:
                passive = _passive_step(text)
                if passive:
                    found.append(Relation("firm", clause, verb="shall", what=passive))
                continue
            found += _parts(clause, match.group("rest"))
    return found


def _parts(clause: Clause, rest: str) -> list[Relation]:
    """The steps of the coordinated parts of what the parties say they will do."""
    found = []
    for part in _PARTS.split(rest):
        part = part.strip()
        study = _STUDY_PART.match(part)
        firm = _FIRM_PART.match(part)
        if study:
            verb = _STUDY_WORD.get(study.group("verb"), study.group("verb"))
            what = study.group("what")
            found.append(Relation("tentative", clause, verb=f"will {verb}", what=what))
        elif (
            firm and firm.group("verb") not in _NOT_A_STEP and not _CALLS.match(firm.group("verb"))
        ):
            what = _step_text(f"{firm.group('verb')} {firm.group('what')}")
            found.append(Relation("firm", clause, verb=firm.group("force"), what=what))
    return found
