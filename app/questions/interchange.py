"""What a question type does for the formats it travels in: xAPI, GIFT, Moodle XML and QTI 2.1.

Each format's module keeps its frame (headers, escaping, categories, the zip, the metadata
comment) and asks the type for its part, handing it the frame's own tools as ``tools`` (the
type does not import the format's module, which imports the registry):

- xAPI (``app/exports/xapi.py``): ``components(prefix, texts)``, ``ids(texts, prefix)``;
- GIFT writing (``gift.py``): ``escape(text, arrow=)``, ``guard_format``, ``answer_text(text,
  weight, arrow=)``, ``weight(fraction)``, ``right_fractions(n)``, ``wrong_fraction(n)``;
- GIFT reading (``gift_import.py``): a ``GiftBlock`` with ``word``, ``answers`` (which raises
  when the braces hold none), ``markers``, ``formatted(raw)``, ``text(raw)``, ``weighted(raw)``;
- Moodle XML writing (``moodle_xml.py``): ``head(kind, question)``, ``sub``, ``answer``,
  ``text_block``, ``paragraph``, ``comment``, ``HTML``, ``AUTO`` and the grade functions;
- Moodle XML reading (``moodle_xml_import.py``): ``plain(element)``, ``fraction(answer)``;
- QTI (``qti.py``): ``el``, ``declaration``, ``mapping``, ``choices``, ``share``.
"""

from __future__ import annotations

from typing import Any

Question = dict[str, Any]  # a bank-file entry (id, type, stem, choices, answer, accepted, …)


class Interchange:
    """The format hooks of a question type; a type that lacks one cannot travel in that format."""

    name: str = ""
    xapi_interaction: str = ""  # the cmi.interaction type of its xAPI statements
    moodle_qtype: str = ""  # Moodle's question type: Moodle XML's, and what GIFT writes
    gift_read_rank: int = 50  # when the GIFT reader asks it (lower first): kinds share syntax

    def xapi_parts(
        self, key: Any, choices: list[Any], answer: Any, tools: Any
    ) -> tuple[dict[str, Any], str | None]:
        """The interaction's own definition fields (choices, source, target…) and ``answer`` in
        its response format (None when the answer cannot be written so)."""
        raise NotImplementedError(f"{self.name} has no xAPI interaction")

    def gift_lines(self, question: Question, tools: Any) -> list[str]:
        """The lines inside the question's braces, its general feedback left out."""
        raise ValueError(f"no GIFT writer for {self.name!r} questions")

    def gift_note(self, question: Question) -> str:
        """What the comment line before the question adds about how GIFT holds it ("" if all)."""
        return ""

    def gift_meta(self, question: Question) -> dict[str, Any]:
        """What the declaration-tutor comment carries for this type beyond id and source (an
        essay's rubric: GIFT has no place for it)."""
        return {}

    def with_gift_meta(self, data: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
        """The fields ``read_gift`` read, completed from the comment's ``gift_meta``."""
        return data

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        """The type and key fields of a GIFT answer block of this type, else None; ValueError
        when the block is of this type but unusable."""
        return None

    def moodle_element(
        self, question: Question, tools: Any, distractors: list[str]
    ) -> tuple[Any, list[str]]:
        """The ``<question type=…>`` element, and which of ``distractors`` it took."""
        raise ValueError(f"no Moodle XML writer for {self.name!r} questions")

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict[str, Any] | None:
        """The type and key fields of a ``<question type=moodle_qtype>`` of this type, else
        None (``meta`` is the declaration-tutor comment's, with the distractors it borrowed)."""
        return None

    def offered_options(self, question: Question) -> list[str]:
        """Texts the question offers that another question could borrow as distractors."""
        return []

    def wants_distractors(self, question: Question) -> bool:
        """True when Moodle asks for more options than the question has (they are borrowed)."""
        return False

    def qti_item(self, body: Any, question: Question, tools: Any) -> tuple[Any, str]:
        """Fill the itemBody ``body``; the responseDeclaration and the response processing
        template's name ("" when a person scores it: no response processing)."""
        raise ValueError(f"no QTI writer for {self.name!r} questions")
