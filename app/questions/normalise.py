"""Normalising typed answers: case, punctuation, articles, spacing, hyphens, dates, typos."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

_ARTICLES = {"the", "a", "an"}
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


def words(text: str) -> list[str]:
    """Lower-case words without accents, punctuation, hyphens or a leading article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("'", "").replace("\u2019", "")  # "people's" → "peoples"
    found = _WORD.findall(text)
    if len(found) > 1 and found[0] in _ARTICLES:
        found = found[1:]
    return found


def compact(text: str) -> str:
    """The comparison form: the normalised words run together (so spacing never matters)."""
    return "".join(words(text))


def _day(token: str) -> int | None:
    match = _ORDINAL.match(token)
    token = match.group(1) if match else token
    return int(token) if token.isdigit() and len(token) <= 2 else None


def _valid(year: int, month: int, day: int | None) -> tuple[int, int, int | None] | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return (year, month, day)


def parse_dates(text: str) -> set[tuple[int, int, int | None]]:
    """Every (year, month, day) the text can mean as a whole; empty when it is not a date.

    Accepted: "May 24, 2002", "24 May 2002", "24th of May 2002", "2002-05-24", "May 2002",
    and numeric "05/24/2002" or "24/05/2002" (both readings are kept when both are valid).
    """
    tokens = [t for t in words(text.replace("/", " ").replace(".", " ")) if t != "of"]
    found = set()
    if len(tokens) == 3 and all(t.isdigit() for t in tokens):
        a, b, c = (int(t) for t in tokens)
        if len(tokens[0]) == 4:
            found.add(_valid(a, b, c))
        elif len(tokens[2]) == 4:
            found.add(_valid(c, a, b))  # month/day/year
            found.add(_valid(c, b, a))  # day/month/year
    elif len(tokens) == 3 and tokens[0] in _MONTHS and tokens[2].isdigit() and len(tokens[2]) == 4:
        day = _day(tokens[1])
        if day:
            found.add(_valid(int(tokens[2]), _MONTHS[tokens[0]], day))
    elif len(tokens) == 3 and tokens[1] in _MONTHS and tokens[2].isdigit() and len(tokens[2]) == 4:
        day = _day(tokens[0])
        if day:
            found.add(_valid(int(tokens[2]), _MONTHS[tokens[1]], day))
    elif len(tokens) == 2 and tokens[0] in _MONTHS and tokens[1].isdigit() and len(tokens[1]) == 4:
        found.add(_valid(int(tokens[1]), _MONTHS[tokens[0]], None))
    found.discard(None)
    return found


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance counting insertions, deletions, substitutions and adjacent swaps."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def within_one(a: str, b: str) -> bool:
    """True when the Damerau–Levenshtein distance of ``a`` and ``b`` is at most 1 (fast path)."""
    return abs(len(a) - len(b)) <= 1 and damerau_levenshtein(a, b) <= 1


@cache
def document_terms() -> frozenset[str]:
    """The compact forms of every run of one to four words in the declaration.

    A typed answer equal to, or one edit from, one of these other than the key is another
    term of the text, not a typo of the key.
    """
    from ..corpus import load_declaration  # the grader's only data: the shipped text

    terms: set[str] = set()
    for _section, _paragraph, sentence in load_declaration().sentences():
        tokens = words(sentence.text)
        for size in range(1, 5):
            for start in range(len(tokens) - size + 1):
                terms.add("".join(tokens[start : start + size]))
    return frozenset(terms)
