"""Markdown to safe HTML: rendered with Markdown, sanitised with nh3."""

from __future__ import annotations

import re
import secrets
import xml.etree.ElementTree as ET  # noqa: S405  (builds Markdown's tree, parses nothing)  # nosec B405
from html import escape

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .structure import COMPARE_PREFIXES, TimelineEntry, parse_lesson

_PARAGRAPH_MARK = re.compile(r"^¶(\d+)\s+")
_SAFE_ID = re.compile(r"^p-\d+$")
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "caption",
    "br",
    "code",
    "dd",
    "del",
    "div",
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
    "th": {"align", "scope"},
    "caption": {"class"},
    "div": {"class", "role", "tabindex", "aria-label"},
    "td": {"align"},
}
_ALLOWED_CLASSES = {"source-paragraph", "para-num", "visually-hidden", "table-scroll"}
# what a comparison table's scroll box needs, and nothing else an author could put on a div
_ALLOWED_VALUES = {"role": {"region"}, "tabindex": {"0"}}
# years between two events beyond which the timeline figure draws a break in its axis
TIMELINE_GAP_YEARS = 3


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


class _ComparisonTables(Treeprocessor):
    """Tables under a "Compare …" heading: a caption, column and row headers with their scope."""

    def run(self, root: ET.Element) -> None:
        heading = ""
        for element in list(root):
            if element.tag == "h2":
                heading = "".join(element.itertext()).strip()
            elif element.tag == "table" and heading.casefold().startswith(COMPARE_PREFIXES):
                _label_table(element, heading)
                # a wide table scrolls in its own box, which keyboards can reach and focus
                wrapper = ET.Element(
                    "div",
                    {"class": "table-scroll", "role": "region", "tabindex": "0"},
                )
                wrapper.set("aria-label", heading)
                position = list(root).index(element)
                root.remove(element)
                wrapper.append(element)
                root.insert(position, wrapper)


def _label_table(table: ET.Element, heading: str) -> None:
    # the heading is right above the table; the caption names it for table navigation
    caption = ET.Element("caption", {"class": "visually-hidden"})
    caption.text = heading
    table.insert(0, caption)
    for cell in table.iter("th"):
        cell.set("scope", "col")
    for body in table.iter("tbody"):
        for row in body.iter("tr"):
            first = row.find("td")
            if first is not None:
                first.tag = "th"
                first.set("scope", "row")


class _SourceParagraphExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802  (Markdown's API)
        md.treeprocessors.register(_SourceParagraphs(md), "source_paragraphs", 5)
        md.treeprocessors.register(_ComparisonTables(md), "comparison_tables", 4)


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name in _ALLOWED_VALUES:
        return value if value in _ALLOWED_VALUES[name] else None
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


def render_lesson(text: str) -> str:
    """A lesson body's HTML: its Markdown, the timeline's well-formed rows drawn as a figure.

    Rows that ``parse_lesson`` could not read stay in the text as a plain list, so that nothing
    an instructor wrote disappears from the page.
    """
    structure = parse_lesson(text)
    if not structure.timeline:
        return render_markdown(text)
    lines = text.replace("\r\n", "\n").split("\n")
    drawn = _timeline_lines(lines, [entry.line for entry in structure.timeline])
    # a marker no Markdown can contain by accident: the figure is put in after sanitising
    marker = f"timelinefigure{secrets.token_hex(8)}"
    kept: list[str] = []
    for number, line in enumerate(lines, 1):
        if number == min(drawn):
            kept += ["", marker, ""]
        if number not in drawn:
            kept.append(line)
    html = render_markdown("\n".join(kept))
    return html.replace(f"<p>{marker}</p>", timeline_figure(structure.timeline), 1)


def _timeline_lines(lines: list[str], starts: list[int]) -> set[int]:
    """The line numbers of the timeline rows starting at ``starts``, continuation lines too."""
    taken = set()
    for start in starts:
        taken.add(start)
        number = start + 1
        while number <= len(lines):
            line = lines[number - 1]
            if not line.strip() or re.match(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s|^#", line):
                break
            taken.add(number)
            number += 1
    return taken


def timeline_figure(entries: list[TimelineEntry]) -> str:
    """The timeline as an ordered list in a figure (CSS draws the axis; no script, no style)."""
    ordered = sorted(entries, key=lambda entry: (entry.date.first_day(), entry.line))
    first, last = ordered[0].date.year, ordered[-1].date.year
    span = str(first) if first == last else f"{first} to {last}"
    items = []
    previous = None
    for entry in ordered:
        classes = ["timeline-event", "beyond-text" if entry.beyond_text else "from-text"]
        if previous and entry.date.year - previous.date.year >= TIMELINE_GAP_YEARS:
            classes.append("after-gap")
        if entry.beyond_text:
            source = '<span class="timeline-source">beyond the text</span>'
        else:
            links = ", ".join(f'<a href="#p-{n}">¶{n}</a>' for n in entry.paragraphs)
            source = f'<span class="timeline-source">in the text: {links}</span>'
        items.append(
            f'<li class="{" ".join(classes)}"><time datetime="{entry.date.iso}">'
            f"{escape(entry.date.display())}</time> "
            f'<span class="timeline-label">{escape(entry.label)}</span> {source}</li>'
        )
        previous = entry
    return (
        '<figure class="timeline">'
        f"<figcaption>{len(ordered)} events, {span}, in date order. A filled mark: given in "
        "this section's text (with its paragraph); a hollow mark: context beyond the "
        "text.</figcaption>"
        f'<ol class="timeline-events">{"".join(items)}</ol></figure>'
    )
