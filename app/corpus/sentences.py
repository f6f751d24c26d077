"""Sentence splitting that copes with abbreviations, initials and missing spaces."""

from __future__ import annotations

import re

# Tokens ending in a full stop that do not end a sentence: initialisms such as
# "U.S." or "U.N.", single initials such as the "V." of a middle name, and
# common titles and abbreviations.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "nos",
    "vol",
    "art",
    "para",
    "paras",
    "sec",
    "gen",
    "gov",
    "sen",
    "rep",
    "jr",
    "sr",
    "inc",
    "co",
    "corp",
    "ltd",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "pres",
    "amb",
    "prof",
}
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")

# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then either white space or (the source's "them.The") a capital
# letter directly after a lower-case letter's full stop.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+|(?<=[a-z]\.)[A-Z][a-z])")


def _is_abbreviation(text_before: str) -> bool:
    """True when the full stop closing ``text_before`` belongs to an abbreviation."""
    if _INITIALISM.search(text_before) or _INITIAL.search(text_before):
        return True
    match = _WORD_BEFORE.search(text_before)
    return bool(match and match.group(1).lower() in _ABBREVIATIONS)


def split_sentences(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Split ``text`` into (sentence, start, end), offsets shifted by ``offset``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if text[match.start()] == "." and _is_abbreviation(text[start : match.start() + 1]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        real_start = begin + lead
        result.append((stripped, offset + real_start, offset + real_start + len(stripped)))
    return result
