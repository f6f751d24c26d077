"""Which typed answers mean a short-answer key: general rules over the key and its stem only.

A key's forms are derived from the key alone: without its article or a leading national
qualifier ("the U.S. Trade Act of 1974" → "Trade Act of 1974"), in the other word order of a
name ("Department of Commerce" → "Commerce Department", "Treaty on X" → "X Treaty"), with the
other linking preposition ("Group for X" → "Group on X"), and as the initialism of a multi-word
name ("WTO", "NRC"). A person's name (a "who" question, or a name with an initial) is also
right as the surname, with a title ("President Bush"), or with fewer given names, but never
with a given name or initial the key does not have ("George H. W. Bush" is not "George W.
Bush"). Nothing here knows any document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import Chunk, american, chunk_words, chunks, strip_article

# Words that link the parts of a name and are not part of its initialism.
FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "with", "between"}
)
LINKS = ("of", "on", "for")  # "Department of Commerce", "Treaty on X", "Group for X"
# A leading qualifier naming the country a name belongs to, dropped when two words remain.
QUALIFIERS = (
    ("united", "states", "of", "america"),
    ("united", "states"),
    ("us",),
    ("usa",),
    ("american",),
    ("uk",),
    ("british",),
    ("russian",),
    ("soviet",),
    # any country's adjective reads the same way ("the French Foreign Ministry")
    *((adjective,) for adjective in (
        "french german chinese japanese canadian indian italian spanish ukrainian polish "
        "israeli iranian iraqi turkish european australian mexican brazilian korean".split()
    )),
)  # fmt: skip
TITLES = (
    ("secretary", "of", "state"),
    ("prime", "minister"),
    ("foreign", "minister"),
    ("vice", "president"),
    ("president",),
    ("presidents",),
    ("premier",),
    ("chancellor",),
    ("minister",),
    ("secretary",),
    ("ambassador",),
    ("senator",),
    ("governor",),
    ("general",),
    ("king",),
    ("queen",),
    ("prince",),
    ("sir",),
    ("mr",),
    ("mrs",),
    ("ms",),
    ("dr",),
    ("mister",),
)
# Last words that make a capitalised phrase a body, place or text rather than a person.
NOT_SURNAMES = frozenset(
    "union states nations federation republic kingdom council group organization committee "
    "commission agency ministry department bank fund forum dialogue summit conference sea "
    "region city island islands river mountains party court office house army alliance pact "
    "declaration statement charter convention agreement accord accords initiative program "
    "process partnership center treaty act amendment law resolution".split()
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "le", "la", "al", "bin", "ibn"})
_ASKS_WHO = re.compile(r"\bwho(m|se)?\b", re.IGNORECASE)

Form = tuple[str, ...]


def _drop_qualifier(parts: list[Chunk]) -> list[Chunk] | None:
    """The name without a leading country qualifier, when at least two words remain."""
    flat: list[str] = []
    for count, part in enumerate(parts, start=1):
        flat.extend(part.merged())
        if tuple(flat) in QUALIFIERS:
            rest = strip_article(parts[count:])
            return rest if len(rest) >= 2 else None
        if len(flat) >= 4:
            return None
    return None


def _reordered(parts: list[Chunk]) -> list[list[Chunk]]:
    """A name's other word orders and linking prepositions: "Commerce Department"."""
    at = next((i for i, p in enumerate(parts) if len(p.words) == 1 and p.words[0] in LINKS), None)
    if at is None or at == 0 or at == len(parts) - 1:
        return []
    head, tail = parts[:at], strip_article(parts[at + 1 :])
    if not head[0].capital or not tail[0].capital:
        return []  # a name's parts are capitalised; "creative energy of citizens" is not a name
    variants = [tail + head]
    for link in LINKS:
        if link != parts[at].words[0]:
            variants.append([*head, Chunk((link,), False), *parts[at + 1 :]])
    return variants


