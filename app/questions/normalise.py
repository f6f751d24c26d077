"""Normalising typed answers: case, accents, punctuation, articles, spacing, spelling, dates.

Pure text functions: nothing here reads a document, a database or a configuration.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

ARTICLES = frozenset({"the", "a", "an"})
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# British spellings and their American forms, whole words first, then endings (of words long
# enough that the ending is a suffix, not the word: "four" and "hour" keep their "our").
_BRITISH_WORDS = {
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "grey": "gray",
    "aluminium": "aluminum",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "cheque": "check",
}
_BRITISH_ENDINGS = [
    # (ending, American ending, shortest word it applies to)
    ("isations", "izations", 9),
    ("isation", "ization", 8),
    ("ising", "izing", 7),
    ("ised", "ized", 6),
    ("ises", "izes", 6),
    ("ise", "ize", 6),
    ("ysing", "yzing", 7),
    ("ysed", "yzed", 6),
    ("yse", "yze", 6),
    ("ours", "ors", 7),
    ("our", "or", 6),
    ("tres", "ters", 6),
    ("tre", "ter", 5),
    ("ogues", "ogs", 8),
    ("ogue", "og", 7),
    ("elled", "eled", 7),
    ("elling", "eling", 8),
]


def fold(text: str) -> str:
    """Lower case without accents or apostrophes ("People's" → "peoples")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return text.replace("'", "").replace("\u2019", "")


def american(word: str) -> str:
    """The American spelling of a folded word ("organisation" → "organization")."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    for ending, replacement, shortest in _BRITISH_ENDINGS:
        if len(word) >= shortest and word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word


@dataclass(frozen=True)
class Chunk:
    """A space-separated part of an answer: its folded words, and whether it is capitalised."""

    words: tuple[str, ...]
    capital: bool

    @property
    def initials_only(self) -> bool:
        """True for "U.S." or "H.W.": single letters run together into one word."""
        return len(self.words) > 1 and all(len(w) == 1 and w.isalpha() for w in self.words)

    def merged(self) -> tuple[str, ...]:
        """The words with initials run together ("u", "s" → "us")."""
        return ("".join(self.words),) if self.initials_only else self.words


def chunks(text: str) -> list[Chunk]:
    """The answer's space-separated parts; hyphens, dashes and dots split words within one."""
    found = []
    for raw in text.split():
        parts = tuple(_WORD.findall(fold(raw)))
        if parts:
            first = next(ch for ch in raw if ch.isalnum())
            found.append(Chunk(parts, first.isupper() or first.isdigit()))
    return found


def strip_article(parts: list[Chunk]) -> list[Chunk]:
    """Drop a leading article when something follows it."""
    if len(parts) > 1 and parts[0].words[0] in ARTICLES and len(parts[0].words) == 1:
        return parts[1:]
    return parts


# Names of one country written out or abbreviated: compared as one word.
_COUNTRY_NAMES = [(("united", "states", "of", "america"), "us"), (("united", "states"), "us")]
_COUNTRY_WORDS = {"usa": "us"}


def _country(found: list[str]) -> list[str]:
    out: list[str] = []
    at = 0
    while at < len(found):
        for name, short in _COUNTRY_NAMES:
            if tuple(found[at : at + len(name)]) == name:
                out.append(short)
                at += len(name)
                break
        else:
            out.append(_COUNTRY_WORDS.get(found[at], found[at]))
            at += 1
    return out


def chunk_words(parts: list[Chunk]) -> tuple[str, ...]:
    """The comparison words of chunks: initials run together, American spelling, "us"."""
    return tuple(american(w) for w in _country([w for part in parts for w in part.merged()]))


def words(text: str) -> list[str]:
    """Lower-case words without accents, punctuation, hyphens or a leading article."""
    return list(chunk_words(strip_article(chunks(text))))


def compact(text: str) -> str:
    """The comparison form: the normalised words run together (so spacing never matters)."""
    return "".join(words(text))


