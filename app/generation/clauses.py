"""What the text's sentences say, as plain relations: who commits to what, why, in which role.

The generators of the ideas a teacher tests (commitments, purposes, roles, claims) read these
relations rather than raw sentences. Extraction is by pattern over each sentence, after the
first person is turned into the parties ("we will" -> "the United States and Russia will") and
a sentence-initial "They" or "This group" is tied to the sentence before. Nothing here knows
the declaration: the patterns are the verbs and connectives of any agreement of its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..corpus import Document
from .terms import normalise

P = "\x00"  # the parties, inside a normalised sentence
POOL_LIMIT = 120  # distractor candidates drawn from the text: a bounded number per kind
_SUBJECT_VERBS = (
    r"will|shall|are|have|has|agree|agreed|reject|recognize|acknowledge|believe|call|calls|"
    r"declare|proceed|remain|reaffirm|stand|continue|intend|pledge|note|stress|welcome|aim"
)
_PAIR = re.compile(
    rf"\b[Tt]he ((?:[A-Z][\w.]*\s)*[A-Z][\w.]*) and ((?:[A-Z][\w.]*\s)*[A-Z][\w.]*)"
    rf"(?= (?:{_SUBJECT_VERBS})\b)"
)
_GENERIC_PARTIES = re.compile(r"\b(?:[Tt]he|[Bb]oth) (?:two )?(?:parties|sides)\b")


@dataclass(frozen=True)
class Clause:
    """One sentence of the text, normalised: the parties as ``P``, pronouns resolved."""

    section_id: str
    paragraph: int
    sentence: int
    quote: str  # the sentence as the text has it
    text: str  # normalised

    @property
    def where(self) -> tuple[str, int, int]:
        return (self.section_id, self.paragraph, self.sentence)


@dataclass(frozen=True)
class Relation:
    """Something a sentence says: ``kind`` names the pattern, the rest its parts."""

    kind: str
    clause: Clause
    actor: str = ""  # who ("" for the parties)
    verb: str = ""
    what: str = ""
    rest: str = ""
    items: tuple[str, ...] = ()

    @property
    def where(self) -> tuple[str, int, int]:
        return self.clause.where


@dataclass
class Reading:
    """Every clause and relation of a document, with the pools distractors come from."""

    document: Document
    parties: str
    clauses: list[Clause] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @cached_property
    def _index(self) -> dict:
        """Relations by kind and by (section, kind), clauses by section and position."""
        by_kind: dict[str, list[Relation]] = {}
        by_section: dict[tuple[str, str], list[Relation]] = {}
        for relation in self.relations:
            by_kind.setdefault(relation.kind, []).append(relation)
            by_section.setdefault((relation.clause.section_id, relation.kind), []).append(relation)
        clauses: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            clauses.setdefault(clause.section_id, []).append(clause)
        position = {id(c): n for n, c in enumerate(self.clauses)}
        return {"kind": by_kind, "section": by_section, "clauses": clauses, "at": position}

    def of(self, kind: str, section_id: str | None = None) -> list[Relation]:
        """The relations of one kind (in one section): a dictionary lookup."""
        if section_id is None:
            return self._index["kind"].get(kind, [])
        return self._index["section"].get((section_id, kind), [])

    def pool(self, kind: str) -> list[Relation]:
        """The first relations of one kind, for distractors: a bounded number, so that
        generation stays linear in the text's length."""
        return self.of(kind)[:POOL_LIMIT]

    def clauses_in(self, section_id: str) -> list[Clause]:
        """The clauses of one section, in text order."""
        return self._index["clauses"].get(section_id, [])

    def before(self, clause: Clause) -> Clause | None:
        """The clause just before ``clause`` in its section."""
        n = self._index["at"].get(id(clause), 0)
        if n and self.clauses[n - 1].section_id == clause.section_id:
            return self.clauses[n - 1]
        return None

    def render(self, text: str, start: bool = False) -> str:
        """``text`` with the parties written out (capitalised at the start of a sentence)."""
        name = self.parties[0].upper() + self.parties[1:] if start else self.parties
        text = re.sub(rf"^{P}", name[0].upper() + name[1:], text) if start else text
        return text.replace(P, self.parties)

    @cached_property
    def agents(self) -> list[str]:
        """Groups of people or bodies the text names as acting or addressed (not the parties)."""
        found: dict[str, None] = {}
        for clause in self.clauses:
            if len(found) >= POOL_LIMIT:
                break
            for match in _AGENT.finditer(clause.text):
                raw = match.group()
                phrase = _clean_np(raw)
                if (
                    phrase
                    and P not in phrase
                    and len(phrase.split()) <= 8
                    and not _NOT_AGENT.search(raw)
                ):
                    found.setdefault(phrase, None)
        titles = [
            re.sub(r"^The ", "", c.quote.rstrip(":").strip())
            for c in self.clauses
            if c.quote.rstrip().endswith(":") and c.quote.startswith("The ") and len(c.quote) < 80
        ]
        heads = [re.split(r" of ", t)[0] for t in titles]
        for head in set(heads):
            if heads.count(head) >= 2:
                found.setdefault(f"the two {head}s", None)
        for relation in self.relations:
            if relation.kind in {"call", "chair"}:
                found.setdefault(relation.actor if relation.kind == "chair" else relation.what)
        return sorted(found)


