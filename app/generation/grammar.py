"""Checks that a stem reads as an English question: the flaws template substitution leaves.

Each rule is general (no word of any particular document): a capitalised opener left in the
middle of a stem, a "does" question whose verb still carries its "-s" or a modal, "which of the
following" spliced inside a noun phrase, and a demonstrative ("these limits", "this day") that
points at text the student cannot see.
"""

from __future__ import annotations

import re

from ..questions import get_type
from .wordlists import FUNCTION_WORDS

_PREFIX = re.compile(r"^(?:True or false: )?(?:According to [^,]+, )?")
# a sentence opener substituted into the middle of a question ("whom does As co-chairs of …")
_OPENER = re.compile(r"(?<=[a-z,] )(?:As|The|A|An|In|On|At|To|For|With|By|Our|We|Its)\b(?! [A-Z])")
_DO = re.compile(r"\b(?:does|do|did)\b(?P<rest>[^?]*)\?")
_MODAL = re.compile(r"\b(?:will|shall|would|must|can|may|should)\b")
_PREPOSITION = r"(?:on|to|in|for|with|of|at|by|from|about|upon)"
# the last verb of a "does" question still inflected: "what does the welfare … rests on?"
_FINITE = re.compile(rf"\b[a-z]{{2,}}[^su\W]s(?: {_PREPOSITION})?\s*$")
# "… the clinics of their coastal towns?": a plural noun after a determiner or an adjective
_PLURAL_NOUN = re.compile(
    r"(?:\b(?:the|a|an|their|its|his|her|these|those|other|all|many|[a-z]+(?:al|ive|ous|ful|"
    r"ic|ary|ern|ish|ese))|['’]) [a-z]{2,}s\s*$"
)
_FOLLOWING = re.compile(r"(?:(?P<before>[\w'’-]+) )?which of the following(?P<after> of\b)?")
# "which of these happened", "this event: …" name what they point at; "these limits" does not
_DEICTIC = re.compile(r"(?<!of )\b(?P<word>these|those|this|such)\s+(?P<noun>[a-z]+)\b(?!:)", re.I)
# "… the tanks and artillery that." / "… to the.": a statement cut inside a phrase
_FRAGMENT_END = re.compile(
    r"\b(?:(?:that|which|of|to|with|by|for)\s*\.|(?:the|a|an|and|or|its|their)\s*[.?])$"
)
# "which organization of civic organizations": the name's tail repeats the question's noun
_REPEATED_NOUN = re.compile(r"\bwhich (?P<noun>[a-z]{4,}?)s? of (?:[a-z]+ ){0,2}(?P=noun)s?\b")
_BARE_WORK = re.compile(r"\bthe (?:work|task|process|matter)\b(?! (?:of|on|to|in)\b)")
# "this text" and its kind point at the document itself, which the student has read
_DOCUMENT_NOUNS = {"text", "declaration", "statement", "document", "one"}


def grammar_problems(stem: str, kind: str) -> list[str]:
    """Every way ``stem`` (of a question of type ``kind``) fails to read as English."""
    core = _PREFIX.sub("", stem)
    found = []
    if _OPENER.search(core):
        found.append("a sentence opener left inside the question (broken substitution)")
    for match in _DO.finditer(core):
        rest = match.group("rest")
        if _MODAL.search(rest):
            found.append('a "does" question that keeps its modal ("does … will")')
        elif _FINITE.search(rest) and not _PLURAL_NOUN.search(rest):
            found.append('a "does" question whose verb keeps its "-s"')
    for match in _FOLLOWING.finditer(core):
        before = (match.group("before") or "").lower()
        if match.group("after"):
            found.append('"which of the following" inside a noun phrase ("… of the following of")')
        elif before and before not in FUNCTION_WORDS and not _verb_like(before):
            found.append(f'"which of the following" after a modifier ("{before} which …")')
    if _FRAGMENT_END.search(core):
        found.append("ends inside a phrase (a fragment cut off its sentence)")
    repeated = _REPEATED_NOUN.search(core)
    if repeated:
        found.append(f'the question word repeats the noun after it ("{repeated.group()}")')
    if _BARE_WORK.search(core):
        found.append(
            '"the work" with nothing to say which: it points at text the student cannot see'
        )
    if not get_type(kind).lists_items:  # "these events" of an ordering are shown under it
        for match in _DEICTIC.finditer(core):
            noun = match.group("noun").lower()
            if noun in _DOCUMENT_NOUNS or noun in FUNCTION_WORDS:
                continue
            if noun.rstrip("s") not in core[: match.start()].lower():
                found.append(f'"{match.group(0)}" points at text the student cannot see')
    return found


def _verb_like(word: str) -> bool:
    """Whether ``word`` may be the verb or preposition before a list, not a modifier cut off it.

    Without a tagger, an adjective is told by its ending ("essential", "collective"); a word of
    another form is given the benefit of the doubt.
    """
    return not re.search(r"(?:al|ive|ous|ful|ic|ary|ible|able|less)$", word)


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|ourselves)\b(?!\.)")


def voice_problems(answers: list[str]) -> list[str]:
    """A key in the text's first person ("cooperation between our regions") is the text's
    voice, not an answer a student gives: the generator rewrites it or drops the question."""
    return ["a key in the text's first person" for a in answers if _FIRST_PERSON.search(a)]
