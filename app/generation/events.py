"""Dated events: what each date in the text is the date of ("the NATO-Russia summit in Rome")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE_PATTERN, parse_date
from .draft import Context
from .rewrite import standalone
from .terms import normalise
from .wordlists import AGREEMENT_HEADS

_NAME_AFTER = re.compile(
    r"^\s+((?:[A-Z][\w'’./-]*)(?:\s+(?:[A-Z][\w'’./-]*|of|on|between|and|the|a|for))*"
    r"(?:\s+[a-z]+)?(?:\s+in\s+[A-Z][\w'’-]*)?)"
)
_HEAD = "|".join(sorted(AGREEMENT_HEADS, key=len, reverse=True))
_HEAD_BEFORE = re.compile(rf"((?:[A-Z][\w-]*\s+)*(?:{_HEAD}))\b(?!.*\b(?:{_HEAD})\b)")
_TOPIC_AFTER = re.compile(r"^\s+on\s+([a-z][a-z\s-]{3,40}?)(?=[,.;]|$)")


@dataclass(frozen=True)
class DatedEvent:
    """A date, what happened on it, and the sentence that says so."""

    iso: str
    date_text: str
    label: str  # "the NATO-Russia summit in Rome"
    clause: bool  # the label is a clause ("the two sides pledged ...")
    section_id: str
    paragraph: int
    sentence: int


def _trim(name: str) -> str:
    name = re.sub(r"\s+(?:of|on|between|and|the|a|for|in)$", "", name.strip())
    return re.sub(r"\s+(?:of|on|between|and|the|a|for|in)$", "", name)


def _singular(head: str) -> str:
    return re.sub(
        r"(Statement|Treat|Agreement|Convention|Resolution)(s|ies)\b",
        lambda m: m.group(1) + ("y" if m.group(2) == "ies" else ""),
        head,
    )


def label_for(ctx: Context, text: str, start: int, end: int) -> tuple[str, bool] | None:
    """What the date at text[start:end] is the date of, or None when the text does not say."""
    before, after = text[:start], text[end:]
    if re.search(r"\bthe\s+$", before):
        match = _NAME_AFTER.match(after)
        if match and match.group(1)[0].isupper():
            name = _trim(match.group(1))
            if not re.search(r"\s[a-z]+$", name) or re.search(r"\s(summit|meeting)\b", name):
                return f"the {name}", False
    if re.search(r"\bof\s+$", before):
        topic = _TOPIC_AFTER.match(after)
        head = _HEAD_BEFORE.search(before[-300:])
        if head and before.rstrip()[:-2].rstrip().endswith(head.group(1)) and topic:
            return f"the {_singular(head.group(1))} on {topic.group(1).strip()}", False
        for term in ctx.terms.key_terms():
            shown = term.text
            if term.kind in {"agreement", "organisation"} and before.rstrip()[
                :-2
            ].rstrip().endswith(shown):
                return term.display, False
        last_on = before.rfind(" on ")
        if head and last_on > before.rfind(head.group(1)):
            topic_text = before[last_on + 4 :].rstrip()[:-2].strip()
            if topic_text and topic_text[0].isupper() or topic_text.startswith(("a ", "the ")):
                return f"the {_singular(head.group(1))} on {topic_text}", False
    if re.search(r"\bon\s+$", before):
        core = before.rstrip()[:-2].rstrip()
        for term in ctx.terms.key_terms():
            if term.kind == "agreement" and core.endswith(term.text):
                lead = re.search(
                    r"(the [a-z][a-z ]{2,30} of )(?:the )?" + re.escape(term.text) + "$", core
                )
                return (lead.group(1) + term.display if lead else term.display), False
    if re.match(r"^On\s+$", before) and after.startswith(","):
        clause = standalone(after[1:].strip(), ctx.parties)
        if clause:
            clause = re.split(r",|\s+that\s+|\s+which\s+", clause)[0]
            return clause, True
    return None


def dated_events(ctx: Context) -> list[DatedEvent]:
    """Every date of the text that names an event, in text order (computed once)."""
    return ctx._cached("dated_events", lambda: _dated_events(ctx))


def _dated_events(ctx: Context) -> list[DatedEvent]:
    events = []
    for section, paragraph, sentence in ctx.document.sentences():
        for match in DATE_PATTERN.finditer(sentence.text):
            day = parse_date(match)
            found = label_for(ctx, sentence.text, match.start(), match.end()) if day else None
            if found and not DATE_PATTERN.search(found[0]):
                events.append(
                    DatedEvent(
                        day.isoformat(),
                        match.group(),
                        found[0],
                        found[1],
                        section.id,
                        paragraph.index,
                        sentence.index,
                    )
                )
        for term, mention in ctx.terms.in_sentence((section.id, paragraph.index, sentence.index)):
            year = re.search(r"\bof (\d{4})$", term.text)
            if term.kind == "agreement" and year and mention.text == term.text:
                events.append(
                    DatedEvent(
                        year.group(1),
                        year.group(1),
                        term.display,
                        False,
                        section.id,
                        paragraph.index,
                        sentence.index,
                    )
                )
    return events


def same_event(a: str, b: str) -> bool:
    """Whether two event labels name one event (compared as normalised terms)."""
    return normalise(a) == normalise(b)
