"""Turn the question form's text fields into bank-file content, and check it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..corpus import Document, load_declaration
from ..questions import ContentError, validate_content


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


def lines(text: str | None) -> list[str]:
    """Non-empty stripped lines of a text area."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_answer(question_type: str, text: str) -> Any:
    """The answer field in the shared JSON shape of ``question_type``; ContentError if malformed."""
    text = (text or "").strip()
    if question_type in ("multiple_choice", "short_answer"):
        return text
    if question_type in ("multiple_response", "ordering"):
        return lines(text)
    if question_type == "true_false":
        if text.lower() not in ("true", "false"):
            raise ContentError(["The answer of a true/false question is “true” or “false”."])
        return text.lower() == "true"
    if question_type == "matching":
        pairs = []
        for line in lines(text):
            left, sep, right = line.partition("=")
            if not sep or not left.strip() or not right.strip():
                raise ContentError([f"Write each pair as “left = right”: “{line}” is not."])
            pairs.append([left.strip(), right.strip()])
        return pairs
    raise ContentError([f"Unknown question type “{question_type}”."])


def answer_as_text(question_type: str, answer: Any) -> str:
    """A stored answer written back the way the form takes it."""
    if question_type == "true_false":
        return "true" if answer else "false"
    if question_type == "matching":
        return "\n".join(f"{left} = {right}" for left, right in answer)
    if isinstance(answer, list):
        return "\n".join(str(item) for item in answer)
    return str(answer)


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
    takes_choices = draft.type in ("multiple_choice", "multiple_response", "matching")
    same_place = old_source and old_source.get("section_id") == draft.section_id
    if same_place and old_source.get("paragraph") == draft.paragraph:
        source = dict(old_source)  # keep the sentence index and quote the generator recorded
    else:
        source = source_for(draft.section_id, draft.paragraph)
    data = {
        "stem": draft.stem.strip(),
        "choices": lines(draft.choices) if takes_choices else [],
        "answer": parse_answer(draft.type, draft.answer),
        "accepted": lines(draft.accepted) if draft.type == "short_answer" else [],
        "explanation": (draft.explanation or "").strip(),
        "source": source,
    }
    try:
        validate_content(draft.type, data)
    except KeyError:
        raise ContentError([f"Unknown question type “{draft.type}”."]) from None
    return data
