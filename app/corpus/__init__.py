"""The document, parsed: sections, paragraphs and sentences with offsets (no Flask here)."""

from __future__ import annotations

from pathlib import Path

from .model import Document, Paragraph, Section, Sentence
from .parse import CorpusError, load_document, parse_document, read_source, slugify

DECLARATION_PATH = Path(__file__).parent / "texts" / "joint-declaration-2002.txt"
DECLARATION_TITLE = (
    "Joint Declaration on the New Strategic Relationship between the United States "
    "of America and the Russian Federation (Moscow, May 24, 2002)"
)


def load_declaration() -> Document:
    """The Joint Declaration of May 24, 2002, parsed."""
    return load_document(DECLARATION_PATH, DECLARATION_TITLE)


__all__ = [
    "DECLARATION_PATH",
    "CorpusError",
    "Document",
    "Paragraph",
    "Section",
    "Sentence",
    "load_declaration",
    "load_document",
    "parse_document",
    "read_source",
    "slugify",
]
