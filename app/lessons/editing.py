"""Lesson authoring: save with a revision, restore an older one, diff, and export to files."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from blinker import signal
from sqlalchemy.orm import Session

from ..models import Lesson, LessonRevision, User, utcnow
from .files import (
    LessonFile,
    LessonFileError,
    lesson_file_name,
    parse_lesson_file,
    write_lesson_file,
)
from .render import render_lesson

# Sent with the session once an edit (or a restore) is stored: what is built from a lesson's text
# (the essays of its discussion questions, bank.lesson_essays) follows without this module
# knowing it.
lesson_saved = signal("lessons.lesson-saved")


class StaleEdit(ValueError):
    """The lesson changed since the editor opened it."""


def latest_revision_number(lesson: Lesson) -> int:
    """The number of the lesson's newest revision (0 when it has none)."""
    return max((r.number for r in lesson.revisions), default=0)


def save_lesson(
    session: Session,
    lesson: Lesson,
    *,
    title: str,
    body: str,
    author: User,
    note: str = "",
    base_revision: int | None = None,
) -> LessonRevision | None:
    """Store an edit as a new revision; None when nothing changed.

    ``base_revision`` is the revision the editor started from: when someone else saved
    since, StaleEdit is raised rather than overwriting their work.
    """
    latest = latest_revision_number(lesson)
    if base_revision is not None and base_revision != latest:
        raise StaleEdit(
            f"Someone saved revision {latest} while you were editing revision {base_revision}."
        )
    body = body.replace("\r\n", "\n").strip() + "\n"
    title = title.strip()
    if (title, body) == (lesson.title, lesson.body):
        return None
    _claim_lesson(session, lesson, latest)
    lesson.title, lesson.body, lesson.html = title, body, render_lesson(body)
    lesson.edited_in_browser, lesson.updated_by_id = True, author.id
    revision = LessonRevision(
        number=latest + 1, title=title, body=body, note=note.strip()[:300], author_id=author.id
    )
    lesson.revisions.append(revision)
    session.flush()
    lesson_saved.send(session, lesson=lesson)
    return revision


def _claim_lesson(session: Session, lesson: Lesson, latest: int) -> None:
    """Take the lesson for this save only if no one changed it since it was read.

    One conditional UPDATE on the row's ``updated_at``: of two saves at once, the second waits
    for the first (a row lock on PostgreSQL, the write lock on SQLite), then matches no row and
    is a StaleEdit, instead of adding a revision of the same number (an IntegrityError, a 500).
    """
    session.flush()  # nothing of this lesson pending before the conditional update
    claimed = session.execute(
        sa.update(Lesson)
        .where(Lesson.section_id == lesson.section_id, Lesson.updated_at == lesson.updated_at)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.expire(lesson)  # the page shows what the other save stored
        raise StaleEdit(
            f"Someone saved the lesson while you were saving your edit of revision {latest}."
        )
    session.expire(lesson, ["updated_at"])


def restore_revision(
    session: Session, lesson: Lesson, revision: LessonRevision, author: User
) -> LessonRevision | None:
    """Make an older revision current again, as a new revision (history is never rewritten)."""
    return save_lesson(
        session,
        lesson,
        title=revision.title,
        body=revision.body,
        author=author,
        note=f"restored revision {revision.number}",
    )


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: kind is "same", "added" or "removed"."""

    kind: str
    old_number: int | None
    new_number: int | None
    text: str


def revision_diff(old: str, new: str, context: int = 2) -> list[DiffLine | None]:
    """Line diff of two texts; None marks elided unchanged lines between hunks."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine | None] = []
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index:
            lines.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    DiffLine("same", i1 + k + 1, j1 + k + 1, old_lines[i1 + k])
                    for k in range(i2 - i1)
                ]
                continue
            lines += [DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2)]
            lines += [DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2)]
    return lines


def _existing_files(directory: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(directory.glob("*.md")):
        try:
            found[parse_lesson_file(path.read_text(encoding="utf-8"), path).id] = path
        except (LessonFileError, OSError, UnicodeDecodeError):
            continue  # not a lesson file of ours: left alone
    return found


def export_lessons(session: Session, directory: Path, *, mark_synced: bool) -> list[Path]:
    """Write every live lesson as a lesson file; a file with the same id is replaced in place.

    With ``mark_synced`` (the folder that `flask sync` reads) the lessons record the
    files' digests, so that the next sync sees them as unchanged rather than as edits.
    """
    directory.mkdir(parents=True, exist_ok=True)
    existing = _existing_files(directory)
    lessons = session.scalars(sa.select(Lesson).join(Lesson.section)).all()
    written = []
    for lesson in sorted(lessons, key=lambda item: (item.section.order, item.section_id)):
        file = LessonFile(lesson.section_id, lesson.title, lesson.section.order, lesson.body)
        path = existing.get(file.id, directory / lesson_file_name(file))
        write_lesson_file(path, file)
        written.append(path)
        if mark_synced:
            lesson.file_digest, lesson.edited_in_browser = file.digest, False
    session.flush()
    return written


def edit_differences(saved: str, mine: str, saved_label: str) -> list[tuple[str, str]]:
    """Lines of a unified diff from the saved lesson to the editor's text, each with its kind
    ("head", "hunk", "del", "add", "same"), so that a stale edit shows what the other saved."""
    lines = difflib.unified_diff(
        saved.replace("\r\n", "\n").splitlines(),
        mine.replace("\r\n", "\n").splitlines(),
        saved_label,
        "your text",
        n=2,
        lineterm="",
    )
    kinds = {"---": "head", "+++": "head", "@@": "hunk", "-": "del", "+": "add"}
    result = []
    for line in lines:
        prefix = next((p for p in ("---", "+++", "@@", "-", "+") if line.startswith(p)), "")
        result.append((kinds.get(prefix, "same"), line))
    return result
