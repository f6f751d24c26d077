"""Lesson files: Markdown with a small front matter (id, title, order)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Document, Section
from ..filemodes import write_atomically

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.DOTALL)
SOURCE_PARAGRAPH = re.compile(r"^> ¶(\d+) (.*)$", re.MULTILINE)


class LessonFileError(ValueError):
    """A lesson file is malformed."""


@dataclass(frozen=True)
class LessonFile:
    id: str
    title: str
    order: int
    body: str
    path: Path | None = None

    @property
    def digest(self) -> str:
        """SHA-256 of what the file says (front matter and body)."""
        return hashlib.sha256(render_lesson_file(self).encode()).hexdigest()


def parse_lesson_file(text: str, path: Path | None = None) -> LessonFile:
    """Parse a lesson file's text; LessonFileError says what is wrong."""
    where = str(path) if path else "lesson"
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise LessonFileError(f"{where}: missing front matter (--- id/title/order ---)")
    meta = _parse_front_matter(match.group(1), where)
    missing = [key for key in ("id", "title", "order") if key not in meta]
    if missing:
        raise LessonFileError(f"{where}: front matter lacks {', '.join(missing)}")
    if not str(meta["order"]).isdigit() or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(meta["id"])):
        raise LessonFileError(f"{where}: id must be a slug and order an integer")
    body = match.group(2).strip() + "\n"
    return LessonFile(meta["id"], meta["title"], int(meta["order"]), body, path)


def _parse_front_matter(block: str, where: str) -> dict[str, str]:
    """``key: value`` lines (values may be quoted): the format is fixed and tiny."""
    meta = {}
    for number, line in enumerate(block.splitlines(), 2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[a-z_]+", key.strip()):
            raise LessonFileError(f"{where}, line {number}: front matter lines are `key: value`")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key.strip()] = value
    return meta


def read_lessons(directory: str | Path) -> list[LessonFile]:
    """Every lesson file in ``directory``, sorted by order."""
    lessons = []
    for path in sorted(Path(directory).glob("*.md")):
        lessons.append(parse_lesson_file(path.read_text(encoding="utf-8"), path))
    ids = [lesson.id for lesson in lessons]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise LessonFileError(f"two lesson files share the id {', '.join(duplicates)}")
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.id))


def render_lesson_file(lesson: LessonFile) -> str:
    """The text of a lesson file."""
    meta = f"id: {lesson.id}\ntitle: {lesson.title}\norder: {lesson.order}\n"
    return f"---\n{meta}---\n\n{lesson.body.strip()}\n"


def write_lesson_file(path: Path, lesson: LessonFile) -> None:
    """Write ``lesson`` to ``path`` through a temporary file: no half-written file is left, and
    a tracked 0644 lesson stays 0644 (see filemodes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, [render_lesson_file(lesson)])


def lesson_skeleton(section: Section) -> LessonFile:
    """A lesson skeleton for ``section``: its full text, numbered, and headings to fill in."""
    quoted = "\n\n".join(f"> ¶{p.index} {p.text}" for p in section.paragraphs)
    body = (
        "## Learning objectives\n\n"
        "By the end of this lesson you will be able to:\n\n"
        f"- say in your own words what the section “{section.title}” sets out.\n\n"
        "## Summary\n\n"
        "*To be written by an instructor.*\n\n"
        "## The text\n\n"
        f"{quoted}\n\n"
        "## Key terms\n\n"
        "*To be written by an instructor: `- **Term** — definition`.*\n\n"
        "## Timeline\n\n"
        "*To be written by an instructor: `- YYYY-MM-DD — what happened (¶N)`, or marked "
        "`(beyond the text)` (docs/lesson-structure.md).*\n\n"
        "## Discussion questions\n\n"
        "1. What does this section commit its signatories to, and how could that be checked?\n"
        "    *Rubric:*\n"
        "    - Names the commitments the section states, each in the answer's own words.\n"
        "    - Says for each how keeping it could be checked, and by whom.\n"
    )
    return LessonFile(section.id, section.title, section.order, body)


def lesson_file_name(lesson: LessonFile) -> str:
    """The file name for a lesson: order and id."""
    return f"{lesson.order:02d}-{lesson.id[:60].rstrip('-')}.md"


def build_lessons(document: Document, directory: str | Path) -> tuple[list[Path], list[str]]:
    """Write a skeleton for each section without a lesson file; return (written, kept ids)."""
    directory = Path(directory)
    existing = {lesson.id for lesson in read_lessons(directory)} if directory.exists() else set()
    written, kept = [], []
    for section in document.sections:
        if section.id in existing:
            kept.append(section.id)
            continue
        lesson = lesson_skeleton(section)
        path = directory / lesson_file_name(lesson)
        if path.exists():
            kept.append(section.id)
            continue
        write_lesson_file(path, lesson)
        written.append(path)
    return written, kept