def _initialism(parts: list[Chunk]) -> Form | None:
    """The initials of a multi-word name ("World Trade Organization" → "wto"), else None."""
    content = [p for p in parts if not (len(p.words) == 1 and p.words[0] in FUNCTION_WORDS)]
    if not all(p.capital for p in content) or any(w.isdigit() for p in content for w in p.words):
        return None
    letters = "".join(w[0] for p in content for w in p.words)
    linked = len(content) < len(parts)
    if len(letters) < 2 or (len(letters) == 2 and linked) or len(content) < 2:
        return None
    return (letters,)


@lru_cache(maxsize=4096)
def key_forms(text: str) -> frozenset[Form]:
    """The word sequences that mean ``text``: itself and its derived forms (see the module)."""
    base = strip_article(chunks(text))
    if not base:
        return frozenset()
    names = [base]
    dropped = _drop_qualifier(base)
    if dropped:
        names.append(dropped)
    for name in list(names):
        names.extend(_reordered(name))
    forms = {chunk_words(name) for name in names} | {chunk_words(chunks(text))}
    forms |= {i for name in names[:2] if (i := _initialism(name))}
    return frozenset(forms)


# ---- people ---------------------------------------------------------------------------------


def _name_parts(text: str) -> list[str] | None:
    """A person's name as words (given names and initials, then the surname), else None."""
    parts = chunks(text)
    if not 2 <= len(parts) <= 6 or not parts[0].capital:
        return None
    words: list[str] = []
    for part in parts:
        if part.initials_only:
            words.extend(part.words)  # "H.W." is two initials
        elif len(part.words) == 1 and (part.capital or part.words[0] in NAME_PARTICLES):
            words.append(part.words[0])
        elif len(part.words) > 1 and part.capital:
            words.append("".join(part.words))  # a double-barrelled name
        else:
            return None
    while words and words[-1] in NAME_SUFFIXES:
        words.pop()
    if len(words) < 2 or len(words[-1]) < 2 or not all(w.isalpha() for w in words):
        return None
    if american(words[-1]) in NOT_SURNAMES:
        return None
    return words


def is_person(answer: str, stem: str) -> bool:
    """True when ``answer`` is a person's name: asked by "who", or written with an initial."""
    parts = _name_parts(answer)
    if parts is None:
        return False
    has_initial = any(len(w) == 1 for w in parts[:-1])
    return has_initial or bool(_ASKS_WHO.search(stem))


def _without_title(typed: list[str]) -> list[str]:
    """The typed name without a leading title ("President Bush", "U.S. President Bush")."""
    qualifiers = {"".join(q) for q in QUALIFIERS}
    for start in range(3):
        if start and "".join(typed[:start]) not in qualifiers:
            continue
        for title in TITLES:
            end = start + len(title)
            if tuple(typed[start:end]) == title and len(typed) > end:
                return typed[end:]
    return typed


def person_matches(key: str, typed: str) -> bool:
    """True when ``typed`` names the person ``key`` names (surname, title, fewer given names).

    Every given name or initial typed must be the key's own, in order: "George H. W. Bush" is
    not "George W. Bush"; an initial stands for a given name ("G. W. Bush").
    """
    name = _name_parts(key)
    typed_parts = [
        w
        for part in chunks(typed)
        for w in (part.words if part.initials_only else ("".join(part.words),))
    ]
    if name is None or not typed_parts:
        return False
    while typed_parts and typed_parts[-1] in NAME_SUFFIXES:
        typed_parts.pop()
    typed_parts = _without_title(typed_parts)
    if not typed_parts or typed_parts[-1] != name[-1]:
        return False
    given = name[:-1]
    at = 0
    for word in typed_parts[:-1]:
        while at < len(given) and not (
            word == given[at] or (len(word) == 1 and given[at].startswith(word))
        ):
            if len(given[at]) == 1 and len(word) == 1:
                return False  # another initial where the key has one: a different person
            at += 1
        if at == len(given):
            return False
        at += 1
    return True