_AGENT = re.compile(
    r"(?:(?<=[\s,])|^)(?:(?:the|all|other|their) (?:[a-z-]+ ){0,2}|"
    r"(?:[A-Z][\w.-]* ){1,2}(?:[a-z-]+ )?)"
    r"(?:countries|nations|states|organizations|institutions|agencies|sectors|officials|"
    r"Ministers|Ministries|Presidents|members|communities|ministers|presidents)"
    r"(?: of (?:the )?[A-Z][\w.'’-]*(?: and [A-Z][\w.'’-]*| [A-Z][\w.'’-]*)*| of the world)?"
)
_NOT_AGENT = re.compile(
    r"\b(?:between|whose|that|by|on|its|integrity|business|two|priority)\b|^(?:the|all the) "
    r"(?:states|nations)$"
)


def _clean_np(text: str) -> str:
    text = re.sub(r"^(?:and|or|of|to|with|by|in|on|for)\s+", "", text.strip())
    text = re.sub(r"^their\s+", "the two sides' ", text)
    text = re.sub(r"\s+(?:and|or|of|the|to)$", "", text)
    if re.match(r"^(?:their|its|his|her|these|those|this|such)\b", text):
        return ""
    return text


def parties_of(document: Document) -> str:
    """How the text names the parties as a subject: its most frequent form ("the parties")."""
    counts: dict[str, int] = {}
    for _, _, sentence in document.sentences():
        for match in _PAIR.finditer(sentence.text):
            form = f"the {match.group(1)} and {match.group(2)}"
            counts[form] = counts.get(form, 0) + 1
        for match in _GENERIC_PARTIES.finditer(sentence.text):
            form = match.group().lower().replace("both", "the")
            counts[form] = counts.get(form, 0) + 1
    if not counts:
        return "the parties"
    best = max(sorted(counts), key=lambda f: counts[f])
    return best if counts[best] >= 2 else "the parties"


_FIRST_PERSON = (
    (re.compile(r"\b(?:[Oo]ur (?:two )?countries)\b"), "the two countries"),
    (re.compile(r"\b[Ww]e\b"), P),
    (re.compile(r"\b(?:our|Our)\b"), "their"),
    (re.compile(r"\bus\b"), "them"),
)
_LINK = re.compile(
    r"^(?:In (?:this|that) (?:connection|regard|context)|To (?:that|this) end|Toward (?:that|"
    r"this) end|In that regard|Therefore|Thus|Also),?\s+"
)
_THIS_NOUN = re.compile(r"^(?:This|These|The) ([a-z]+) (?=will|shall|is|are|has)")


def read(document: Document) -> Reading:
    """The document's clauses and relations (linear in its length)."""
    reading = Reading(document, parties_of(document))
    forms = {reading.parties, "the parties", "the sides", "both sides", "the two sides"}
    subject = re.compile(
        r"(?<!Between )\b(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")\b",
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
        reading.relations.extend(_relations(clause))
    return reading


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
    text = re.sub(r',(["”])', r"\1,", text)  # "Quartet," -> "Quartet", (the comma is the text's)
    text = re.sub(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])", ". ", text)
    if previous.startswith(P) and not re.search(r"\b[Tt]hey\b", previous):
        text = re.sub(r"\b[Tt]hey\b", P, text)  # "they" of the sentence after the parties
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


