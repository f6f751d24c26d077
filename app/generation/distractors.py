"""Distractors: terms of the same kind from elsewhere in the document, never also correct."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

from .common import current_names
from .draft import Context
from .lists import TextList
from .names import head_word
from .terms import Term, normalise
from .wordlists import (
    CONTINENTS,
    COUNTRIES,
    GEOGRAPHIC_HEADS,
    NEGATIVE_WORDS,
    ORGANISATION_HEADS,
    REGIONS,
    STOP_CONTENT,
)

_WORD = re.compile(r"[a-z][a-z-]+")
_PARTS = re.compile(r"[a-z]+(?:-[a-z]+)*")
NEGATING_PREFIXES = {"non", "anti", "counter"}


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning (no function words, parties or short words)."""
    common = current_names()
    return {
        w
        for w in _WORD.findall(text.lower())
        if w not in STOP_CONTENT and len(w) > 3 and w[:5] not in common
    }


@lru_cache(maxsize=65536)
def negative(text: str) -> bool:
    """True when ``text`` names something bad ("regional instability", "family violence")."""
    for word in _PARTS.findall(text.lower()):
        parts = word.split("-")
        if parts[0] not in NEGATING_PREFIXES and set(parts) & NEGATIVE_WORDS:
            return True  # "weapons-usable" is bad, "non-proliferation" is not
    return False


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
        if head_word(term.text.split()) in GEOGRAPHIC_HEADS:
            return "feature"  # a sea, a river, a valley: no town's near-miss
        if term.text in REGIONS or term.text.endswith(("region", "s")) or " " in term.text:
            return "region"
        return "city" if term.city else "place"
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


def list_family(ctx: Context, text_list: TextList) -> set[tuple]:
    """The sentences of the lists of one kind with ``text_list``: linked by shared items.

    "stability, security" and "security, prosperity" share an item, "prosperity" links to
    another list, and so on: goals, values and principles make one family; "education, health,
    the sciences" shares no item with any of them and is a kind of its own.
    """
    families = ctx.__dict__.setdefault("_list_families", {})
    if not families:
        lists = ctx.lists
        parent = list(range(len(lists)))

        def root(n: int) -> int:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        by_stem: dict[tuple[str, str], int] = {}
        for n, one in enumerate(lists):
            named = [i for i in one.items if not i.lower().startswith("other ")]
            for stem in set().union(*map(stems_of, named)):
                other = by_stem.setdefault((one.form, stem), n)
                parent[root(n)] = root(other)
        members: dict[int, set[tuple]] = {}
        for n, one in enumerate(lists):
            members.setdefault(root(n), set()).add(one.where)
        for n, one in enumerate(lists):
            families[(one.where, one.start)] = members[root(n)]
    return families.get((text_list.where, text_list.start), {text_list.where})


def head_of(item: str) -> str:
    """The stem of an item's head noun: "the rule of law" -> "rule", "human rights" -> "right"."""
    words = re.split(r"\s+(?:of|in|on|for|to)\s+", item, maxsplit=1)[0].split()
    return words[-1].lower()[:5] if words else ""


def same_kind(ctx: Context, text_list: TextList, item: str, wheres: set[tuple]) -> bool:
    """True when ``item`` (in the lists at ``wheres``) is of the family of ``text_list``.

    A list linked to no other (its family is itself alone) is compared with the other lone
    lists: in a short text, "kinship, candour, and patience" and "honesty, thrift, and courage"
    share no word and are still of one kind.
    """
    family = list_family(ctx, text_list)
    if wheres & family:
        return True
    bounded = sorted(wheres)[:MAX_MENTIONS_CHECKED]
    others = [o for w in bounded for o in ctx.lists_at(w) if item in o.items]
    return (
        len(family) == 1
        and bool(others)
        and all(len(list_family(ctx, o)) == 1 for o in others)
        and same_tone(ctx, text_list, item, wheres)
    )


