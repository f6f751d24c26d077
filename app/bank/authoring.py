"""Turn the question form's text fields into bank-file content, and check it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..corpus import Document, load_declaration
from ..questions import ContentError, QuestionType, get_type
from ..questions.base import lines


@dataclass
class QuestionDraft:
    """The question form as typed: text fields, one item per line where lists are expected."""

    section_id: str
    type: str
    stem: str
    choices: str = ""
    answer: str = ""
    accepted: str = ""
    explanation: str = ""
    paragraph: int | None = None


def _type(name: str) -> QuestionType:
    try:
        return get_type(name)
    except KeyError:
        raise ContentError([f"Unknown question type “{name}”."]) from None


def parse_answer(question_type: str, text: str) -> Any:
    """The answer field in the shared JSON shape of ``question_type``; ContentError if malformed."""
    return _type(question_type).answer_from_text(text or "")


def answer_as_text(question_type: str, answer: Any) -> str:
    """A stored answer written back the way the form takes it."""
    return get_type(question_type).answer_to_text(answer)


@cache
def _declaration() -> Document:
    return load_declaration()


def source_for(section_id: str, paragraph: int | None) -> dict[str, Any]:
    """Provenance of a question: the section, and the quoted paragraph when one is named."""
    if paragraph is None:
        return {"section_id": section_id}
    try:
        text = _declaration().section(section_id).paragraph(paragraph).text
    except (KeyError, IndexError):
        raise ContentError([f"Section “{section_id}” has no paragraph {paragraph}."]) from None
    return {"section_id": section_id, "paragraph": paragraph, "quote": text}


def draft_content(draft: QuestionDraft, old_source: dict[str, Any] | None = None) -> dict:
    """Bank-file fields from a draft, checked by the question type; ContentError lists problems."""
    qtype = _type(draft.type)
    same_place = old_source and old_source.get("section_id") == draft.section_id
    if same_place and old_source.get("paragraph") == draft.paragraph:
        source = dict(old_source)  # keep the sentence index and quote the generator recorded
    else:
        source = source_for(draft.section_id, draft.paragraph)
    data = {
        "stem": draft.stem.strip(),
        "choices": lines(draft.choices) if qtype.takes_choices else [],
        "answer": qtype.answer_from_text(draft.answer or ""),
        "accepted": lines(draft.accepted) if qtype.takes_accepted else [],
        "explanation": (draft.explanation or "").strip(),
        "source": source,
    }
    qtype.validate_content(data)
    return data
