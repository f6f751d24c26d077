"""English verb forms the generators need: a gerund's, a past tense's, a participle's and an
action noun's base verb (regular rules, and the verbs the project knows)."""

from __future__ import annotations

import re

from .wordlists import COMMON_VERBS

IRREGULAR_PAST = {
    "saw": "see",
    "were": "be",
    "was": "be",
    "had": "have",
    "held": "hold",
    "thought": "think",
    "fought": "fight",
    "felt": "feel",
    "kept": "keep",
}


def gerund_base(word: str) -> str:
    """The base form of a gerund ("sharing" -> "share"), by the verbs the project knows."""
    stem = word[:-3]
    for guess in (stem, stem + "e", stem[:-1]):
        if guess in COMMON_VERBS:
            return guess
    return stem + "e" if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem) else stem


def past_base(past: str) -> str:
    """The base form of a regular past tense ("regarded" -> "regard", "treated" -> "treat")."""
    stem = past[:-2]
    for guess in (stem, stem + "e", stem[:-1]):
        if guess in COMMON_VERBS:
            return guess
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]
    return stem + "e" if stem.endswith(("at", "iz", "uc", "rv", "lv")) else stem


_IRREGULAR_PARTICIPLE = {
    "paid": "pay",
    "built": "build",
    "made": "make",
    "set": "set",
    "held": "hold",
    "given": "give",
    "taken": "take",
    "laid": "lay",
    "sent": "send",
    "done": "do",
    "found": "find",
    "kept": "keep",
}


def participle_base(word: str) -> str:
    """ "established" -> "establish", "paid" -> "pay": the verb of a passive's participle."""
    return _IRREGULAR_PARTICIPLE.get(word) or past_base(word)


def nominal_verb(noun: str) -> str | None:
    """ "construction" -> "construct", "creation" -> "create", "establishment" -> "establish":
    the verb of an action noun, when English's regular rules or the known verbs give it."""
    if noun.endswith("ment"):
        return noun[:-4]
    for guess in (noun[:-3], noun[:-3] + "e", noun[:-5] + "e"):
        if guess in COMMON_VERBS:
            return guess
    return noun[:-3] if noun.endswith("ction") else None
