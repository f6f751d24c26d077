"""Near-miss phrases as distractors: chosen from a pool of the text's phrases of one kind, few
shared words with the key, similar length, and each offered only a few times per document."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .distractors import content_words, related, stems_of, tiebreak
from .draft import Context
from .kinds import is_body
from .terms import normalise
from .wordlists import COMMON_VERBS

# a phrase offered as a distractor this many times in one document is offered again only when
# no fresher near-miss fits: a pool recycled across questions lets a student match keys
# across a quiz, and phrases lifted from many sentences turn out true of some of them
MAX_REUSE = 2


_USES: ContextVar[Counter | None] = ContextVar("distractor_uses", default=None)


@contextmanager
def distractor_uses(ctx: Context) -> Iterator[None]:
    """Count, over the whole document, how often each phrase is offered as a distractor."""
    token = _USES.set(ctx._cached("distractor-uses", Counter))
    try:
        yield
    finally:
        _USES.reset(token)


def pick_phrases(
    key: str | Iterable[str],
    pool: Iterable[str],
    n: int = 3,
    seed: str = "",
    avoid: Iterable[str] = (),
    overlap: float = 0.5,
    heads: bool = False,
) -> list[str]:
    """Up to ``n`` near-miss phrases from ``pool``: not the key, not a part of it, of similar
    length (so length gives nothing away), sharing few words with it (so none is a variant)."""
    if n <= 0:
        return []
    keys = [key] if isinstance(key, str) else list(key)
    blocked = keys + list(avoid)
    key_length = sum(len(k) for k in keys) / max(len(keys), 1)
    key_words = set().union(*(stems_of(_synonyms(k)) for k in keys)) if keys else set()
    uses = _USES.get()
    # a list of things or principles ("open borders") is offered no body ("the Mission")
    things = (
        len(keys) >= 2
        and not any(map(is_body, keys))
        and not any(re.match(r"to\s|\w+ing\b", k) for k in keys)
        and not all(k.split()[0] in COMMON_VERBS for k in keys if k.split())  # actions
    )
    candidates = []
    for phrase in dict.fromkeys(pool):
        phrase = phrase.strip()
        if not phrase or any(related(phrase, b) for b in blocked):
            continue
        if things and is_body(phrase):
            continue
        words = stems_of(_synonyms(phrase))
        if words and len(words & key_words) / len(words) > overlap:
            continue
        if heads and {_head(phrase)} & {_head(k) for k in keys}:
            continue  # "other nations" beside "all countries": the same people, a second key
        gap = abs(len(phrase) - key_length) / max(key_length, 1)
        worn = uses[normalise(phrase)] >= MAX_REUSE if uses is not None else False
        candidates.append(
            (worn, round(min(gap, 3.0), 1), tiebreak(seed or keys[0], phrase), phrase)
        )
    candidates.sort()
    chosen: list[str] = []
    for *_, phrase in candidates:
        if all(
            not related(phrase, c) and content_words(phrase) != content_words(c) for c in chosen
        ):
            if heads and any(_head(phrase)[:5] == _head(c)[:5] for c in chosen):
                continue  # "Foreign Ministries" beside "Foreign Ministers": one near-miss is enough
            chosen.append(phrase)
        if len(chosen) == n:
            break
    if uses is not None:
        uses.update(normalise(c) for c in chosen)
    return chosen


def _head(text: str) -> str:
    """The noun a phrase is about: its last word before "of" ("the Presidents of X")."""
    words = re.split(r"\s+of\s+", _synonyms(text.lower()))[0].split()
    return words[-1] if words else ""


_SYNONYMS = re.compile(r"\b(?:nations|states|countries)\b")


def _synonyms(text: str) -> str:
    """One word for words the text uses alike ("all nations" is "all countries")."""
    return _SYNONYMS.sub("countries", text)


def options(key: str | list[str], distractors: list[str], seed: str) -> list[str]:
    """Key(s) and distractors in a stable order that does not depend on which is the key."""
    keys = [key] if isinstance(key, str) else key
    return sorted(dict.fromkeys(keys + distractors), key=lambda c: tiebreak(seed, c))
