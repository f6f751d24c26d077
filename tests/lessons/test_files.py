"""Lesson files: front matter, the shipped lessons against the parsed text, and `lessons build`."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.corpus import load_declaration, parse_document
from app.lessons.files import (
    SOURCE_PARAGRAPH,
    LessonFileError,
    build_lessons,
    parse_lesson_file,
    read_lessons,
)
from tests.conftest import PROJECT_ROOT

LESSONS = PROJECT_ROOT / "lessons"
OTHER = Path(__file__).parent.parent / "data" / "avalon-lyonesse.txt"


def test_every_section_has_a_lesson_with_its_full_numbered_text():
    document = load_declaration()
    lessons = {lesson.id: lesson for lesson in read_lessons(LESSONS)}
    assert set(lessons) == {section.id for section in document.sections}
    for section in document.sections:
        lesson = lessons[section.id]
        assert (lesson.title, lesson.order) == (section.title, section.order)
        quoted = [(int(n), text) for n, text in SOURCE_PARAGRAPH.findall(lesson.body)]
        assert quoted == [(p.index, p.text) for p in section.paragraphs], section.id


@pytest.mark.parametrize(
    "heading",
    [
        "## Learning objectives",
        "## Summary",
        "## The text",
        "## Key terms",
        "## Discussion questions",
    ],
)
def test_every_shipped_lesson_has_the_instructional_parts(heading):
    for lesson in read_lessons(LESSONS):
        assert heading in lesson.body, f"{lesson.id} lacks {heading}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "missing front matter"),
        ("---\n: [\n---\nbody", "line 2: front matter lines are `key: value`"),
        ("---\nid: x\n---\nbody", "lacks title, order"),
        ("---\nid: Not A Slug\ntitle: T\norder: 1\n---\nbody", "slug"),
    ],
)
def test_malformed_lesson_files_are_refused(text, message):
    with pytest.raises(LessonFileError, match=message):
        parse_lesson_file(text)


def test_build_writes_skeletons_and_never_overwrites(tmp_path):
    document = parse_document(OTHER.read_text())
    written, kept = build_lessons(document, tmp_path)
    assert len(written) == len(document.sections) and kept == []
    first = written[0]
    first.write_text(first.read_text().replace("To be written", "Written by hand"))
    again, kept = build_lessons(document, tmp_path)
    assert again == [] and len(kept) == len(document.sections)
    assert "Written by hand" in first.read_text()
    lessons = read_lessons(tmp_path)
    trade = next(lesson for lesson in lessons if lesson.id == "trade-in-grain")
    assert SOURCE_PARAGRAPH.findall(trade.body)[1] == (
        "2",
        "publish a common price list for grain; and",
    )


def test_build_command(runner, tmp_path):
    result = runner.invoke(
        args=["lessons", "build", "--source", str(OTHER), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "4 written, 0 already present" in result.output
    result = runner.invoke(
        args=["lessons", "build", "--source", str(OTHER), "--out", str(tmp_path)]
    )
    assert "0 written, 4 already present" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01binary", "binary"), ("é".encode("latin-1") * 3, "not UTF-8")],
)
def test_build_command_refuses_bad_sources(runner, tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(args=["lessons", "build", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()
