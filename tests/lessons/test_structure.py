"""The lesson structure parser: objectives, key terms, timeline, comparison tables, problems."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from app.lessons.lesson_parts import Objective, TimelineDate, parse_timeline_date
from app.lessons.structure import KeyTerm, Problem, parse_lesson

LESSON = textwrap.dedent(
    """\
    ---
    id: demo
    title: Demo
    order: 1
    ---

    ## Learning objectives

    By the end of this lesson you will be able to:

    - Name the two joint statements of paragraph 1.
    - Explain what paragraphs 3 to 5 agree,
      and what they only study.

    ## Key terms

    - **START** — The 1991 *Treaty* on strategic offensive arms.
    - **SORT:** The 2002 treaty.
    - **ABM Treaty**: The 1972 treaty.

    ## Timeline

    - 1991-07-31 — START I signed in Moscow *(beyond the text)*
    - 2001-11 — Washington summit (¶1)
    - 2002 — **Moscow** summit (¶7–8)

    ## Compare the treaties

    | Treaty | Signed | Limit |
    |---|:---:|---|
    | START I | 1991 | 6,000 |
    | SORT | 2002 | 1,700–2,200 |

    ## The text

    > ¶1 The United States and Russia proceed.

    ```
    ## Key terms
    - not a term
    ```
    """
)


def test_a_well_formed_lesson_parses_with_lines_of_the_file():
    structure = parse_lesson(LESSON)
    assert structure.problems == []
    assert structure.objectives == [
        Objective("Name the two joint statements of paragraph 1.", 11, (1,)),
        Objective("Explain what paragraphs 3 to 5 agree, and what they only study.", 12, (3, 4, 5)),
    ]
    assert structure.key_terms == [
        KeyTerm("START", "The 1991 Treaty on strategic offensive arms.", 17),
        KeyTerm("SORT", "The 2002 treaty.", 18),
        KeyTerm("ABM Treaty", "The 1972 treaty.", 19),
    ]
    first, second, third = structure.timeline
    assert (first.date.iso, first.label, first.line, first.beyond_text) == (
        "1991-07-31",
        "START I signed in Moscow",
        23,
        True,
    )
    assert (second.date.iso, second.beyond_text, second.paragraphs) == ("2001-11", False, (1,))
    assert (third.label, third.paragraphs) == ("Moscow summit", (7, 8))
    (table,) = structure.comparisons
    assert table.title == "Compare the treaties"
    assert table.header == ("Treaty", "Signed", "Limit")
    assert table.rows == (("START I", "1991", "6,000"), ("SORT", "2002", "1,700–2,200"))
    assert table.line == 29
    assert [(q.number, q.line) for q in structure.source_quotes] == [(1, 36)]
    assert [s.heading for s in structure.sections] == [
        "Learning objectives",
        "Key terms",
        "Timeline",
        "Compare the treaties",
        "The text",
    ]
    assert structure.section_at(18).heading == "Key terms"


def test_lines_count_from_the_body_when_there_is_no_front_matter():
    structure = parse_lesson("## Key terms\n\n- **A** — b\n")
    assert structure.key_terms == [KeyTerm("A", "b", 3)]


@pytest.mark.parametrize(
    ("section", "row", "message"),
    [
        ("Key terms", "- **Treaty**", "key term “Treaty” has no definition"),
        ("Key terms", "- **Treaty** — ", "key term “Treaty” has no definition"),
        ("Key terms", "- Treaty — a text", "a key term is written `- **Term** — definition`"),
        ("Key terms", "- **Treaty** a text", "put a dash (—) between term and definition"),
        ("Timeline", "- START I signed (¶8)", "a timeline row starts with its date"),
        ("Timeline", "- July 31, 1991 — START I (¶8)", "a timeline row starts with its date"),
        ("Timeline", "- 1991-07-31 START I (¶8)", "a timeline row starts with its date"),
        ("Timeline", "- 1991-13-01 — START I (¶8)", "there is no month 13"),
        ("Timeline", "- 2002-02-30 — X (¶8)", "February 2002 has 28 days"),
        ("Timeline", "- 1991-7-31 — START I (¶8)", "write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("Timeline", "- 1991-07-31 — (¶8)", "timeline row 1991-07-31: say what happened"),
        ("Timeline", "- 1991-07-31 — START I", "cite the paragraph"),
        ("Timeline", "-", "an empty list item"),
    ],
)
def test_a_malformed_part_is_a_problem_naming_its_line_and_is_left_out(section, row, message):
    text = f"## {section}\n\n- **Good** — kept\n{row}\n"
    if section == "Timeline":
        text = f"## {section}\n\n- 2002-05-24 — kept (¶1)\n{row}\n"
    structure = parse_lesson(text)
    (problem,) = structure.problems
    assert problem.line == 4
    assert message in problem.message
    assert str(problem).startswith("line 4: ")
    assert len(structure.key_terms) + len(structure.timeline) == 1


def test_a_term_defined_twice_is_a_problem():
    structure = parse_lesson("## Key terms\n\n- **NPT** — a\n- **npt** — b\n")
    assert structure.problems == [Problem(4, "key term “npt” is defined twice (line 3)")]
    assert [t.definition for t in structure.key_terms] == ["a"]


def test_tables_under_compare_headings_are_checked():
    structure = parse_lesson(
        "## Comparison: two bodies\n\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |\n\n"
        "## Compare\n\nprose\n"
    )
    assert structure.problems == [
        Problem(6, "this row has 1 cells, the header 2"),
        Problem(8, "“Compare” has no table (rows like `| a | b |`)"),
    ]
    assert structure.comparisons[0].rows == (("1", "2"),)


def test_free_markdown_outside_the_structured_sections_is_not_read():
    structure = parse_lesson("## Historical context\n\n- **NPT** recognizes five states.\n")
    assert (structure.key_terms, structure.problems) == ([], [])


@pytest.mark.parametrize(
    ("text", "iso", "words", "precision"),
    [
        ("1991", "1991", "1991", "year"),
        ("2001-11", "2001-11", "November 2001", "month"),
        ("2024-02-29", "2024-02-29", "February 29, 2024", "day"),
    ],
)
def test_dates_of_every_precision(text, iso, words, precision):
    date = parse_timeline_date(text)
    assert (date.iso, date.display(), date.precision) == (iso, words, precision)


def test_a_date_precedes_another_only_when_certainly_earlier():
    year, july, day = TimelineDate(1991), TimelineDate(1991, 7), TimelineDate(1991, 7, 31)
    assert not year.precedes(july) and not july.precedes(day) and not day.precedes(july)
    assert TimelineDate(1991, 6).precedes(day)
    assert day.precedes(TimelineDate(1992))
    assert sorted([TimelineDate(2002, 5, 24), year], key=TimelineDate.first_day)[0] == year


def test_the_parser_does_not_import_flask():
    """The parser (structure.py and the parts it reads, lesson_parts.py and discussion.py)
    needs the standard library alone: each imports nothing else but the others."""
    folder = Path(__file__).parents[2] / "app" / "lessons"
    imported = set()
    for source in (folder / "structure.py", folder / "lesson_parts.py", folder / "discussion.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                imported.add(("." * node.level) + module.split(".")[0])
    allowed = {"__future__", "calendar", "re", "dataclasses"}
    allowed |= {".lesson_parts", ".discussion", ".structure"}
    assert imported <= allowed


SHIPPED = Path(__file__).parents[2] / "lessons"


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.md")), ids=lambda p: p.name)
def test_every_shipped_lesson_is_well_formed_with_objectives_terms_and_a_timeline(path):
    structure = parse_lesson(path.read_text(encoding="utf-8"))
    assert structure.problems == []
    assert len(structure.objectives) >= 4 and len(structure.key_terms) >= 5
    assert len(structure.timeline) >= 5
    # every row from the text cites a paragraph the lesson quotes
    quoted = {quote.number for quote in structure.source_quotes}
    for entry in structure.timeline:
        assert entry.beyond_text or set(entry.paragraphs) <= quoted, entry


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("03-political.md", {"Permanent Joint Council", "NATO-Russia Council"}),
        ("06-non-proliferation.md", {"Agreement"}),
        (
            "07-strategic-security.md",
            {"START (START I)", "START II", "Moscow Treaty (SORT)", "New START"},
        ),
        (
            "08-closing.md",
            {"The Joint Declaration", "The Treaty on Strategic Offensive Reductions"},
        ),
    ],
)
def test_the_lessons_that_compare_have_a_comparison_table(name, columns):
    (table,) = parse_lesson((SHIPPED / name).read_text(encoding="utf-8")).comparisons
    assert columns <= set(table.header) and len(table.rows) >= 3


def test_a_lesson_skeleton_has_the_structured_sections_and_no_problems():
    from app.corpus import load_declaration
    from app.lessons.files import lesson_skeleton

    skeleton = lesson_skeleton(load_declaration().sections[0])
    structure = parse_lesson(skeleton.body)
    assert structure.problems == []
    assert {"Learning objectives", "Key terms", "Timeline"} <= {
        section.heading for section in structure.sections
    }
    assert len(structure.objectives) == 1
