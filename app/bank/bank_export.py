"""Write the live bank's reviews and instructors' edits back to the bank files (v2).

Plain functions over a session: they flush, never commit. The files are replaced all at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..generation.files import bank_filename, dump_bank, validate_bank, write_bank
from ..generation.reviews import read_existing
from ..models import Question, QuestionStatus, QuestionVersion, Section
from ..questions import self_graded_types
from .versions import question_digest, question_fact

# The fields a generator writes that an instructor's edit replaces (the rest stays: id, fact…).
EDITABLE = ("type", "stem", "choices", "answer", "accepted", "explanation", "source", "generator")
NO_QUOTE = "(written by an instructor)"
KEY_ORDER = (
    "id",
    "type",
    "stem",
    "choices",
    "answer",
    "accepted",
    "explanation",
    "generator",
    "difficulty",
    "source",
    "fact",
    "objective",
    "origin",
    "generated",
    "review",
)


def export_bank(
    session: Session, source: str | Path, target: str | Path, *, mark_synced: bool
) -> list[str]:
    """Write the bank files of ``source`` with the database's reviews and edits to ``target``.

    Generated questions keep the file's content unless an instructor edited them (then the
    file's original goes under ``generated``); instructors' own questions are added. With
    ``mark_synced`` (the folder `flask sync` reads), the questions count as being in the files
    again: a sync takes the files as they are. Returns the names of the files written.
    """
    existing = read_existing(source)
    sections = list(session.scalars(sa.select(Section).order_by(Section.order)))
    questions = session.scalars(
        sa.select(Question)
        .where(
            Question.retired.is_(False),
            Question.current_version_id.is_not(None),
            # the bank files' schema has no essay: essays live in the database only
            Question.type.in_(self_graded_types()),
        )
        .options(selectinload(Question.current))
        .order_by(Question.id)
    ).all()
    by_id = {q.id: q for q in questions}
    placed: set[str] = set()
    files: dict[str, str] = {}
    for order, section in enumerate(sections, 1):
        name, bank = existing.pop(section.id, (None, None))
        entries = []
        for entry in bank["questions"] if bank else []:
            question = by_id.get(entry["id"])
            entries.append(_as_v2(entry) if question is None else _entry(question, entry))
            placed.add(entry["id"])
        for question in questions:
            if question.section_id == section.id and question.id not in placed:
                # instructors' own, and questions proposed from a lesson edited in the browser;
                # the other generated ones come from `flask bank generate`
                if question.file_origin == "authored" or question.changed_in_browser:
                    entries.append(_entry(question, None))
                    placed.add(question.id)
        if bank is None and not entries:
            continue
        out = {"section_id": section.id, "section_title": section.title, "questions": entries}
        validate_bank(out, name or section.id)
        files[name or bank_filename(order, section.id)] = dump_bank(out)
    for name, bank in existing.values():  # a file for a section the database lacks: as it was
        files[name] = dump_bank(bank)
    write_bank(files, target)
    if mark_synced:
        _mark_synced(files, by_id)
    session.flush()
    return sorted(files)


def _entry(question: Question, entry: dict[str, Any] | None) -> dict[str, Any]:
    """One question of the file in v2 form, with the database's review and content."""
    live = _fields(question, question.current)
    origin = question.file_origin
    if entry is None and origin != "authored":  # proposed from a lesson: its first version
        entry = _fields(question, question.versions[0])
    if entry is None or origin == "authored":
        data = {**(entry or {}), **live, "origin": "authored"}
        data.pop("generated", None)
    elif origin == "edited":
        base = _as_v2(entry)
        original = base.get("generated") or {k: base[k] for k in EDITABLE if k in base}
        if "difficulty" in base and "generated" not in base:
            original["difficulty"] = base["difficulty"]
        data = {k: v for k, v in base.items() if k not in EDITABLE}
        data.update(live)
        data["origin"], data["generated"] = "edited", original
    else:
        data = {**_as_v2(entry), "origin": "generated"}
        data.pop("generated", None)
    data["fact"] = question.fact or question_fact(data)
    review: dict[str, Any] = {"status": question.file_status}
    if question.status == QuestionStatus.REJECTED:
        review["reason"] = question.reject_reason or "rejected in the browser"
    data["review"] = review
    return _ordered(data)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The keys in the generator's order (then any others), so diffs of the files stay small."""
    known = {k: data[k] for k in KEY_ORDER if k in data}
    return {**known, **{k: v for k, v in data.items() if k not in known}}


def _fields(question: Question, version: QuestionVersion) -> dict[str, Any]:
    """A version's content in the bank-file shape."""
    data = {
        "id": question.id,
        "type": question.type,
        "stem": version.stem,
        "choices": list(version.choices),
        "answer": version.answer,
        "accepted": list(version.accepted),
        "explanation": version.explanation,
        "generator": version.generator,
        "source": _source(version.source, question.section_id),
    }
    data = {k: v for k, v in data.items() if v or k in ("answer", "explanation")}
    if version.difficulty is not None:
        data["difficulty"] = version.difficulty
    return data


def _as_v2(entry: dict[str, Any]) -> dict[str, Any]:
    """A file question in v2 form: a v1 one gets its fact (the stem), pending review, origin."""
    data = dict(entry)
    data.setdefault("fact", question_fact(data))
    data.setdefault("origin", "generated")
    data.setdefault("review", {"status": "pending"})
    source = dict(data.get("source") or {})
    source.setdefault("kind", "document")
    data["source"] = source
    return _ordered(data)


def _source(source: dict[str, Any], section_id: str) -> dict[str, Any]:
    """A version's provenance with what the schema needs (a question written without a quote)."""
    data = {"section_id": section_id, **source}
    if not data.get("quote"):
        data["quote"] = NO_QUOTE
    data.setdefault("kind", "document")
    return data


def _mark_synced(files: dict[str, str], by_id: dict[str, Question]) -> None:
    """The exported questions are in the files now: v2 rules, nothing left to keep from a sync."""
    for text in files.values():
        for entry in json.loads(text)["questions"]:
            question = by_id.get(entry["id"])
            if question is not None and "review" in entry:
                question.changed_in_browser = False
                question.approval_required = True
                question.generated_digest = question_digest(entry)
