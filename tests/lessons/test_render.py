"""Markdown rendering: anchors for source paragraphs, and nothing that can run script."""

from __future__ import annotations

import lxml.html
import pytest

from app.lessons.render import highlight_paragraph, render_lesson, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<p id="p-1" onclick="alert(1)">x</p>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<form action="/auth/logout" method="post"><button>x</button></form>',
    '<p id="evil" class="x">q</p>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_unsafe_markup_is_stripped(payload):
    html = render_markdown(f"Text before.\n\n{payload}\n\nText after.").lower()
    for danger in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
        "data:text",
        "<form",
        'id="evil"',
    ):
        assert danger not in html
    assert "text after." in html


def test_source_paragraphs_get_anchors_and_badges():
    html = render_markdown("## The text\n\n> ¶1 First.\n\n> ¶2 Second.\n")
    assert '<p class="source-paragraph" id="p-2">' in html
    assert '<span class="para-num">¶2</span> Second.' in html


def test_highlight_marks_only_the_asked_paragraph():
    html = render_markdown("> ¶1 First.\n\n> ¶12 Twelfth.\n")
    marked = highlight_paragraph(html, 1)
    assert marked.count("highlight") == 1
    assert '<p class="source-paragraph highlight" id="p-1" aria-current="true">' in marked
    assert highlight_paragraph(html, 99) == html


def test_ordinary_markdown_renders():
    html = render_markdown("## Key terms\n\n- **G-8** — the group of eight\n\n[Lessons](/lessons/)")
    assert "<h2>Key terms</h2>" in html and "<strong>G-8</strong>" in html
    assert 'href="/lessons/"' in html and 'rel="noopener noreferrer"' in html


TIMELINE_LESSON = """## Timeline

- 2002-05-24 — Declaration signed in Moscow (¶1)
- 1991-07-31 — START I signed <script>alert(1)</script> *(beyond the text)*
- START II signed, no date
- 2002-06-14 — Russia no longer bound by START II (beyond the text)

## Compare: the treaties

| Treaty | Signed |
|---|---|
| START I | 1991 |

## Other

| a | b |
|---|---|
| 1 | 2 |
"""


def test_the_timeline_is_a_figure_in_date_order_with_its_sources():
    html = render_lesson(TIMELINE_LESSON)
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    (figure,) = tree.findall(".//figure")
    assert "3 events, 1991 to 2002, in date order" in figure.findtext("figcaption")
    events = figure.findall(".//li")
    assert [e.find("time").get("datetime") for e in events] == [
        "1991-07-31",
        "2002-05-24",
        "2002-06-14",
    ]
    assert [e.find("time").text for e in events][0] == "July 31, 1991"
    assert events[0].get("class") == "timeline-event beyond-text"
    assert events[1].get("class") == "timeline-event from-text after-gap"
    assert events[1].find(".//a").get("href") == "#p-1"
    assert "beyond the text" in events[2].text_content()
    # the label is text: markup in it is shown, never run
    assert "<script>" not in html and "&lt;script&gt;" in html
    # the malformed row is not in the figure but still on the page, as written
    assert "START II signed, no date" not in figure.text_content()
    assert "START II signed, no date" in tree.text_content()
    assert html.index("<figure") < html.index("START II signed, no date")


def test_comparison_tables_have_a_caption_and_header_scopes_other_tables_are_left_alone():
    tree = lxml.html.fromstring(f"<div>{render_lesson(TIMELINE_LESSON)}</div>")
    compare, other = tree.findall(".//table")
    assert compare.findtext("caption") == "Compare: the treaties"
    assert [th.get("scope") for th in compare.findall("./thead/tr/th")] == ["col", "col"]
    row_header = compare.find("./tbody/tr/th")
    assert (row_header.text, row_header.get("scope")) == ("START I", "row")
    assert other.find("caption") is None and other.find("./tbody/tr/th") is None
    # a wide comparison scrolls in a box of its own that a keyboard can reach
    box = compare.getparent()
    assert (box.tag, box.get("class"), box.get("role"), box.get("tabindex")) == (
        "div",
        "table-scroll",
        "region",
        "0",
    )
    assert box.get("aria-label") == "Compare: the treaties"
    assert other.getparent().get("class") is None


def test_an_author_cannot_give_a_div_other_roles_or_tab_stops():
    html = render_markdown(
        '<div role="button" tabindex="-1" class="table-scroll evil" onclick="x">hi</div>'
    )
    assert html == '<div class="table-scroll">hi</div>'


def test_a_lesson_without_a_timeline_renders_as_plain_markdown():
    assert render_lesson("## Summary\n\nText.\n") == render_markdown("## Summary\n\nText.\n")
