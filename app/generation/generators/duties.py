"""Who does what: the tasks a text gives the bodies it names (a matching) and the division of
tasks between the two parties (choose all that apply), read from any text's grammar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...corpus import Section
from ..clauses import Clause
from ..draft import Context, Draft, explain
from ..ideas import reading, render, select_all_question

# a proper name: capitalised words, joined by "of", "for", "on" (the Council of the Inner Sea)
NAME = r"(?:[A-Z][\w'-]*(?: (?:of|for|on|in) (?:the )?| ))*[A-Z][\w'-]*"
_PART = re.compile(r", and (?=(?:[Tt]he )?[A-Z]|\x00)|; ")
_SUBJECT = re.compile(rf"^(?:[Tt]he )(?P<body>{NAME}) (?:will|shall) (?:also )?(?P<task>[a-z].+)$")
_ASKED = re.compile(
    rf"^\x00 (?:will )?(?:also )?(?:call upon|call on|invite|ask|urge|encourage|request) "
    rf"the (?P<body>{NAME}) to (?P<task>[a-z].+)$"
)
_DECISION = re.compile(rf"\bdecision of the (?P<body>{NAME}) to (?P<task>[a-z].+)$")
_WHICH = re.compile(rf"\bthe (?P<body>{NAME}), which (?P<verb>[a-z]+s) (?P<task>[^,.;]+)")
_PARTY = re.compile(r"^(?P<party>[A-Z][\w'-]*) (?:will|shall) (?:also )?(?P<task>[a-z].+)$")
# where a task stops: the next clause, a reason or a purpose (asked by other questions)
_TASK_END = re.compile(
    r",? (?:which|and|but|because|so that|in order to|with a view to|as shown by|while)\b|"
    r", [a-z]+ing\b|[.;]$"
)
_PRONOUN = re.compile(r"\b(?:it|its|them|they|this|these|those|one|each other|the other)\b")
# a capitalised word that ends its noun phrase ("to the Force", not "the Ashen frontier")
_HEAD_END = r"(?=$|[,.;]| (?:to|for|in|on|at|by|with|and|from|of (?![A-Z]))\b)"
MAX_TASK_WORDS = 14
MAX_PAIRS = 5  # a matching of more rows than this is a chore, not a question


@dataclass(frozen=True)
class Task:
    """``who`` (a body, or one of the parties) is to do ``what``, said in ``clause``."""

    who: str
    what: str
    clause: Clause


def _task(ctx: Context, text: str, clause: Clause) -> str:
    """The task's words up to the end of its clause, short names written out ("the Force" ->
    "the Varna Peace Force"); "" when it cannot stand alone."""
    text = _TASK_END.split(text, maxsplit=1)[0].strip().rstrip(".")
    words = text.split()
    if not words or words[0] in {"be", "have", "also"} or len(words) > MAX_TASK_WORDS:
        return ""
    text = render(ctx, text)
    if _PRONOUN.search(text):
        return ""  # "finance its construction": what "its" names is in another clause
    for short in re.findall(rf"\bthe ([A-Z][\w'-]*){_HEAD_END}", text):
        full = _full(ctx, short, clause)
        if not full:
            return ""
        text = re.sub(rf"\bthe {short}{_HEAD_END}", f"the {full}", text)
    return text


def _base(verb: str) -> str:
    """ "monitors" -> "monitor", "watches" -> "watch", "carries" -> "carry"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|z)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _names(ctx: Context) -> list[str]:
    """Every multi-word proper name of the text, in order (for "the Bank" -> its full name)."""

    def build():
        found: dict[str, None] = {}
        for clause in reading(ctx).clauses:
            for match in re.finditer(rf"\bthe ({NAME})", clause.text):
                if len(match.group(1).split()) >= 2:
                    found.setdefault(match.group(1), None)
        return list(found)

    return ctx._cached("duty-names", build)


def _full(ctx: Context, body: str, clause: Clause) -> str:
    """A body's full name: "the Council" is the last "… Council" named before ``clause`` in
    its section, else the text's only one."""
    if len(body.split()) >= 2:
        return body
    read = reading(ctx)
    here = read.clauses_in(clause.section_id)
    before = here[: here.index(clause) + 1] if clause in here else []
    for earlier in reversed(before):
        named = re.findall(rf"\b(?:the|an?) ({NAME} {re.escape(body)})\b", earlier.text)
        if named:
            return named[-1]
    longer = [n for n in _names(ctx) if n.endswith(f" {body}")]
    return longer[0] if len(set(longer)) == 1 else ""


def _is_party(ctx: Context, name: str) -> bool:
    return name in {p.strip() for p in reading(ctx).parties.split(" and ")}


def body_tasks(ctx: Context) -> list[Task]:
    """(body, task) for each task the text gives a named body, one task per body, in order."""

    def build():
        found: dict[str, Task] = {}
        for clause in reading(ctx).clauses:
            parts = _PART.split(clause.text)
            candidates = [_SUBJECT.match(part) for part in parts]
            candidates += [_ASKED.match(clause.text), _DECISION.search(clause.text)]
            for match in candidates:
                if match:
                    _add(ctx, found, match.group("body"), match.group("task"), clause)
            for match in _WHICH.finditer(clause.text):
                task = f"{_base(match.group('verb'))} {match.group('task')}"
                _add(ctx, found, match.group("body"), task, clause)
        return list(found.values())

    return ctx._cached("duty-body-tasks", build)


def _add(ctx: Context, found: dict[str, Task], body: str, task: str, clause: Clause) -> None:
    full = _full(ctx, body, clause)
    what = _task(ctx, task, clause)
    if full and what and not _is_party(ctx, full) and full not in found:
        found[full] = Task(f"the {full}", what, clause)


