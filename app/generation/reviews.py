"""Reviews and instructor edits in bank files: kept through regeneration, checked before use.

A v2 bank file holds each question's ``review`` and ``origin``. Regeneration replaces what the
generator wrote and keeps what people did: a regenerated question keeps its review (and, when
an instructor edited it, the edit); questions the generator no longer produces are kept when
an instructor wrote, edited or reviewed them, dropped when they were only generated and pending.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import Document
from .bank import section_drafts
from .draft import Context
from .files import BankFileError, bank_filename, bank_version, dump_bank, read_bank_file, v1_view
from .twins import twins

REVIEW_STATUSES = ("approved", "rejected", "pending")
PEOPLE_ORIGINS = ("edited", "authored")
CONTENT_KEYS = ("type", "stem", "choices", "answer", "accepted", "explanation", "source")


@dataclass(frozen=True)
class BankProblem:
    """One thing wrong in a bank file, by file and question."""

    file: str
    question: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: question {self.question}: {self.message}"


def merge_reviews(
    generated: list[dict[str, Any]], existing: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The generated banks with the reviews and edits of ``existing``; and notes on what was kept.

    Matching is by question id over the whole bank (a question may move between sections).
    """
    old = {q["id"]: q for bank in existing for q in bank["questions"] if "review" in q}
    produced = {q["id"] for bank in generated for q in bank["questions"]}
    leftovers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for bank in existing:
        for question in bank["questions"]:
            if question["id"] not in produced and _kept_when_gone(question):
                leftovers[bank["section_id"]].append(question)
    notes = []
    merged = []
    for bank in generated:
        questions = []
        for question in bank["questions"]:
            before = old.get(question["id"])
            if before is None:
                questions.append(question)
            elif before.get("origin") in PEOPLE_ORIGINS:
                questions.append(copy.deepcopy(before))  # the instructor's version stands
            else:
                questions.append({**question, "review": copy.deepcopy(before["review"])})
        for question in leftovers.pop(bank["section_id"], []):
            if question.get("origin") == "edited":
                notes.append(
                    f"{bank['section_id']}: kept edit of {question['id']}, which the generator "
                    "no longer produces: make it authored or remove it"
                )
            questions.append(copy.deepcopy(question))
        merged.append({**bank, "questions": questions})
    for sid, questions in sorted(leftovers.items()):
        notes.append(f"{sid}: section gone; not kept: {', '.join(q['id'] for q in questions)}")
    return merged, notes


def _kept_when_gone(question: dict[str, Any]) -> bool:
    """Someone's work: written, edited or reviewed by an instructor."""
    if "review" not in question:
        return False  # v1: nothing but the generator's output
    return question.get("origin") in PEOPLE_ORIGINS or question["review"]["status"] != "pending"


def candidate_ids(document: Document, lessons: dict[str, str] | None = None) -> frozenset[str]:
    """Every question id the generators can produce for ``document`` (and its ``lessons``),
    selected or not.

    Kept per process by the texts: every `flask sync` of a bank with edits asks.
    """
    key = (document.title, document.source, tuple(sorted((lessons or {}).items())))
    if key not in _CANDIDATES:
        ctx = Context.build(document, lessons)
        _CANDIDATES[key] = frozenset(
            d.id for section in document.sections for d in section_drafts(ctx, section)
        )
    return _CANDIDATES[key]


_CANDIDATES: dict[tuple, frozenset[str]] = {}


def read_existing(directory: str | Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Section id -> (file name, bank) of the folder's valid files (none when it is missing)."""
    directory = Path(directory)
    if not directory.is_dir():
        return {}
    found = {}
    for path in sorted(directory.glob("*.json")):
        bank = read_bank_file(path)
        found[bank["section_id"]] = (path.name, bank)
    return found


def expected_files(
    generated: list[dict[str, Any]], existing: dict[str, tuple[str, dict[str, Any]]]
) -> dict[str, str]:
    """What the folder should hold: a v1 file stays v1 until it is regenerated as v2."""
    merged, _ = merge_reviews(generated, [bank for _, bank in existing.values()])
    files = {}
    for order, bank in enumerate(merged, 1):
        before = existing.get(bank["section_id"])
        if before is not None and bank_version(before[1]) == 1:
            bank = v1_view(bank)
        files[bank_filename(order, bank["section_id"])] = dump_bank(bank)
    return files


def bank_problems(
    files: list[tuple[str, dict[str, Any]]], known_ids: frozenset[str] | None = None
) -> list[BankProblem]:
    """What makes schema-valid v2 files unusable, by file and question.

    An edit without the generated original, a rejection without its reason, a fact or a stem
    shared by two approved questions (a quiz could serve both), and, when ``known_ids`` (every
    id the generator can produce) is given, an edit of a question the generator does not
    produce.
    """
    problems = []
    for name, bank in files:
        for question in bank["questions"]:
            review = question.get("review")
            if review is None:
                continue  # v1: served as before, nothing to check
            qid = question["id"]
            origin = question.get("origin", "generated")
            if origin == "edited" and not question.get("generated"):
                problems.append(BankProblem(name, qid, "origin 'edited' without 'generated'"))
            if origin == "edited" and known_ids is not None and qid not in known_ids:
                problems.append(
                    BankProblem(name, qid, "an edit of a question the generator does not produce")
                )
            if review["status"] == "rejected" and not review.get("reason", "").strip():
                problems.append(BankProblem(name, qid, "rejected without a reason"))
    problems += [BankProblem(*twin) for twin in twins(files)]
    return problems


def refuse_unusable(
    files: list[tuple[str, dict[str, Any]]],
    document: Callable[[], Document] | None = None,
    lessons: dict[str, str] | None = None,
) -> None:
    """Raise BankFileError naming every problem of ``files`` (before anything is loaded).

    ``document`` loads what the bank was generated from, with ``lessons`` (Markdown by section):
    an edit must be of a question their generators produce. It is loaded and generated only
    when some question is an edit.
    """
    edits = any(q.get("origin") == "edited" for _, bank in files for q in bank["questions"])
    known = candidate_ids(document(), lessons) if edits and document is not None else None
    problems = bank_problems(files, known)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise BankFileError(f"the bank files cannot be used; nothing was changed:\n{lines}")
