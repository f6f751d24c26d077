"""Served questions that give one another away, over the whole bank.

A quiz may serve any two approved questions together (the quality guide's rules 3 and 8):
two with one fact or one stem are twins (an error: the bank cannot be used), and one whose stem
or options hold the key of another of its section gives that answer away (a warning, for a
reviewer to judge).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..questions import get_type
from .wordlists import FUNCTION_WORDS

Files = list[tuple[str, dict[str, Any]]]  # (file name, bank) as read from a bank folder

# Words too common for a key made of them to give anything away ("the two countries", "a new
# era"): with the function words, they are not counted among a key's content words.
VERY_COMMON = {
    "new",
    "two",
    "one",
    "first",
    "other",
    "both",
    "all",
    "country",
    "countries",
    "state",
    "states",
    "nation",
    "nations",
    "side",
    "sides",
    "party",
    "parties",
    "people",
    "peoples",
    "world",
    "year",
    "years",
    "time",
    "way",
    "ways",
    "part",
    "parts",
}
MIN_KEY_WORDS = 2  # a key of one content word ("Moscow") is found in too many stems to mean much
_CHOOSE_ALL = re.compile(r"\(\s*choose all that apply\.?\s*\)", re.I)
_JOINERS = re.compile(r"[-‐‑–—/]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_ARTICLES = {"a", "an", "the"}


def normalised_words(text: str) -> list[str]:
    """``text``'s words, lower-case, without punctuation, quotes or articles."""
    text = _JOINERS.sub(" ", _CHOOSE_ALL.sub(" ", text.casefold()))
    return [w for w in _PUNCTUATION.sub(" ", text).split() if w not in _ARTICLES]


def normalised_stem(stem: str) -> str:
    """A stem as twins are compared: case, punctuation, articles and "(Choose all …)" ignored."""
    return " ".join(normalised_words(stem))


def served(files: Files) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file name, section id, question) of every approved question (a v1 file has none)."""
    for name, bank in files:
        for question in bank["questions"]:
            if question.get("review", {}).get("status") == "approved":
                yield name, bank["section_id"], question


def twins(files: Files) -> list[tuple[str, str, str]]:
    """(file, question id, message) for each approved question whose fact or normalised stem
    an approved question before it already has."""
    found = []
    facts: dict[str, tuple[str, str]] = {}
    stems: dict[str, tuple[str, str]] = {}
    for name, _, question in served(files):
        qid, fact = question["id"], question["fact"]
        if fact in facts:
            first_file, first = facts[fact]
            found.append((name, qid, f"fact {fact!r} also approved for {first} in {first_file}"))
        else:
            facts[fact] = (name, qid)
        stem = normalised_stem(question["stem"])
        if stem in stems:
            first_file, first = stems[stem]
            found.append(
                (name, qid, f"stem {question['stem']!r} also approved for {first} in {first_file}")
            )
        else:
            stems[stem] = (name, qid)
    return found


@dataclass(frozen=True)
class Giveaway:
    """A served question whose stem, options or feedback hold the key of another of its section
    (feedback too: practice shows it before the next question)."""

    file: str
    question: str
    where: str  # "stem", "options" or "feedback"
    other: str
    words: str

    def __str__(self) -> str:
        return (
            f"{self.file}: question {self.question} gives away the key of {self.other} in its "
            f"{self.where}: {self.words!r}"
        )


def _keys(question: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The answers a multiple-choice or short-answer question takes, as written and as
    normalised words, when they have enough content words to give something away."""
    if not get_type(question["type"]).key_is_one_text:
        return []
    forms = [question["answer"], *question.get("accepted", [])]
    found: list[tuple[str, list[str]]] = []
    for form in dict.fromkeys(f for f in forms if isinstance(f, str)):
        words = normalised_words(form)
        content = [w for w in words if w not in FUNCTION_WORDS and w not in VERY_COMMON]
        if len(content) >= MIN_KEY_WORDS and all(words != w for _, w in found):
            found.append((form, words))
    return found


def _holds(text: str, key: list[str]) -> bool:
    """Whether ``text``'s normalised words hold ``key``'s words in a row."""
    return f" {' '.join(key)} " in f" {' '.join(normalised_words(text))} "


def giveaways(files: Files) -> list[Giveaway]:
    """Each served question whose stem, options or feedback hold a served key of its section."""
    by_section: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, section_id, question in served(files):
        by_section.setdefault(section_id, []).append((name, question))
    found = []
    for questions in by_section.values():
        keyed = [(q["id"], _keys(q)) for _, q in questions]
        for name, question in questions:
            options = [c for c in question.get("choices") or [] if isinstance(c, str)]
            for other, keys in keyed:
                if other != question["id"]:
                    found += _given_away(name, question, options, other, keys)[:1]
    return found


def _given_away(
    name: str,
    question: dict[str, Any],
    options: list[str],
    other: str,
    keys: list[tuple[str, list[str]]],
) -> list[Giveaway]:
    """Where ``question`` holds one of ``keys`` (another question's), stem first."""
    found = []
    for form, words in keys:
        if _holds(question["stem"], words):
            found.append(Giveaway(name, question["id"], "stem", other, form))
        elif any(_holds(option, words) for option in options):
            found.append(Giveaway(name, question["id"], "options", other, form))
        elif _holds(question.get("explanation") or "", words):
            found.append(Giveaway(name, question["id"], "feedback", other, form))
    return found
