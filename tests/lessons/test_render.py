"""Markdown rendering: anchors for source paragraphs, and nothing that can run script."""

from __future__ import annotations

import pytest

from app.lessons.render import highlight_paragraph, render_markdown

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
