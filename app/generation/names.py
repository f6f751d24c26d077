"""Capitalised names in a sentence: where they start and end, and what kind of thing they are."""

from __future__ import annotations

import re

from .dates import YEAR_PATTERN
from .tokens import Token
from .wordlists import (
    AGREEMENT_HEADS,
    COUNTRIES,
    COUNTRY_ABBREVIATIONS,
    EVENT_NOUNS,
    GEOGRAPHIC_HEADS,
    GROUPING_NOUNS,
    ORGANISATION_HEADS,
    PLACE_NOUNS,
    PLACE_OPENERS,
    REGIONS,
    SENTENCE_OPENERS,
    STATE_HEADS,
    TITLES,
)

CONNECTORS = {"of", "on", "for", "in", "between", "and", "the", "a", "'s", "’s", "de"}

_PERSON = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)+ [A-Z][a-z'-]+$")


def _is_name_token(token: Token) -> bool:
    return token.is_word and token.capitalised and token.text not in {"I"}


def name_runs(tokens: list[Token], blocked: set[int]) -> list[tuple[int, int]]:
    """Spans (token indexes, end exclusive) of capitalised names with their connectors."""
    runs, i = [], 0

    def name_at(k: int) -> bool:
        return k < len(tokens) and k not in blocked and _is_name_token(tokens[k])

    while i < len(tokens):
        lower = tokens[i].text.lower()
        opener = i == 0 and lower in SENTENCE_OPENERS and tokens[i].text not in COUNTRIES
        if not name_at(i) or lower in CONNECTORS or opener:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if name_at(j) and tokens[j].text.lower() not in CONNECTORS:
                j += 1
                continue
            k = j
            while k < len(tokens) and k not in blocked and tokens[k].text.lower() in CONNECTORS:
                k += 1
            joined = [t.text.lower() for t in tokens[j:k]]
            year = k < len(tokens) and k not in blocked and YEAR_PATTERN.fullmatch(tokens[k].text)
            if k == j or not (name_at(k) or year and joined == ["of"]):
                break
            so_far = " ".join(t.text for t in tokens[i:j])
            if joined[:2] == ["of", "the"] and so_far in COUNTRIES | REGIONS:
                break  # "Afghanistan of the Taliban" is two names
            if not _connector_allowed(tokens[i:j], joined):
                break
            j = k + 1
        runs.append((i, j))
        i = j
    return runs


def _connector_allowed(run: list[Token], joined: list[str]) -> bool:
    words = {t.text for t in run}
    has_head = bool(words & (AGREEMENT_HEADS | ORGANISATION_HEADS))
    if joined in (["'s"], ["’s"]):
        return True
    if "and" in joined:
        # "the Memorandum on Search and Rescue": a name's subject may be two words joined
        lower = {w.lower() for w in words}
        return has_head and (
            "between" in lower or joined == ["and"] and bool(lower & {"on", "for"})
        )
    if joined[0] in {"in", "on", "for", "between"}:
        return has_head
    return joined[0] in {"of", "de"}


def strip_titles(tokens: list[Token], i: int, j: int) -> int:
    """Skip leading titles ("Presidents of", "Co-Chairmen of the")."""
    k = i
    while k < j and (tokens[k].text in TITLES or tokens[k].text.lower() == "the"):
        k += 1
    if k > i and k < j and tokens[k].text.lower() == "of":
        k += 1
        while k < j and tokens[k].text.lower() == "the":
            k += 1
    return k if k > i else i


def head_word(words: list[str]) -> str:
    """The word a name is about: the last before "of", "on", "for"… ("Treaty" of "Treaty on X")."""
    for index, word in enumerate(words):
        if word.lower() in {"of", "on", "for", "in", "between"} and index:
            return words[index - 1]
    return words[-1]


def classify(
    name: str, following: list[str], definite: bool, quoted: bool, modifier: bool = False
) -> str | None:
    """The kind of a capitalised name, or None when it is not a key term."""
    words = name.split()
    head = head_word(words)
    if name in COUNTRIES or name in REGIONS or name in COUNTRY_ABBREVIATIONS:
        return "place"
    if head in STATE_HEADS or (
        words[0] in PLACE_OPENERS and head not in ORGANISATION_HEADS | AGREEMENT_HEADS
    ):
        return "place"
    if following and following[0] in PLACE_NOUNS and name in REGIONS | COUNTRIES:
        return "place"
    if len(words) >= 2 and head in GEOGRAPHIC_HEADS:  # "the Sarn Valley", "the Sea of Azov"
        return "place"
    if _PERSON.match(name):
        return "person"
    if all(w in TITLES or w.lower() in {"of", "the"} for w in words):
        return None
    if head in AGREEMENT_HEADS:
        return "agreement"
    if head in ORGANISATION_HEADS:
        return "organisation"
    if head.lower() in EVENT_NOUNS:
        return "event"
    if any(w.lower() in GROUPING_NOUNS for w in following[:2]):
        return "organisation"
    if len(words) == 1 and Token(name, 0, 0).acronym and "/" not in name:
        return "organisation"
    if modifier:
        return None  # an adjective or modifier: "Afghan people", "Transnistrian issue"
    if definite or quoted:
        return "unknown-definite"
    return "unknown"