def party_tasks(ctx: Context) -> list[Task]:
    """(party, task) for each task one party alone takes on ("Kaldoria will provide …")."""

    def build():
        parties = {p.strip() for p in reading(ctx).parties.split(" and ")}
        found = []
        for clause in reading(ctx).clauses:
            for part in _PART.split(clause.text):
                match = _PARTY.match(part.strip())
                if match and match.group("party") in parties:
                    what = _task(ctx, match.group("task"), clause)
                    if what:
                        found.append(Task(match.group("party"), what, clause))
        return found

    return ctx._cached("duty-party-tasks", build)


def _groups(tasks: list[Task]) -> list[list[Task]]:
    """The tasks in matchings of three to five rows: a section's own first, then the rest of
    the text's in order (a section with one or two bodies joins its neighbours)."""
    by_section: dict[str, list[Task]] = {}
    for task in tasks:
        by_section.setdefault(task.clause.section_id, []).append(task)
    groups, rest = [], []
    for mine in by_section.values():
        if len(mine) >= 3:
            groups += [mine[i : i + MAX_PAIRS] for i in range(0, len(mine), MAX_PAIRS)]
        else:
            rest += mine
    chunks = [rest[i : i + MAX_PAIRS - 1] for i in range(0, len(rest), MAX_PAIRS - 1)]
    if len(chunks) > 1 and len(chunks[-1]) < 3:
        last = chunks.pop()
        chunks[-1] += last
    groups += chunks
    return [g for g in groups if len(g) >= 3 and len({t.what for t in g}) == len(g)]


def _topics(ctx: Context, group: list[Task]) -> str:
    """ "On security in the Varna Basin": the headings the group's tasks fall under, so that
    two matchings of one text read as two questions."""
    titles = [ctx.section(sid).title for sid in dict.fromkeys(t.clause.section_id for t in group)]
    return "On " + ", and on ".join(_as_in_sentence(ctx, t) for t in titles)


def _as_in_sentence(ctx: Context, title: str) -> str:
    """A heading as a sentence writes it: "Trade and Investment" -> "trade and investment",
    a name the text uses kept ("Security in the Varna Basin"; "Relations with Montrel")."""
    body = ctx._cached("duty-body", lambda: "\n".join(s.text for s in ctx.document.sections))
    words = title.split()
    kept = [False] * len(words)
    for run in re.finditer(r"(?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*", title):
        name = run.group()
        start = len(title[: run.start()].split())
        if " " in name:
            alone = name in body
        else:  # a one-word name stands alone in a sentence: "between Montrel and …"
            alone = bool(re.search(rf"[a-z,] {re.escape(name)}\b(?! [A-Z])", body))
        for n in range(start, start + len(name.split())):
            kept[n] = alone
    return " ".join(w if keep else w.lower() for w, keep in zip(words, kept, strict=True))


def bodies_matching(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Match each body with the task the text gives it": roles of three or more bodies."""
    for group in _groups(body_tasks(ctx)):
        first = group[0].clause
        if first.section_id != section.id:
            continue
        lines = "; ".join(f"{t.who}: {t.what}" for t in group)
        yield Draft(
            type="matching",
            generator="role-bodies",
            stem=f"{_topics(ctx, group)}, match each body with what {ctx.name} says it will do "
            "or asks it to do.",
            answer=[[t.who, t.what] for t in group],
            explanation=(
                f"{explain(ctx, section, first.paragraph, first.quote)} The tasks: {lines}."
            ),
            section_id=section.id,
            paragraph=first.paragraph,
            sentence=first.sentence,
            quote=first.quote,
            keys=tuple(t.who for t in group),
            fact=f"bodies:{'|'.join(t.who for t in group)}",
            score=0.95,
            difficulty=0.55,
        )


def division(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Which of these tasks does the text give to Kaldoria? (Choose all that apply.)": one
    party's own tasks among the other party's and the bodies' (never a task of both)."""
    tasks = party_tasks(ctx)
    parties = list(dict.fromkeys(t.who for t in tasks))
    if len(parties) != 2:
        return
    for party in parties:
        mine = [t for t in tasks if t.who == party]
        theirs = [t.what for t in tasks if t.who != party]
        if not mine or not theirs:
            continue
        keys = list(dict.fromkeys(t.what for t in mine))[:3]
        near = {t.clause.section_id for t in mine}
        bodies = [t.what for t in body_tasks(ctx) if t.clause.section_id in near]
        bodies += [t.what for t in body_tasks(ctx) if t.what not in bodies]
        distractors = list(dict.fromkeys(theirs + bodies))
        distractors = [d for d in distractors if d not in keys][: max(2, 5 - len(keys))]
        # the statement is placed at the key whose sentence holds fewest other tasks: a task
        # in the source sentence reads as true to the filters whoever it falls to
        anchor = min(mine, key=lambda t: sum(d in t.clause.text for d in distractors))
        distractors = [d for d in distractors if d not in render(ctx, anchor.clause.text)]
        if anchor.clause.section_id != section.id or len(keys) < 2:
            continue
        if len(keys) + len(distractors) < 4:
            continue
        other = next(p for p in parties if p != party)
        lead = f"The text gives {party} these tasks: {'; '.join(keys)}."
        yield from select_all_question(
            ctx,
            anchor.clause,
            "role-division",
            (
                f"According to {ctx.name}, which of these tasks fall to {party} (not to {other} "
                "or to another body)? (Choose all that apply.)"
            ),
            keys,
            distractors,
            f"division:{party}",
            lead,
            score=0.9,
        )
