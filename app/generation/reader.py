"""Reading a document into clauses and relations.

Each sentence is normalised first: the first person is turned into the parties ("we will" ->
the parties will), a preamble's participle gets the parties as its subject, and a
sentence-initial "They" or "This group" is tied to the sentence before. Nothing here knows the
declaration.
"""

from __future__ import annotations

import re

from ..corpus import Document
from .clauses import Clause, P, Reading
from .relations import relations_of

_SUBJECT_VERBS = (
    r"will|shall|are|have|has|agree|agreed|reject|recognize|acknowledge|believe|call|calls|"
    r"declare|proceed|remain|reaffirm|stand|continue|intend|pledge|note|stress|welcome|aim"
)


_PAIR = re.compile(
    rf"\b(?P<the>[Tt]he )?((?:[A-Z][\w.]*\s)*[A-Z][\w.]*) and (?:the )?"
    rf"((?:[A-Z][\w.]*\s)*[A-Z][\w.]*)"
    rf"(?= (?:{_SUBJECT_VERBS})\b)"
)


_GENERIC_PARTIES = re.compile(r"\b(?:[Tt]he|[Bb]oth) (?:two )?(?:parties|sides)\b")


def parties_of(document: Document) -> str:
    """How the text names the parties as a subject: its most frequent form ("the parties")."""
    counts: dict[str, int] = {}
    for _, _, sentence in document.sentences():
        for match in _PAIR.finditer(sentence.text):
            the = "the " if match.group("the") else ""
            form = f"{the}{match.group(2)} and {match.group(3)}"
            counts[form] = counts.get(form, 0) + 1
        for match in _GENERIC_PARTIES.finditer(sentence.text):
            form = match.group().lower().replace("both", "the")
            counts[form] = counts.get(form, 0) + 1
    if not counts:
        return "the parties"
    best = max(sorted(counts), key=lambda f: counts[f])
    return best if counts[best] >= 2 else "the parties"


# "Our two nations reject …", "Both countries will …": the parties, named as the subject of a verb
_SUBJECT_NOUN = re.compile(
    r"(?:^|(?<=, )|(?<=, and )|(?<=; ))(?:[Oo]ur|[Tt]he|[Bb]oth)(?: two)? "
    r"(?:countries|nations|governments|states)(?= (?:also |jointly |together |now )?"
    r"(?:will|shall|have|are|agree|reject|recognize|"
    r"acknowledge|believe|call|intend|pledge|note|stress|welcome|support|share|regard|undertake|"
    r"remain|reaffirm|seek|urge|invite|ask|consider|expect)\b)"
)


_FIRST_PERSON = (
    (_SUBJECT_NOUN, P),
    (re.compile(r"\b(?:[Oo]ur (?:two )?countries)\b"), "the two countries"),
    (re.compile(r"\b[Ww]e\b"), P),
    (re.compile(r"\b(?:our|Our)\b"), "their"),
    (re.compile(r"\bus\b"), "them"),
)


_LINK = re.compile(
    r"^(?:In (?:this|that) (?:connection|regard|context)|To (?:that|this) end|Toward (?:that|"
    r"this) end|In that regard|Therefore|Thus|Also),?\s+"
)


# "they" as a clause's subject ("Where they disagree, they will …"), not in a relative clause
# after a noun ("the fishing zone they dispute": the parties to the dispute, not the text's)
_THEY = re.compile(
    r"(^|[,;] |\b(?:[Aa]nd|[Ww]here|[Ww]hen|[Ii]f|as|while|because|since|that|so|but) )[Tt]hey\b"
)


_THIS_NOUN = re.compile(r"^(?:This|These|The) ([a-z]+) (?=will|shall|is|are|has)")


