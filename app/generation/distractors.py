"""Distractors: terms of the same kind from elsewhere in the document, never also correct."""

from __future__ import annotations

import hashlib
import re

from .draft import Context
from .terms import Term, normalise
from .wordlists import (
    CONTINENTS,
    COUNTRIES,
    NEGATIVE_WORDS,
    ORGANISATION_HEADS,
    REGIONS,
    STOP_CONTENT,
)

_WORD = re.compile(r"[a-z][a-z-]+")


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning (no function words, parties or short words)."""
    return {w for w in _WORD.findall(text.lower()) if w not in STOP_CONTENT and len(w) > 3}


def negative(text: str) -> bool:
    """True when ``text`` names something bad ("regional instability", "family violence")."""
    return bool(set(text.lower().split()) & NEGATIVE_WORDS)


def stems_of(text: str) -> set[str]:
    """Crude stems (first five letters) of the content words: "democracy" ~ "democratic"."""
    return {w[:5] for w in content_words(text)}


def related(a: str, b: str) -> bool:
    """True when two answers are the same thing written differently or one holds the other."""
    na, nb = normalise(a), normalise(b)
    return na == nb or na in nb or nb in na or na.replace(" ", "") == nb.replace(" ", "")


def subtype(term: Term) -> str:
    """A finer kind, so that countries go with countries and treaties with treaties."""
    if term.kind == "place":
        if term.text in COUNTRIES:
            return "country"
        if term.text in REGIONS or term.text.endswith(("region", "s")) or " " in term.text:
            return "region"
        return "city" if getattr(term, "city", False) else "place"
    if term.kind == "organisation" and term.text.replace("-", "").replace(".", "").isupper():
        return "acronym"
    if term.kind in {"agreement", "organisation"}:
        words = term.text.split()
        for index, word in enumerate(words):
            if word in {"of", "on", "for", "in", "Between"} and index:
                return words[index - 1].rstrip("s")
        return words[-1].rstrip("s")
    return term.kind


def family(term: Term) -> str:
    """Bodies (councils, organizations, acronyms) apart from groups ("the Taliban")."""
    if term.kind != "organisation":
        return term.kind
    kind = subtype(term)
    return "body" if kind == "acronym" or kind in ORGANISATION_HEADS else "group"


MAX_MENTIONS_CHECKED = 8  # a bounded check keeps generation linear in the text's length


def affinity(ctx: Context, wheres: set[tuple], where: tuple) -> int:
    """How many content words the sentences ``wheres`` share with the sentence ``where``.

    A list item from a sentence about values ("common values, trust") makes a better distractor
    for a list of values than one from a sentence about weapons.
    """
    here = _sentence_words(ctx, where)
    known = [w for w in sorted(wheres) if w[0]][:4]  # ("", 0, 0): found outside any list
    return max((len(_sentence_words(ctx, w) & here) for w in known), default=0)


def _sentence_words(ctx: Context, where: tuple) -> set[str]:
    cache = ctx.__dict__.setdefault("_words", {})
    if where not in cache:
        cache[where] = content_words(ctx.sentence_text(*where))
    return cache[where]


def also_true(ctx: Context, candidate: Term, context: str, where: tuple) -> bool:
    """True when the text says of ``candidate`` what the question says of its key."""
    words = content_words(context)
    if not words:
        return False
    if where in ctx.term_wheres(candidate):
        return True
    for mention in candidate.mentions[:MAX_MENTIONS_CHECKED]:
        other = _sentence_words(ctx, mention.where)
        if len(words & other) / len(words) >= 0.34:
            return True
    return False


def tiebreak(seed: str, text: str) -> str:
    return hashlib.sha256(f"{seed}|{text}".encode()).hexdigest()


def pick(
    ctx: Context, key: Term, context: str, where: tuple, n: int = 3, strict: bool = False
) -> list[Term]:
    """Up to ``n`` same-kind terms that are plausible but false for this question.

    ``strict`` keeps only terms of the same subtype (a council for a council, a country for a
    country), so that a swapped statement stays plausible.
    """
    candidates = []
    for term in ctx.terms.key_terms():
        if term.kind != key.kind or related(term.text, key.text):
            continue
        if strict and subtype(term) != subtype(key) or family(term) != family(key):
            continue
        if term.kind == "date" and term.value[:4] == key.value[:4] and term.value == key.value:
            continue
        if term.kind == "place" and (term.text in CONTINENTS) != (key.text in CONTINENTS):
            continue  # "Europe" beside "the Balkans": the one may hold the other, both defensible
        if also_true(ctx, term, context, where):
            continue
        same = subtype(term) == subtype(key)
        length_gap = abs(len(term.display) - len(key.display)) / max(len(key.display), 1)
        candidates.append((not same, round(length_gap, 1), tiebreak(key.norm, term.norm), term))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[Term] = []
    for *_, term in candidates:
        if all(not related(term.text, c.text) for c in chosen):
            chosen.append(term)
        if len(chosen) == n:
            break
    return chosen
