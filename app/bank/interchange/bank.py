"""Questions of the live bank as plain dicts (the bank-file shape), and GIFT import into it
(idempotent: questions are matched by id)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ...models import (
    Question,
    QuestionVersion,
    Section,
    User,
    servable_condition,
)
from ..versions import create_question, new_version
from .gift_import import GiftError, ParsedQuestion, parse_gift
from .moodle_xml_import import parse_moodle_xml

IMPORT_GENERATOR = "gift-import"
# A file's question name that can be a question id as it stands (the bank's ids are like this)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# What a re-import compares to tell an update from the same question again
COMPARED = ("stem", "choices", "answer", "accepted", "explanation", "source")


def bank_questions(session: Session, section_id: str | None = None) -> list[dict[str, Any]]:
    """The servable questions' current versions (what students may be served), by section, in
    one query."""
    query = (
        sa.select(Question.id, Question.type, Section.id, Section.title, QuestionVersion)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(Section, Section.id == Question.section_id)
        .where(servable_condition())
        .order_by(Section.order, Question.id)
    )
    if section_id is not None:
        query = query.where(Section.id == section_id)
    return [
        {
            "id": qid,
            "type": qtype,
            "section_id": sid,
            "section_title": title,
            "stem": version.stem,
            "choices": list(version.choices or []),
            "answer": version.answer,
            "accepted": list(version.accepted or []),
            "explanation": version.explanation or "",
            "source": dict(version.source or {}),
            "generator": version.generator,
        }
        for qid, qtype, sid, title, version in session.execute(query)
    ]


@dataclass
class ImportReport:
    """What an import did: questions added, updated (a new version) and left as they were."""

    added: list[Question] = field(default_factory=list)
    updated: list[Question] = field(default_factory=list)
    unchanged: list[Question] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    def summary(self) -> str:
        """One line for a page or the terminal."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        )


def file_question_id(item: ParsedQuestion) -> str:
    """The platform id a question of a file stands for: its name when that is an id (the
    exports name every question by its id), else one derived from its name, or from its type
    and stem when it has none, so that importing one file twice finds the same questions."""
    name = str(item.meta.get("id") or item.name).strip()
    if _ID.fullmatch(name):
        return name
    basis = name or f"{item.data['type']}\n{item.data['stem']}"
    return "i-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def _source(item: ParsedQuestion, section_id: str) -> dict[str, Any]:
    source = item.meta.get("source")
    if not isinstance(source, dict) or not all(isinstance(k, str) for k in source):
        return {"section_id": section_id}
    return {"section_id": section_id, **source}


def _comparable(data: dict[str, Any]) -> str:
    # JSON with sorted keys: a source read from the file compares equal whatever its key order
    return json.dumps([data.get(key) for key in COMPARED], sort_keys=True)


def import_gift(
    session: Session, text: str, *, author: User | None, default_section: str | None = None
) -> ImportReport:
    """Import every question of a GIFT file, all or none, matching questions by id.

    A question whose id (its ``::name::``, see ``file_question_id``) is already in the bank is
    updated when its content differs (a new version, marked edited) and left alone when it is
    the same, so importing a file twice adds nothing the second time; any other question is
    added with that id as an approved instructor question. A question's section is its
    category's last part, else ``default_section``. GiftError lists every problem (with line
    numbers); then nothing is changed.
    """
    return import_parsed(session, parse_gift(text), author=author, default_section=default_section)


def import_moodle_xml(
    session: Session, data: bytes, *, author: User | None, default_section: str | None = None
) -> ImportReport:
    """Import every question of a Moodle XML file as ``import_gift`` does a GIFT file: matched
    by id (the ``idnumber``, else the name), all or none; GiftError lists the problems."""
    parsed = parse_moodle_xml(data)
    return import_parsed(session, parsed, author=author, default_section=default_section)


IMPORT_FORMATS = ("gift", "moodle")


def import_format(filename: str) -> str:
    """The import format a file's name suggests: Moodle XML for ``.xml``, else GIFT."""
    return "moodle" if filename.lower().endswith(".xml") else "gift"


def import_bank_file(
    session: Session,
    data: bytes,
    name: str,
    *,
    author: User | None,
    default_section: str | None = None,
) -> ImportReport:
    """Import a GIFT (UTF-8 text) or Moodle XML file's bytes; GiftError lists the problems."""
    if name == "moodle":
        return import_moodle_xml(session, data, author=author, default_section=default_section)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GiftError(["the file is not UTF-8 text"]) from None
    return import_gift(session, text, author=author, default_section=default_section)


def import_parsed(
    session: Session,
    parsed: list[ParsedQuestion],
    *,
    author: User | None,
    default_section: str | None = None,
) -> ImportReport:
    """Add, update or leave alone each question read from a file (see ``import_gift``)."""
    sections = set(session.scalars(sa.select(Section.id)))
    ids = [file_question_id(item) for item in parsed]
    existing = {
        q.id: q for q in session.scalars(sa.select(Question).where(Question.id.in_(set(ids))))
    }
    problems, seen = [], set()
    for item, qid in zip(parsed, ids, strict=True):
        section = item.category or default_section
        if section is None:
            problems.append(f"line {item.line}: no category names its section; choose one")
        elif section not in sections:
            problems.append(f"line {item.line}: no section has the id {section!r}")
        if qid in seen:
            problems.append(f"line {item.line}: a second question named {qid!r} in the file")
        seen.add(qid)
        old = existing.get(qid)
        if old is not None and old.type != item.data["type"]:
            problems.append(
                f"line {item.line}: question {qid!r} is {old.type} in the bank, "
                f"{item.data['type']} in the file; a question's type cannot change"
            )
    if problems:
        raise GiftError(problems)
    report = ImportReport()
    for item, qid in zip(parsed, ids, strict=True):
        section = item.category or default_section or ""  # checked above: never empty here
        if qid in existing:
            _update(existing[qid], item, section, author, report)
        else:
            generator = item.meta.get("generator")
            if not (isinstance(generator, str) and generator):
                generator = IMPORT_GENERATOR
            content = dict(item.data, source=_source(item, section))
            added = create_question(
                session,
                section_id=section,
                question_type=item.data["type"],
                content=content,
                author=author,
                approve_now=True,
                question_id=qid,
                generator=generator,
            )
            report.added.append(added)
    session.flush()
    return report


def _update(
    question: Question,
    item: ParsedQuestion,
    section_id: str,
    author: User | None,
    report: ImportReport,
) -> None:
    """A new version when the file's content differs from the current one, else nothing.

    The source stays the bank's unless the file carries one (Moodle's own GIFT export drops
    the comment that holds it); generator and difficulty stay the bank's.
    """
    current = question.current
    old = _version_data(current) if current else {}
    data = {**old, **item.data}
    if "source" in item.meta:
        data["source"] = _source(item, section_id)
    if question.section_id == section_id and _comparable(data) == _comparable(old):
        report.unchanged.append(question)
        return
    question.section_id, question.edited = section_id, True
    question.changed_in_browser = True  # as a browser edit: `flask bank export` writes it back
    new_version(question, data, author_id=author.id if author else None)
    report.updated.append(question)


def _version_data(version: QuestionVersion) -> dict[str, Any]:
    return {
        "stem": version.stem,
        "choices": list(version.choices or []),
        "answer": version.answer,
        "accepted": list(version.accepted or []),
        "explanation": version.explanation or "",
        "source": dict(version.source or {}),
        "generator": version.generator,
        "difficulty": version.difficulty,
    }