def read(document: Document) -> Reading:
    """The document's clauses and relations (linear in its length)."""
    reading = Reading(document, parties_of(document))
    forms = {reading.parties, "the parties", "the sides", "both sides", "the two sides"}
    subject = re.compile(
        r"(?<!Between )\b(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # "the parties to the conflict", "the parties concerned": others' parties, not the text's
        + r")\b(?!\s+(?:to (?!this\b|the present\b|these\b)|concerned\b|involved\b|"
        r"in (?:the|this|that) (?:conflict|dispute|war|region)\b))",
        re.I,
    )
    for section in document.sections:
        previous = ""
        lead = ""
        for paragraph in section.paragraphs:
            if not paragraph.bullet and paragraph.text.rstrip().endswith(":"):
                lead = paragraph.sentences[-1].text.rstrip(":")
            for sentence in paragraph.sentences:
                text = sentence.text
                if paragraph.bullet and lead and sentence.index == 1:
                    text = f"{lead} {text.rstrip(';, and')}"
                text = _normalise(text, subject, previous)
                clause = Clause(section.id, paragraph.index, sentence.index, sentence.text, text)
                reading.clauses.append(clause)
                previous = text
    for clause in reading.clauses:
        for unit in units(clause):
            reading.relations.extend(relations_of(unit))
    return reading


# "P will lower tariffs …, and P will open …": two commitments, each read on its own
_COORDINATED = re.compile(
    rf"(?:,\s+and|;(?:\s+and)?)\s+(?={P} (?:will|shall|agree|welcome|note|stress|recognize|"
    r"reject)\b)"
)


def units(clause: Clause) -> list[Clause]:
    """``clause`` cut where the parties start a second main clause ("…, and we will …"); the
    parts keep the sentence's place and quote, so a question on either cites the sentence."""
    parts = _COORDINATED.split(clause.text)
    if len(parts) == 1:
        return [clause]
    return [
        Clause(clause.section_id, clause.paragraph, clause.sentence, clause.quote, part.strip())
        for part in parts
        if part.strip()
    ]


_OPENING_PARTICIPLE = re.compile(
    r"^(?P<adjective>Determined|Resolved|Committed|Convinced|Mindful|Aware|Desirous)\b|"
    r"^(?P<verb>Recall|Build|Reaffirm|Welcom|Affirm|Recogniz|Acknowledg|Not|Stress)ing\b"
)


def _normalise(text: str, subject: re.Pattern[str], previous: str) -> str:
    opening = _OPENING_PARTICIPLE.match(text)
    if opening and not re.search(r",\s+(?:we|the|they)\s+[a-z]+", text):
        # a preamble clause ("Determined to ...", "Recalling ...") has the parties as subject
        if opening.group("adjective"):
            text = f"{P} are {text[0].lower()}{text[1:]}"
        else:
            verb = opening.group("verb").lower()
            verb += "e" if verb.endswith(("welcom", "recogniz", "acknowledg", "not")) else ""
            text = f"{P} {verb}{text[opening.end() :]}"
    for pattern, replacement in _FIRST_PERSON:
        text = pattern.sub(replacement, text)
    text = subject.sub(P, text)
    text = _LINK.sub("", text)
    # "will explore, but have not yet agreed, a list": the aside says the step is only explored
    text = re.sub(
        r",\s+but (?:have|has|do|does|did) not (?:yet )?(?:agreed|decided|committed)[^,]*,",
        "",
        text,
    )
    text = re.sub(r',(["”])', r"\1,", text)  # "Quartet," -> "Quartet", (the comma is the text's)
    text = re.sub(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])", ". ", text)
    if previous.startswith(P) and not re.search(r"\b[Tt]hey\b", previous):
        text = _THEY.sub(lambda m: m.group(1) + P, text)  # "they" of the sentence after them
    this = _THIS_NOUN.match(text)
    if this:
        names = re.findall(
            rf"\b(?:a |an |the )?((?:[A-Z][\w-]*\s(?:(?:for|of|on)\s)?)*{this.group(1).title()}"
            r"(?:\s(?:for|of|on)\s(?:[A-Z][\w-]*\s?)+)?)",
            previous,
        )
        if names:
            name = re.sub(r"^The ", "", names[-1].strip())
            text = f"the {name} " + text[this.end() :]
    text = re.sub(rf"{P}'s?(?= )", "their", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[;,]\s*(?:and|or)?$", ".", text)  # a bullet's "; and"
    return text[0].upper() + text[1:] if text and text[0] != P else text