def same_tone(ctx: Context, text_list: TextList, item: str, wheres: set[tuple]) -> bool:
    """True unless ``item`` is only listed in clauses about bad things and this one is not.

    "information, expertise, and material" (the security of weapons) are no kind of "stability,
    security, and economic integration" nor of "education, health, the sciences".
    """
    bounded = sorted(wheres)[:MAX_MENTIONS_CHECKED]
    others = [o for w in bounded for o in ctx.lists_at(w) if item in o.items]
    here = _said_of_bad(ctx, text_list)
    return not others or any(_said_of_bad(ctx, o) == here for o in others)


def _said_of_bad(ctx: Context, text_list: TextList) -> bool:
    """True when the clause up to the list's end names something bad ("the security of weapons")."""
    cache = ctx.__dict__.setdefault("_said_of_bad", {})
    key = (text_list.where, text_list.start)
    if key not in cache:
        cache[key] = negative(ctx.sentence_text(*text_list.where)[: text_list.end])
    return cache[key]


def kindred(ctx: Context, wheres: set[tuple], key_heads: set[str]) -> bool:
    """True when a list in ``wheres`` holds an item with the head noun of one of the keys.

    "stability, security, and economic integration" and "democracy, ethnic tolerance, and
    long-term stability" are goals of one kind: "ethnic tolerance" would be defensible as a
    goal of the first list, so it is no false item for it.
    """
    for where in sorted(w for w in wheres if w[0])[:MAX_MENTIONS_CHECKED]:
        for other in ctx.lists_at(where):
            if list_words(ctx, other)[2] & key_heads:
                return True
    return False


def list_words(ctx: Context, text_list: TextList) -> tuple[set[str], set[str], set[str]]:
    """The stems of a list's lead and of its items, and its items' heads (computed once)."""
    cache = ctx.__dict__.setdefault("_list_words", {})
    key = (text_list.where, text_list.start)
    if key not in cache:
        cache[key] = (
            stems_of(text_list.lead),
            set().union(*map(stems_of, text_list.items)),
            {head_of(i) for i in text_list.items},
        )
    return cache[key]


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
    """A stable sort key for ``text`` under ``seed``: looks random, never changes."""
    return hashlib.sha256(f"{seed}|{text}".encode()).hexdigest()


def signing_date(ctx: Context) -> str:
    """The ISO date the text was signed: the latest date its closing block gives ("" if none)."""

    def build() -> str:
        closing = {s.id for s in ctx.document.sections if s.kind == "closing"}
        dates = [
            t.value
            for t in ctx.terms.key_terms()
            if t.kind == "date" and any(m.section_id in closing for m in t.mentions)
        ]
        return max(dates, default="")

    return ctx._cached("signing-date", build)


def pick(
    ctx: Context,
    key: Term,
    context: str,
    where: tuple,
    n: int = 3,
    strict: bool = False,
    refuse: Callable[[Term], bool] | None = None,
) -> list[Term]:
    """Up to ``n`` same-kind terms that are plausible but false for this question.

    ``strict`` keeps only terms of the same subtype (a council for a council, a country for a
    country), so that a swapped statement stays plausible; ``refuse`` says which terms the
    text makes true elsewhere.
    """
    candidates = []
    signed = signing_date(ctx) if key.kind == "date" else ""
    for term in ctx.terms.key_terms():
        if term.kind != key.kind or related(term.text, key.text):
            continue
        if signed and key.value < signed and term.value >= signed:
            continue  # a date after the signing for a past statement: the only one of its period
        if strict and subtype(term) != subtype(key) or family(term) != family(key):
            continue
        if term.kind == "date" and term.value[:4] == key.value[:4] and term.value == key.value:
            continue
        if term.kind == "place" and (term.text in CONTINENTS) != (key.text in CONTINENTS):
            continue  # "Europe" beside "the Balkans": the one may hold the other, both defensible
        if term.kind == "place" and (subtype(term) == "feature") != (subtype(key) == "feature"):
            continue  # "the Inner Sea" is no near-miss for a town
        if also_true(ctx, term, context, where) or refuse is not None and refuse(term):
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
