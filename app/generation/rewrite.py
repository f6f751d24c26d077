"""Turn a sentence of the text into a stand-alone statement or question."""

from __future__ import annotations

import re

from .phrasing import capital

# Openers that refer back to the text before the sentence; they are dropped.
_LINKS = re.compile(
    r"^(?:In (?:this|that) (?:connection|regard|context|framework)|To (?:that|this) end|"
    r"Toward (?:that|this) end|In that regard|Therefore|Thus|Moreover|Furthermore|Also|"
    r"In addition|Accordingly|Consequently),?\s+"
)
# Openers that leave the sentence meaningless alone.
_DANGLING = re.compile(
    r"^(?:It|This|These|That|Those|They|Them|Such|He|She|His|Her|Its|Their|Theirs|There|"
    r"Here|Then|Both|Each|The latter|The former|Declare|Agree)\b"
)
_BACK_NOUNS = (
    r"(?:threat|threats|efforts|effort|region|regions|objectives|direction|end|regard|"
    r"connection|context|area|step|steps|group|issue|challenges|problems|process)\b"
)
# "these new challenges" points back; "that new challenges ..." after "belief" does not
_BACK_REFERENCE = re.compile(
    rf"\b(?:(?:this|these|those|such)\s+(?:[a-z]+\s+){{0,2}}|that\s+){_BACK_NOUNS}", re.I
)
_PRONOUNS = (
    # "Our two nations reject …": the parties themselves, named as their states
    (r"^Our (?:two )?(?:nations|states|governments)\b(?= [a-z]+)", "{Parties}"),
    (
        r"(?<=, )our (?:two )?(?:nations|states|governments)\b(?= (?:will|shall|have|are)\b)",
        "{parties}",
    ),
    (r"\b(will|shall|have|are|do) our (?:two )?(?:nations|states|governments)\b", "\\1 {parties}"),
    (r"^Our two countries\b", "The two countries"),
    (r"\bour two countries\b", "the two countries"),
    (r"^Our countries\b", "The two countries"),
    (r"\bour countries\b", "the two countries"),
    (r"^We\b", "{Parties}"),
    (r"\bwe\b", "{parties}"),
    (r"^Our\b", "{Parties}'"),
    (r"\bour\b", "{their}"),
    (r"\bus\b", "them"),
    (r"\bourselves\b", "themselves"),
)


# "To advance these objectives the United States ...": a purpose that points back; dropped.
_PURPOSE = re.compile(
    r"^To [a-z]+ (?:these|this|those|that) [a-z]+,?\s+(?=(?:the|The|we|We|our|Our)\b)"
)
_PARTICIPLE = re.compile(
    r"^(?:[A-Z][a-z]+ing|Determined|Committed|Convinced|Mindful|Aware|Resolved|Desirous)\b"
)


def standalone(text: str, parties: str = "the two sides") -> str | None:
    """``text`` readable without its paragraph, or None when it cannot be."""
    text = _LINKS.sub("", text.strip())
    text = _PURPOSE.sub("", text)
    if (
        _PARTICIPLE.match(text)
        and not re.search(r",\s+(?:we|our|the|they)\b", text)
        and not re.search(r"\b(?:is|are)\b", text)
    ):
        # a preamble clause ("Recalling ...") has the parties as its subject
        text = f"{parties} are {text[0].lower()}{text[1:]}"
    text = text[0].upper() + text[1:] if text else text
    if not text or _DANGLING.match(text):
        return None
    for pattern, replacement in _PRONOUNS:
        if replacement == "{their}":
            text = re.sub(pattern, lambda m, t=text: _their(t, m.start(), parties), text)
            continue
        text = re.sub(
            pattern,
            replacement.format(parties=parties, Parties=parties[0].upper() + parties[1:]),
            text,
        )
    text = re.sub(r"\s+", " ", text)
    # "the two sides are partners and the two sides will": the second time, "they"
    text = re.sub(
        rf"(?i)(\b{re.escape(parties)}\b[^,;]*? and) {re.escape(parties)} ", r"\1 they ", text
    )
    # "we therefore welcome": the reason is in a sentence the reader cannot see
    return re.sub(r"(?<=[a-z]) therefore (?=[a-z])", " ", text)


def _their(text: str, position: int, parties: str) -> str:
    """ "their" once the parties have been named in the sentence, else "the two sides'"."""
    named = (
        parties.lower() in text[:position].lower()
        or re.search(r"\bour\b", text[:position], re.I)
        or re.search(r"\b[A-Z][\w.-]+(?: [A-Z][\w.-]+)* and [A-Z]", text[:position])
    )
    if re.match(r"our (?:countries|peoples|societies|economies)\b", text[position:], re.I):
        return "the two"  # "the two sides' societies" is garbled; "the two societies" is not
    return "their" if named else f"{parties}'"


_PRONOUN = re.compile(r"\b(?:they|them|it|its|he|she|him|her)\b")
_ANTECEDENT = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+\w|\b[A-Z][a-z]+ [A-Z]|\b[A-Z]{2,}")


def refers_back(text: str, named_place_before: int = -1) -> bool:
    """True when ``text`` leans on a sentence the reader cannot see ("this threat")."""
    pronoun = _PRONOUN.search(text)
    if pronoun and not _ANTECEDENT.search(text[: pronoun.start()]):
        return True  # "Where they disagree, they will ...": who "they" are is elsewhere
    for match in _BACK_REFERENCE.finditer(text):
        region = match.group().lower().endswith(("region", "regions"))
        if not (region and 0 <= named_place_before < match.start()):
            return True
    return bool(_DANGLING.match(text))


_CLAUSE_START = re.compile(r",\s+(?:and\s+)?(?=[a-z]+(?:ed|ing)\s)")


def last_clause(text: str) -> str | None:
    """The last participial clause of ``text`` ("X, having done Y, and committed to Z" -> Z's)."""
    starts = list(_CLAUSE_START.finditer(text))
    return capital(text[starts[-1].end() :]) if starts else None


def as_question(text: str) -> str:
    """End ``text`` with a question mark instead of its final punctuation."""
    return re.sub(r"[\s.;:,!]*$", "", text) + "?"


def word_count(text: str) -> int:
    """The number of words in ``text``."""
    return len(text.split())