# ---- dates ---------------------------------------------------------------------------------

DateReading = tuple[int | None, int, int | None]  # (year or None, month, day or None)
_DATE_FILLERS = {"of", "the", "on", "in"}


def _day(token: str) -> int | None:
    match = _ORDINAL.match(token)
    token = match.group(1) if match else token
    return int(token) if token.isdigit() and len(token) <= 2 else None


def _years(token: str) -> list[int]:
    """The years a numeric token can mean: itself when four digits, 19xx or 20xx when two."""
    if not token.isdigit():
        return []
    if len(token) == 4:
        return [int(token)]
    if len(token) == 2:
        return [1900 + int(token), 2000 + int(token)]
    return []


def _valid(year: int | None, month: int | None, day: int | None) -> DateReading | None:
    if month is None:
        return None
    try:
        date(year or 2000, month, day or 1)  # a leap year, so that "February 29" stands alone
    except ValueError:
        return None
    return (year, month, day)


def _numeric(tokens: list[str]) -> set[DateReading | None]:
    found: set[DateReading | None] = set()
    if len(tokens) == 1 and len(tokens[0]) == 8:
        t = tokens[0]
        found.add(_valid(int(t[:4]), int(t[4:6]), int(t[6:])))
    elif len(tokens) == 3:
        a, b, c = tokens
        if len(a) == 4:
            found.add(_valid(int(a), int(b), int(c)))
        for year in _years(c) if len(a) <= 2 and len(b) <= 2 else []:
            found.add(_valid(year, int(a), int(b)))  # month/day/year
            found.add(_valid(year, int(b), int(a)))  # day/month/year
    elif len(tokens) == 2:
        a, b = tokens
        if len(a) == 4 and len(b) <= 2:
            found.add(_valid(int(a), int(b), None))
        elif len(b) == 4 and len(a) <= 2:
            found.add(_valid(int(b), int(a), None))
        elif len(a) <= 2 and len(b) <= 2:
            found.add(_valid(None, int(a), int(b)))  # month/day: "9/11"
            found.add(_valid(None, int(b), int(a)))  # day/month
    return found


def _named(tokens: list[str]) -> set[DateReading | None]:
    """Dates with the month's name: "May 24, 2002", "24 May", "Sept. 11", "May 2002"."""
    found: set[DateReading | None] = set()
    at = [i for i, t in enumerate(tokens) if t in _MONTHS]
    if len(at) != 1:
        return found
    month = _MONTHS[tokens[at[0]]]
    rest = tokens[: at[0]] + tokens[at[0] + 1 :]
    if not all(t.isdigit() or _ORDINAL.match(t) for t in rest) or len(rest) > 2:
        return found
    if len(rest) == 1 and rest[0].isdigit() and len(rest[0]) == 4:
        found.add(_valid(int(rest[0]), month, None))
    elif len(rest) == 1:
        found.add(_valid(None, month, _day(rest[0])))
    elif len(rest) == 2:
        day = _day(rest[0])
        for year in _years(rest[1]):
            found.add(_valid(year, month, day) if day else None)
    return found


def parse_dates(text: str) -> set[DateReading]:
    """Every (year, month, day) the text can mean as a whole; empty when it is not a date.

    Accepted: "May 24, 2002", "24 May 2002", "24th of May 2002", "2002-05-24", "20020524",
    "May 2002", numeric "05/24/2002" or "24/05/02" (both readings kept when both are valid),
    and without the year (year None): "May 24", "24 May", "5/24", "9/11".
    """
    tokens = [t for t in _WORD.findall(fold(text)) if t not in _DATE_FILLERS]
    if not tokens or len(tokens) > 3:
        return set()
    if all(t.isdigit() for t in tokens):
        found = _numeric(tokens)
    else:
        found = _named(tokens)
    found.discard(None)
    return found  # type: ignore[return-value]
