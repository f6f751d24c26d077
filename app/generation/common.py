"""The names a document uses everywhere (its parties): stop words for that document alone.

No list of any one document's names: they are read from the text (its opening line and the
capitalised words of many sentences) and set while its questions are generated and filtered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..corpus import Document
from .wordlists import FUNCTION_WORDS, ORGANISATION_HEADS, STATE_HEADS, TITLES

if TYPE_CHECKING:
    from .draft import Context

# The roots of the names a document uses everywhere (its parties): set per document
_COMMON: ContextVar[frozenset[str]] = ContextVar("common_names", default=frozenset())
COMMON_SHARE = 0.2  # a name in at least this share of the sentences tells none apart
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")


def common_names(document: Document) -> frozenset[str]:
    """The roots (first five letters) of the parties' names: the words of the opening line
    that names them ("The Republic of X and the Kingdom of Y,") and the capitalised words of
    at least a fifth of the sentences. Like function words, they tell no two statements apart.
    """
    sentences = [s.text for _, _, s in document.sentences()]
    counts: Counter = Counter()
    for text in sentences:
        counts.update({w.lower()[:5] for w in _NAME.findall(text)})
    found = {w for w, n in counts.items() if n >= COMMON_SHARE * max(len(sentences), 1)}
    opening = document.sections[0].paragraphs[0].text if document.sections else ""
    if opening.rstrip().endswith(","):  # the parties, named before the preamble's clauses
        heads = STATE_HEADS | ORGANISATION_HEADS | TITLES  # "the Republic of", not a name
        found.update(w.lower()[:5] for w in _NAME.findall(opening) if w not in heads)
    return frozenset(found - {w[:5] for w in FUNCTION_WORDS})


@contextmanager
def document_names(ctx: Context) -> Iterator[None]:
    """While generating or filtering ``ctx``'s questions, its parties' names are stop words."""
    token = _COMMON.set(ctx._cached("common-names", lambda: common_names(ctx.document)))
    try:
        yield
    finally:
        _COMMON.reset(token)


def current_names() -> frozenset[str]:
    """The roots of the parties' names of the document being generated (none outside)."""
    return _COMMON.get()
