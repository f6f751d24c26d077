"""The questions' write layer: a question and its versions are created here, by authoring,
review, import, proposals from a lesson and the bank files' sync alike.

Plain functions over a session: they flush, never commit (the caller owns the commit).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from sqlalchemy.orm import Session

from ..generation.draft import normalise_fact
from ..models import Question, QuestionOrigin, QuestionStatus, QuestionVersion, User

INSTRUCTOR_GENERATOR = "instructor"
LESSON_GENERATOR = "lesson-discussion"  # essays made from a lesson's discussion questions
CONTENT_FIELDS = ("stem", "choices", "answer", "accepted", "explanation", "source", "generator")


def version_provenance(question: Question, version: QuestionVersion) -> str:
    """Where a version came from, as the question's history names it."""
    if version.author_id:
        return "instructor edit"
    if version.generator == INSTRUCTOR_GENERATOR:
        return "written by an instructor, from the bank files"
    if version.generator == LESSON_GENERATOR:
        return "from the lesson's discussion questions"
    # An edit made in the bank files reaches the database without an author; an edit made in
    # the browser has one, and then the versions before it are the generator's.
    in_files = question.edited and not any(v.author_id for v in question.versions)
    return "from the bank files" if in_files else "generated"


def question_digest(question: dict[str, Any]) -> str:
    """SHA-256 of a bank question's content fields, canonically serialised.

    ``source.kind`` "document" is the default a v1 file leaves out: a bank moving to v2 does not
    make a new version of every question for it.
    """
    content = {key: question.get(key) for key in CONTENT_FIELDS + ("difficulty",)}
    source = content.get("source")
    if isinstance(source, dict) and source.get("kind") == "document":
        content["source"] = {k: v for k, v in source.items() if k != "kind"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def question_fact(data: dict[str, Any]) -> str:
    """The file's fact, or for a v1 question (none) its stem: twins of one stem are one fact."""
    return normalise_fact(data.get("fact") or data["stem"])[:500]


def new_version(
    question: Question, data: dict[str, Any], author_id: int | None = None
) -> QuestionVersion:
    """Append a version built from ``data`` (bank-file fields) and make it current."""
    version = QuestionVersion(
        number=len(question.versions) + 1,
        stem=data["stem"],
        choices=list(data.get("choices", [])),
        answer=data["answer"],
        accepted=list(data.get("accepted", [])),
        explanation=data.get("explanation", ""),
        source=dict(data.get("source", {})),
        generator=data.get("generator", ""),
        difficulty=data.get("difficulty"),
        author_id=author_id,
    )
    question.versions.append(version)
    question.current = version
    return version


def create_question(
    session: Session,
    *,
    section_id: str,
    question_type: str,
    content: dict[str, Any],
    author: User | None,
    approve_now: bool = False,
    question_id: str | None = None,
    generator: str = INSTRUCTOR_GENERATOR,
) -> Question:
    """A new question written by an instructor (in the browser, or in a file they imported) with
    its first version, ``content`` in bank-file fields (``generator`` says who wrote it).

    The id is "i-" + random hex unless the file named one. It waits as pending review, so that
    another reader sees it before students do, unless ``approve_now``. It is marked changed in
    the browser: `flask bank export` writes it to the bank files.
    """
    question = Question(
        id=question_id or f"i-{secrets.token_hex(6)}",
        section_id=section_id,
        type=question_type,
        origin=QuestionOrigin.INSTRUCTOR,
        status=QuestionStatus.APPROVED if approve_now else QuestionStatus.NEW,
        fact=question_fact(content),
        approval_required=True,  # served only once approved; a later rejection takes it out
        changed_in_browser=True,
    )
    session.add(question)
    new_version(
        question, dict(content, generator=generator), author_id=author.id if author else None
    )
    session.flush()
    return question
