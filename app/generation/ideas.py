"""Shared parts of the idea generators: the reading, phrase forms, near-miss distractors, drafts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..corpus import Section
from .clauses import POOL_LIMIT, Clause, P, Reading, read
from .distractors import content_words, related, stems_of, tiebreak
from .draft import Context, Draft, explain
from .terms import normalise

MAX_STEM_WORDS = 55
# a phrase offered as a distractor this many times in one document is offered again only when
# no fresher near-miss fits: a pool recycled across questions lets a student match keys
# across a quiz, and phrases lifted from many sentences turn out true of some of them
MAX_REUSE = 2
_USES: ContextVar[Counter | None] = ContextVar("distractor_uses", default=None)


@contextmanager
def distractor_uses(ctx: Context) -> Iterator[None]:
    """Count, over the whole document, how often each phrase is offered as a distractor."""
    token = _USES.set(ctx._cached("distractor-uses", Counter))
    try:
        yield
    finally:
        _USES.reset(token)


_VOWELS = set("aeiou")
_COLLECTIVE = ("peoples", "countries", "societies", "economies", "citizens", "nations")


def key_fact(where: tuple[str, int, int], key: str) -> str:
    """The fact of a question whose answer is ``key`` in the sentence at ``where``: every
    generator that asks for that key there tests the same fact."""
    sid, paragraph, sentence = where
    return f"{sid}@{paragraph}.{sentence}:{normalise(key)}"


_STANCE = re.compile(
    r"(?:\x00|will|to) (?:also )?(?:support|promote|respect|welcome|recognize|encourage|continue) "
    r"(?P<np>(?!to |for )(?:the |a |an |their )?[a-z][^,.;]+?)"
    r"(?=,| and (?:respect|welcome|support|expand|broaden|intensify)\b|\.|;| while | based |$)"
)


_CUT_IN_A_LIST = re.compile(r"\b(?:a|an|the|into|to|of|and|or)\s+[a-z]+$")


def stance_objects(ctx: Context) -> list[str]:
    """What the parties support, promote, respect or continue: near-misses for what they
    reject, for what has ended, and for conditions when the text names few."""

    def build():
        found = []
        for clause in reading(ctx).clauses:
            if len(found) >= POOL_LIMIT:
                break
            for match in _STANCE.finditer(clause.text):
                if _CUT_IN_A_LIST.search(match.group("np")) and clause.text[
                    match.end("np") :
                ].startswith(","):
                    continue  # "… into a stable" cut from "into a stable, viable nation"
                phrase = render(ctx, match.group("np"))
                if 2 <= len(phrase.split()) <= 12 and not re.search(
                    r"\b(?:this|these|those)\b", phrase
                ):
                    found.append(phrase)
        return found

    return cached(ctx, "stances", build)


_NOT_VERB = {"a", "an", "the", "their", "its", "this", "these", "those", "both", "all"}


def verb_led(phrase: str) -> bool:
    """Whether ``phrase`` opens with a bare verb ("share the salt works"), not a noun phrase."""
    first = phrase.split()[0] if phrase.split() else ""
    return (
        first.isalpha()
        and first.islower()
        and first not in _NOT_VERB
        and not first.endswith(("ing", "ed", "s"))
    )


def truth_for(fact: str) -> bool:
    """Whether a statement on ``fact`` is asked in its true or its false form: fixed by the
    fact (deterministic), about half of each over a bank."""
    return int(tiebreak("truth", fact)[:2], 16) % 2 == 0


def reading(ctx: Context) -> Reading:
    """The document's clauses and relations, read once per context."""
    return ctx._cached("reading", lambda: read(ctx.document))


