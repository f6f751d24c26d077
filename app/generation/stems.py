"""Questions about one term of a sentence: "Which council …?", "What date does … give for …?"."""

from __future__ import annotations

import re

from ..corpus import Section
from .distractors import subtype
from .draft import Context
from .events import label_for
from .phrasing import capital
from .rewrite import as_question, refers_back, standalone, word_count
from .terms import Mention, Term, normalise
from .wordlists import (
    FUNCTION_WORDS,
    GEOGRAPHIC_HEADS,
    GROUPING_NOUNS,
    ORGANISATION_HEADS,
    PLACE_OPENERS,
)

MAX_STEM_WORDS = 52
_ASIDE = re.compile(
    r",\s+(?:based on|acting in|bearing in mind|in accordance with|consistent with|with full)"
    r"[^,\x00]{3,80},"
)
_CUT_AFTER = re.compile(r"(?:,\s+(?:whose|which|who|while|where|acting|thus|bearing)\b|;)")
GENERIC_NOUN = {"agreement": "document", "organisation": "organization", "place": "place"}
_ORGANIZATION_HEADS = {"Nations", "Union", "League", "Alliance", "Community", "Organisation"}
_OFFICE = re.compile(r"\b(?:Secretary|Director|Commissioner|Envoy|Representative|Ombudsman)")
_LOWER_OPENERS = {"The", "A", "An", "In", "On", "As", "At", "To", "For", "With", "By", "Our"}


def wh_noun(term: Term, specific: bool = True) -> str:
    """The noun of the question word for ``term`` ("council", "treaty", "country")."""
    named_body = term.text.replace("-", "").replace(".", "").isupper() or bool(
        {subtype(term), term.text.split()[-1]} & (ORGANISATION_HEADS | _ORGANIZATION_HEADS)
    )
    if term.kind == "organisation" and _OFFICE.search(term.text.split(" of ")[0]):
        return "official"  # "the Secretary-General of …": a person in an office
    if term.kind == "organisation" and not named_body:
        return "group"  # "the Taliban": a group, not a council or an organization
    if not specific:
        return GENERIC_NOUN.get(term.kind, "one")
    if term.kind == "place":
        # "the Inner Sea" is no region, "the Sarn River" no group: "which place"
        kind = subtype(term)
        feature = feature_noun(term.text)
        if feature:
            return feature  # "the Tarne River": which river, not which place
        if term.text.split()[0] in PLACE_OPENERS:
            return "place"  # "St. Michael" is a town, not a region
        return "place" if kind == "feature" else kind  # never "which feature"
    head = term.text.split()[-1] if term.text.split()[-1] in _ORGANIZATION_HEADS else subtype(term)
    if term.kind == "agreement":
        return head.lower()
    if head in _ORGANIZATION_HEADS:
        return "organization"
    if head in ORGANISATION_HEADS:
        return head.lower()
    if term.text.replace("-", "").replace(".", "").isupper():
        return "organization"
    return "group"


def feature_noun(name: str) -> str:
    """The kind of natural feature ``name`` names, by its head ("the Tarne River" -> "river",
    "Lake Orm" -> "lake"), or "" when the name is not a feature's."""
    words = [w for w in name.split() if w != "the"]
    if len(words) >= 2 and words[-1] in GEOGRAPHIC_HEADS:
        return words[-1].lower()
    if len(words) >= 2 and words[0] in {"Lake", "Mount", "Cape", "Gulf", "Strait", "Bay", "Isle"}:
        return {"Mount": "mountain"}.get(words[0], words[0].lower())  # "the Strait of X"
    return ""


def closing_signed(ctx: Context, section: Section) -> bool:
    """Whether ``section`` is a closing block that names its signers."""
    return section.kind == "closing" and bool(ctx.terms.of_kind("person"))


def closing_stem(ctx: Context, section: Section, term: Term, mention: Mention) -> str | None:
    """Stems for the signature block: who signed, where, and when."""
    if term.kind == "date":
        return f"On what date was {ctx.name} signed?"
    if term.kind == "place":
        return f"Where was {ctx.name} signed?"
    if term.kind == "person" and mention.paragraph > 1:
        role = section.paragraph(mention.paragraph - 1).text.rstrip(":").strip()
        if role.endswith(tuple(".!?")) or not role:
            return None
        role = re.sub(r"^The\b", "the", role)
        return f"Who signed {ctx.name} as {role}?"
    return None