# --- relations ----------------------------------------------------------------------------

_FIRM = (
    r"(?:have |has )?(?:also )?(?:agreed to implement|agree to implement|have decided to|"
    r"decided to|will(?: also)?(?: continue to)?|shall|pledge to|pledged to|intend to|"
    r"are determined to|"
    r"(?:are|remain) committed to|reaffirm their commitment to|declare their intention to)"
)
_TENTATIVE = r"(?:have |has )?(?:also )?(?:agreed to study|will (?:also )?(?:study|explore|seek))"
_LIST_AFTER = re.compile(r",? including (?:by )?(?P<items>.+)$")
_CALL = re.compile(
    r"^(?P<actor>.+?) (?:strongly )?(?P<verb>call on|calls on|encourage|encourages|urge|urges|"
    r"will ask|ask) "
    r"(?P<whom>.+?) to (?P<what>[a-z].+)$"
)
_ROLE = re.compile(
    r"^As (?P<role>[^,\x00]{6,90}), (?P<actor>.+?) (?P<rest>(?:will|stand|are|is|have)\b.+)$"
)
_ACTING_AS = re.compile(
    r"\b(?:[Aa]cting|work|working|act) as "
    r"(?P<role>(?:an? )?[a-z]+(?: (?:and )?[a-z]+){0,3}?)(?= in |[,.;]|$)"
)
_CHAIR = re.compile(
    r"(?:establish|create|set up) (?:a |an |the )?(?P<body>[A-Z][^,]+?) to be chaired by "
    r"(?P<chair>[A-Z][\w ]+?|(?:the )?[a-z][\w ]+?)(?= with |,|\.|;|$)"
)
_FRAMEWORK = re.compile(r"\b(?:with)?in the framework of (?:the )?(?P<body>[^,]+?)(?=,|\.| to |$)")
_CONDITION = re.compile(
    r"(?:^|that )(?P<subject>[a-z\x00][^;]*?|[A-Z][^;]*?) (?P<verb>demands|demand|requires|require|"
    r"rests? on|will (?:also )?rest on) (?P<what>[^;]+?)(?=[.;]?$)"
)
_AIMED = re.compile(r"^(?P<before>.+?),? aimed at (?P<what>[a-z][^,]+(?:, [a-z]+ly)?)")
_BENEFIT = re.compile(
    r"^(?P<before>.+?), which (?P<verb>will bolster|would bring|help|helps|will help) "
    r"(?P<what>.+?)\.?$"
)
_EVIDENCE = re.compile(r"^(?P<before>.+?) as shown (?:once more |again )?by (?P<what>.+?)\.?$")
_ENDED = re.compile(r"^(?P<what>The [^.]+?) (?:has|have) (?:now )?ended\b")
_REJECT = re.compile(
    r"^(?P<actor>.+?) (?:firmly )?reject (?P<what>the [^,]+?)(?P<rest> that .+)?\.?$"
)
_IN_FORCE = re.compile(r"\bthat (?P<what>the [A-Z].+?) remains in force\b(?P<rest>.*)$")
_DIFFERENT = re.compile(
    r"\b(?:acknowledge|recognize|believe|agree) that (?P<what>[^,]+?) is (?P<how>fundamentally |"
    r"very |quite )?different (?:than|from) (?P<other>.+?)\.?$"
)
_PURPOSE = re.compile(
    rf"^{P} (?P<verb>{_FIRM}) (?P<action>[a-z][^,]*?(?:, including [^,]+,|"
    r"(?: [A-Z][\w'-]*)+(?:, (?:and )?(?:the )?[A-Z][\w' -]*)+)?) "
    r"(?P<purpose>to (?!the |a |be )[a-z]+ .+?)\.?$"
)
_CONTINUE = re.compile(
    r"\bcontinue (?P<what>(?!to )(?:an |their |the )?[a-z][a-z -]+?(?: on [a-zA-Z][a-zA-Z -]+?)?)"
    r"(?=,|\.|$| and welcome| both )"
)