def gerund(verb: str) -> str:
    """ "ensure" -> "ensuring", "set" -> "setting", "tie" -> "tying" (regular English rules)."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if (
        len(verb) <= 4
        and len(verb) >= 3
        and verb[-1] not in _VOWELS | {"w", "x", "y"}
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    ):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def as_gerund(phrase: str) -> str:
    """ "to ensure X" / "that the parties move beyond X" -> "ensuring X" / "moving beyond X"."""
    phrase = re.sub(rf"^that {P} ", "to ", phrase.strip())
    match = re.match(r"^to ([a-z]+)\b(.*)$", phrase)
    if not match:
        return phrase
    rest = re.sub(r", and to ([a-z]+)\b", lambda m: f", and {gerund(m.group(1))}", match.group(2))
    rest = re.sub(r" and ([a-z]+) (?=[a-z]+ \w)", r" and \1 ", rest)
    return gerund(match.group(1)) + rest


def third_person(text: str, parties: str) -> str:
    """ "their peoples" -> "the two peoples"; any other "their X" -> "the parties' X"."""
    text = re.sub(r"\bboth of their\b", "both", text)
    text = re.sub(rf"\btheir (?=(?:{'|'.join(_COLLECTIVE)})\b)", "the two ", text)
    text = re.sub(r"\btheir\b", "the two sides'", text)
    return text.replace(f"{P}'", "the two sides'").replace(P, parties)


def render(ctx: Context, text: str) -> str:
    """A normalised phrase for a stem or an option: the parties and "their" written out."""
    return third_person(text, reading(ctx).parties).strip()


def plural(subject: str) -> bool:
    """Whether a subject phrase takes a plural verb ("the security, prosperity ... rest")."""
    head = re.split(r"\s(?:of|in|between|for|based|on|from)\s", subject, maxsplit=1)[0]
    return bool(re.search(r",| and ", head)) or (
        head.endswith("s") and not head.endswith(("ss", "us", "is"))
    )


def pick_phrases(
    key: str | Iterable[str],
    pool: Iterable[str],
    n: int = 3,
    seed: str = "",
    avoid: Iterable[str] = (),
    overlap: float = 0.5,
    heads: bool = False,
) -> list[str]:
    """Up to ``n`` near-miss phrases from ``pool``: not the key, not a part of it, of similar
    length (so length gives nothing away), sharing few words with it (so none is a variant)."""
    if n <= 0:
        return []
    keys = [key] if isinstance(key, str) else list(key)
    blocked = keys + list(avoid)
    key_length = sum(len(k) for k in keys) / max(len(keys), 1)
    key_words = set().union(*(stems_of(_synonyms(k)) for k in keys)) if keys else set()
    uses = _USES.get()
    candidates = []
    for phrase in dict.fromkeys(pool):
        phrase = phrase.strip()
        if not phrase or any(related(phrase, b) for b in blocked):
            continue
        words = stems_of(_synonyms(phrase))
        if words and len(words & key_words) / len(words) > overlap:
            continue
        if heads and {_head(phrase)} & {_head(k) for k in keys}:
            continue  # "other nations" beside "all countries": the same people, a second key
        gap = abs(len(phrase) - key_length) / max(key_length, 1)
        worn = uses[normalise(phrase)] >= MAX_REUSE if uses is not None else False
        candidates.append(
            (worn, round(min(gap, 3.0), 1), tiebreak(seed or keys[0], phrase), phrase)
        )
    candidates.sort()
    chosen: list[str] = []
    for *_, phrase in candidates:
        if all(
            not related(phrase, c) and content_words(phrase) != content_words(c) for c in chosen
        ):
            if heads and any(_head(phrase)[:5] == _head(c)[:5] for c in chosen):
                continue  # "Foreign Ministries" beside "Foreign Ministers": one near-miss is enough
            chosen.append(phrase)
        if len(chosen) == n:
            break
    if uses is not None:
        uses.update(normalise(c) for c in chosen)
    return chosen


def _head(text: str) -> str:
    """The noun a phrase is about: its last word before "of" ("the Presidents of X")."""
    words = re.split(r"\s+of\s+", _synonyms(text.lower()))[0].split()
    return words[-1] if words else ""


_SYNONYMS = re.compile(r"\b(?:nations|states|countries)\b")


def _synonyms(text: str) -> str:
    """One word for words the text uses alike ("all nations" is "all countries")."""
    return _SYNONYMS.sub("countries", text)


def options(key: str | list[str], distractors: list[str], seed: str) -> list[str]:
    """Key(s) and distractors in a stable order that does not depend on which is the key."""
    keys = [key] if isinstance(key, str) else key
    return sorted(dict.fromkeys(keys + distractors), key=lambda c: tiebreak(seed, c))


def draft(
    ctx: Context,
    clause: Clause,
    kind: str,
    generator: str,
    stem: str,
    answer,
    fact: str,
    lead: str,
    **extra,
) -> Draft | None:
    """A draft from ``clause``; None when the stem is too long to read as one question."""
    stem = re.sub(r"\s+", " ", stem).strip()
    stem = re.sub(r"\s+([,?.])", r"\1", stem)
    if len(stem.split()) > MAX_STEM_WORDS:
        return None
    section = ctx.section(clause.section_id)
    return Draft(
        type=kind,
        generator=generator,
        stem=stem,
        answer=answer,
        section_id=clause.section_id,
        paragraph=clause.paragraph,
        sentence=clause.sentence,
        quote=clause.quote,
        explanation=explain(ctx, section, clause.paragraph, clause.quote, lead),
        fact=fact,
        **extra,
    )


def capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def clauses_of(ctx: Context, section: Section) -> list[Clause]:
    """The clauses of one section, in text order."""
    return [c for c in reading(ctx).clauses if c.section_id == section.id]


def previous_clause(ctx: Context, clause: Clause) -> Clause | None:
    """The sentence before ``clause`` in its section."""
    return reading(ctx).before(clause)


def cached(ctx: Context, name: str, build) -> list:
    """A pool of distractor candidates built once per document and bounded in size."""
    return ctx._cached(name, lambda: list(dict.fromkeys(build()))[:POOL_LIMIT])


def organisations(ctx: Context) -> list:
    """The text's named bodies (terms), a bounded number."""
    return ctx._cached(
        "organisations",
        lambda: [t for t in ctx.terms.key_terms() if t.kind == "organisation"][:POOL_LIMIT],
    )


_BACK = re.compile(r"\b(?:this|these|those) (threat|threats|efforts|regions?|weapons)\b")


def resolve_back(ctx: Context, clause: Clause, text: str) -> str | None:
    """``text`` with "this threat", "these efforts", "those regions" replaced by what the
    sentence before names; None when that sentence does not say."""
    match = _BACK.search(text)
    if not match:
        return text
    before = previous_clause(ctx, clause)
    if before is None:
        return None
    noun = match.group(1)
    earlier = before.text
    found = None
    if noun.startswith("threat"):
        hit = re.search(
            r"(?:that |^)([a-z][a-z -]+?) (?:poses?|represents?) an? (?:[a-z-]+ )?threat", earlier
        )
        found = hit.group(1) if hit else None
    elif noun.startswith("region"):
        hit = re.match(r"^In ([A-Z][\w ]+?(?: and (?:the )?[A-Z][\w ]+?)?),", earlier)
        found = hit.group(1) if hit else None
    elif noun == "efforts":
        hit = re.findall(r"\bto ((?:resolving|[a-z]+ing) [^,.;]+)", earlier)
        found = f"efforts toward {hit[-1]}" if hit else None
    if not found:
        return None
    replacement = found if noun != "efforts" else found
    return text[: match.start()] + replacement + text[match.end() :]