def _span(text: str, mention: Mention) -> tuple[int, int, str]:
    """The span to replace (with "the", "a new", quotes) and any grouping noun after it."""
    start, end = mention.start, mention.end
    tail = ""
    close = re.match(r"[\"”’]?((?:\s+[a-z]+){1,2})\b", text[end:])
    if mention.kind == "organisation" and close and close.group(1).split()[-1] in GROUPING_NOUNS:
        tail = close.group(1).strip()
        end += close.end()
    elif text[end : end + 1] in '"”’':
        end += 1
    lead = re.search(
        r"(?i:\b(?:the|a|an)\s+(?:new\s+)?(?:[A-Z][a-z]+ \d{1,2}, \d{4}\s+)?)?[\"“‘]?$",
        text[:start],
    )
    new = "new " if lead and "new" in lead.group() else ""
    return start - (len(lead.group()) if lead else 0), end, new + tail


# The hole is one conjunct of a coordination or one item of a comma list.
_COORDINATED = re.compile(
    r"\b(?:and|or)\s+\x00|\x00\s+(?:and|or)\s+(?:the\s+)?(?:[a-z]+-)?[A-Z]|,\s*\x00\s*,"
    r"|\x00,[^,\x00]+,\s+(?:and|or)\b"
)
# An introductory phrase that holds the hole, then the main clause: "As we stated on _, X".
_OPENING = re.compile(
    r"^(?P<open>(?:As|In|On|At|With|Within|Through|Under|By|For|After|Following|[A-Za-z]+ing)"
    r"\b[^,;\x00]*\x00[^,;\x00]*),\s+(?P<main>[^\x00]+)$"
)
_PREPOSITION_ONLY = re.compile(
    r"^(?:In|On|At|Within|Through|Under|By|For|With)\s+(?:(?:the|a|an|[a-z]+)\s+)*\x00$"
)
_AUXILIARY = re.compile(
    r"^(?P<subject>(?:[\w.'’-]+ ){0,5}?[\w.'’-]+) "
    r"(?P<aux>will|would|can|could|shall|should|may|must|are|is|have|has|were|was)\b(?P<rest>.*)$"
)
_STATED = re.compile(r"^As (?P<subject>we|they|the [a-z ]+) (?P<verb>[a-z]+ed) on \x00$")


# "Our cooperation, bilaterally and through the UN, _, and in other fora, has proved ...":
# a subject, a parenthetical list that holds the hole, then an auxiliary and the rest.
_LIST_AROUND = re.compile(
    r"^(?P<subject>[A-Z][^,\x00]{2,60}), (?P<items>[^\x00]*\x00[^\x00]*?), "
    r"(?P<aux>has|have|is|are|will|would|can|could|should|must|may) (?P<rest>[^\x00]+)$"
)
_SIBLING = re.compile(
    r"\b(?P<prep>through|in|at|with|by|from|under|within|to) (?P<name>(?:the )?[A-Z][^,]*), $"
)


def ask_list_item(raw: str) -> str | None:
    """A hole that is one item of a parenthetical list, asked for as a fronted question.

    "X, through the UN, _, and in other fora, has proved Y" becomes
    "Through _, besides the UN, has X proved Y"; None when the sentence is not of that shape.
    """
    found = _LIST_AROUND.match(raw)
    sibling = found and _SIBLING.search(found.group("items").split("\x00")[0])
    if not sibling:
        return None
    subject = found.group("subject")
    subject = subject if subject.split()[0] in {"The"} else subject[0].lower() + subject[1:]
    return (
        f"{sibling.group('prep').capitalize()} \x00, besides {sibling.group('name')}, "
        f"{found.group('aux')} {subject} {found.group('rest')}"
    )


def unfront(raw: str, kind: str, name: str) -> tuple[str, bool]:
    """``raw`` with a hole in its opening phrase turned into a natural question.

    "In _, we will promote X" becomes "In _ will we promote X"; "As we stated on _, X"
    becomes "On _ does the text say we stated that X" (framed: no "According to" needed);
    any other opening moves behind the main clause: "X, welcoming the advice of _".
    """
    found = _OPENING.match(raw)
    if not found:
        return raw, False
    opening, main = found.group("open"), found.group("main").rstrip(" .;")
    if re.match(r"(?:and|or)\s", main):
        return opening, False  # "Building on _, and determined to …": two preamble clauses
    stated = _STATED.match(opening)
    if stated and kind == "date":
        said = f"{stated.group('subject')} {stated.group('verb')}"
        return f"On \x00 does {name} say {said} that {main}", True
    inverted = _AUXILIARY.match(main)
    if _PREPOSITION_ONLY.match(opening) and inverted:
        subject, aux = inverted.group("subject"), inverted.group("aux")
        return f"{opening} {aux} {subject}{inverted.group('rest')}", False
    return f"{main[0].upper()}{main[1:]}, {opening[0].lower()}{opening[1:]}", False


