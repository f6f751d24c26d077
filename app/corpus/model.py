"""Plain data for a parsed document: Document ▸ Section ▸ Paragraph ▸ Sentence."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``start``/``end`` are character offsets into the source text."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (a line of the source); ``index`` counts from 1 within its section."""

    index: int
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    bullet: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and the paragraphs below it."""

    id: str
    title: str
    order: int
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    kind: str = "body"  # "preamble", "body" or "closing"

    @property
    def text(self) -> str:
        """The section's paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def paragraph(self, index: int) -> Paragraph:
        """The paragraph numbered ``index`` (1-based)."""
        return self.paragraphs[index - 1]


@dataclass(frozen=True)
class Document:
    """A parsed document and the text it was parsed from."""

    title: str
    source: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, section_id: str) -> Section:
        """The section with ``section_id``; KeyError when there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def sentences(self):
        """Every (section, paragraph, sentence) in document order."""
        for section in self.sections:
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    yield section, paragraph, sentence