def split_items(text: str) -> tuple[str, ...]:
    """ "A, B, and C" -> (A, B, C); a single phrase -> (phrase,). Brackets are kept whole."""
    text = re.sub(r",? bearing in mind .*$", "", text.strip().rstrip("."))
    parts = re.split(r",\s+(?:and\s+|or\s+)?(?=(?:the |an? )?[a-z])", text)
    if len(parts) == 1:
        parts = re.split(r"\s+and\s+(?=the\s)", text)
    return tuple(p.strip() for p in parts if p.strip())


def _relations(clause: Clause) -> list[Relation]:
    text = clause.text.rstrip(".")
    found: list[Relation] = []
    for kind, verbs in (("firm", _FIRM), ("tentative", _TENTATIVE)):
        match = re.match(rf"^{P},? (?:[^,]+, )?(?P<verb>{verbs}) (?P<what>.+)$", text)
        if match and not (
            kind == "firm" and re.match(_TENTATIVE, match.group("verb") + " " + match.group("what"))
        ):
            what = match.group("what")
            listed = _LIST_AFTER.search(what)
            items = split_items(listed.group("items")) if listed else ()
            head = what[: listed.start()] if listed else what
            found.append(Relation(kind, clause, verb=match.group("verb"), what=head, items=items))
            break
    call = _CALL.match(text)
    if call:
        what = re.sub(r" to (?:prevent|protect|ensure|avoid)\b.*$", "", call.group("what"))
        found.append(
            Relation(
                "call",
                clause,
                actor=call.group("actor"),
                verb=call.group("verb"),
                what=call.group("whom"),
                rest=what,
                items=split_items(what),
            )
        )
    role = _ROLE.match(text)
    if role:
        found.append(
            Relation(
                "role",
                clause,
                actor=role.group("actor"),
                what=role.group("role"),
                rest=role.group("rest"),
            )
        )
    for acting in _ACTING_AS.finditer(text):
        found.append(Relation("as", clause, what=acting.group("role").strip()))
    chair = _CHAIR.search(text)
    if chair:
        found.append(
            Relation("chair", clause, actor=chair.group("chair"), what=chair.group("body"))
        )
    for frame in _FRAMEWORK.finditer(text):
        found.append(Relation("framework", clause, what=frame.group("body")))
    condition = _CONDITION.search(text)
    if condition:
        found.append(
            Relation(
                "condition",
                clause,
                actor=condition.group("subject"),
                verb=condition.group("verb"),
                what=condition.group("what"),
                items=split_items(condition.group("what")),
            )
        )
    for kind, pattern in (("aimed", _AIMED), ("benefit", _BENEFIT), ("evidence", _EVIDENCE)):
        match = pattern.match(text)
        if match:
            verb = match.groupdict().get("verb", "")
            found.append(
                Relation(
                    kind, clause, actor=match.group("before"), verb=verb, what=match.group("what")
                )
            )
    ended = _ENDED.match(text)
    if ended:
        found.append(Relation("ended", clause, what=ended.group("what")))
    reject = _REJECT.match(text)
    if reject:
        found.append(
            Relation(
                "reject",
                clause,
                actor=reject.group("actor"),
                what=reject.group("what"),
                rest=(reject.group("rest") or "").strip(),
            )
        )
    in_force = _IN_FORCE.search(text)
    if in_force:
        found.append(
            Relation("in_force", clause, what=in_force.group("what"), rest=in_force.group("rest"))
        )
    different = _DIFFERENT.search(text)
    if different:
        found.append(
            Relation(
                "different", clause, what=different.group("what"), rest=different.group("other")
            )
        )
    purpose = _PURPOSE.match(text)
    if purpose:
        found.append(
            Relation(
                "purpose",
                clause,
                verb=purpose.group("verb"),
                what=purpose.group("purpose"),
                rest=purpose.group("action"),
            )
        )
    for cont in _CONTINUE.finditer(text):
        found.append(Relation("continue", clause, what=cont.group("what")))
    return found


def same(a: str, b: str) -> bool:
    """The same phrase, compared without articles, quotes and case."""
    return normalise(a) == normalise(b)