def in_situ(
    ctx: Context, text: str, term: Term, mention: Mention, specific: bool = True
) -> str | None:
    """The sentence as a question, the term replaced by a question phrase."""
    start, end, tail = _span(text, mention)
    modifier = re.match(r"[\"”’]?\s+([a-z]+)", text[end:])
    if modifier and not tail and modifier.group(1) not in FUNCTION_WORDS:
        return None  # "NATO member states": the name is a modifier, not a thing to ask for
    if term.kind == "date":
        before = text[:start].rstrip().split()[-1:] or [""]
        if before[0].lower() not in {"on", "of", "than", "by", "since", "until"}:
            return None
        phrase = "what date"
    elif term.kind == "person":
        phrase = "who"
    else:
        noun = wh_noun(term, specific)
        phrase = (
            f"which {tail or noun}"
            if not tail.startswith("new ")
            else (f"which {tail} {noun}" if tail == "new " else f"which {tail}")
        )
        phrase = re.sub(r"\s+", " ", phrase).strip()
    semicolon = text.rfind("; ", 0, start)
    if semicolon > 0 and word_count(text[semicolon + 2 : start]) >= 2:
        # the clause after the last ";" before the key stands alone
        cut_at = semicolon + 2
        text, start, end = text[cut_at:], start - cut_at, end - cut_at
    text, start, end = _own_clause(text, start, end)
    rest = text[end:]
    cut = _CUT_AFTER.search(rest)
    if cut and word_count(text[:start]) + word_count(rest[: cut.start()]) >= 6:
        rest = rest[: cut.start()]
    if (
        term.kind == "place"
        and re.match(r"\s+of\b", rest)
        and re.search(r"\b(?:in|at)\W*$", text[:start])
    ):
        return None  # "the summit in Rome of a new council": "which city of" would misread
    raw = text[:start] + "\x00" + rest
    listed = ask_list_item(raw)
    if not listed and _COORDINATED.search(raw):
        return None  # "Abkhazia and which place, and ...": one conjunct of a list asked for
    raw, framed = (listed, False) if listed else unfront(raw, term.kind, ctx.name)
    question = standalone(raw, ctx.parties)
    opening = re.match(r"^(?:As|In|At|With|For) [^,\x00]+, ", question or "")
    if opening and normalise(term.text) in normalise(opening.group()):
        question = capital(question[opening.end() :])  # the opening phrase names the key
    if question and word_count(question) > 30:  # drop asides that do not hold the key
        question = _ASIDE.sub("", question)
    places = [m.start for t, m in ctx.terms.in_sentence(mention.where) if t.kind == "place"]
    if question is None or refers_back(question, min(places, default=-1)):
        return None
    if question.count('"') % 2:
        question = re.sub(r'\x00([,.;]?)"|"\x00', "\x00\\1", question, count=1)
    if question.startswith("\x00") or framed:
        question = capital(question.replace("\x00", phrase))
    else:
        first, _, others = question.partition(" ")
        if first not in ctx.proper_words and not first.isupper():
            first = first.lower()
        question = f"According to {ctx.name}, {first} {others}".replace("\x00", phrase)
    question = as_question(question)
    return question if word_count(question) <= MAX_STEM_WORDS else None


# ", and we will …": a second main clause of the sentence, with a subject and verb of its own
_MAIN_CLAUSE = re.compile(
    r",\s+and\s+(?=(?:we|they|[Tt]he \w+(?: \w+)?|[Oo]ur \w+|[A-Z]\w+(?: and [A-Z]\w+)?) "
    r"(?:will|shall|welcome|note|stress|recognize|are|have|agree)\b)"
)


def _own_clause(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The main clause of ``text`` that holds the span ``start:end`` (a question carries one
    clause of its sentence, not the next one: "… and the two sides welcome which …")."""
    for match in _MAIN_CLAUSE.finditer(text):
        if match.start() >= end:
            return text[: match.start()] + ".", start, end
        if match.end() <= start:
            cut = match.end()
            head = text[cut:]
            return _own_clause(head[0].upper() + head[1:], start - cut, end - cut)
    return text, start, end


def term_stem(
    ctx: Context, section: Section, term: Term, mention: Mention, specific: bool = True
) -> str | None:
    """The best question whose answer is ``term`` at ``mention``, or None."""
    text = ctx.sentence_text(*mention.where)
    lead = ctx.lead_in(mention.where)
    if lead:
        shifted = Mention(
            mention.text,
            mention.kind,
            *mention.where,
            mention.start + len(lead) + 1,
            mention.end + len(lead) + 1,
        )
        return in_situ(ctx, f"{lead} {text}", term, shifted, specific)
    if section.kind == "closing":
        return closing_stem(ctx, section, term, mention)
    if term.kind == "date":
        found = label_for(ctx, text, mention.start, mention.end)
        if found:
            label, clause = found
            if clause:
                return as_question(
                    f"On what date does {ctx.name} say {label[0].lower()}{label[1:]}"
                )
            return as_question(f"What date does {ctx.name} give for {label}")
    return in_situ(ctx, text, term, mention, specific)
