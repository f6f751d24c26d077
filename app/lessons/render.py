"""Markdown to safe HTML: rendered with Markdown, sanitised with nh3."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405  (builds Markdown's tree, parses nothing)  # nosec B405

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_PARAGRAPH_MARK = re.compile(r"^¶(\d+)\s+")
_SAFE_ID = re.compile(r"^p-\d+$")
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "p": {"id", "class"},
    "span": {"class"},
    "th": {"align"},
    "td": {"align"},
}
_ALLOWED_CLASSES = {"source-paragraph", "para-num"}


class _SourceParagraphs(Treeprocessor):
    """Give each quoted source paragraph ("> ¶3 …") the anchor p-3 and a number badge."""

    def run(self, root: ET.Element) -> None:
        for quote in root.iter("blockquote"):
            for paragraph in quote.findall("p"):
                match = _PARAGRAPH_MARK.match(paragraph.text or "")
                if not match:
                    continue
                number = match.group(1)
                paragraph.set("id", f"p-{number}")
                paragraph.set("class", "source-paragraph")
                badge = ET.Element("span", {"class": "para-num"})
                badge.text = f"¶{number}"
                badge.tail = " " + paragraph.text[match.end() :]
                paragraph.text = ""
                paragraph.insert(0, badge)


class _SourceParagraphExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802  (Markdown's API)
        md.treeprocessors.register(_SourceParagraphs(md), "source_paragraphs", 5)


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if _SAFE_ID.match(value) else None
    if name == "class":
        kept = [c for c in value.split() if c in _ALLOWED_CLASSES]
        return " ".join(kept) or None
    return value


def render_markdown(text: str) -> str:
    """Render Markdown to HTML with scripts, handlers and unsafe URLs removed."""
    html = markdown.markdown(
        text,
        extensions=["tables", "sane_lists", _SourceParagraphExtension()],
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def highlight_paragraph(html: str, number: int) -> str:
    """Mark source paragraph ``number`` in rendered lesson HTML as the one to look at."""
    return html.replace(
        f'<p class="source-paragraph" id="p-{number}">',
        f'<p class="source-paragraph highlight" id="p-{number}" aria-current="true">',
        1,
    )
