"""Phrase forms for stems and options: gerunds, third person, plural subjects, question verbs."""

from __future__ import annotations

import re

from .clauses import P

_VOWELS = set("aeiou")


_COLLECTIVE = ("peoples", "countries", "societies", "economies", "nations")


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
        # "open", "edit": two syllables stressed on the first, no doubled consonant
        and not (len(verb) == 4 and verb[0] in _VOWELS and verb not in {"omit", "emit"})
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


def plural(subject: str) -> bool:
    """Whether a subject phrase takes a plural verb ("the security, prosperity ... rest")."""
    head = re.split(r"\s(?:of|in|between|for|based|on|from)\s", subject, maxsplit=1)[0]
    return bool(re.search(r",| and ", head)) or (
        head.endswith("s") and not head.endswith(("ss", "us", "is"))
    )


def capital(text: str) -> str:
    """``text`` with its first letter upper-case."""
    return text[0].upper() + text[1:] if text else text


def question_verb(force: str) -> tuple[str, str]:
    """The auxiliary and the rest of a commitment's verb for a question: "have decided to" ->
    ("have", "decided to "); "will" -> ("will", ""); "intend to" -> ("do", "intend to ")."""
    words = force.split()
    if not words:
        return "do", ""
    if words[0] in {"will", "have", "has", "shall", "are"}:
        rest = " ".join(words[1:])
        return words[0], f"{rest} " if rest else ""
    return "do", f"{force} "
