"""The bank export formats: file name, media type and content for each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...downloads import DownloadFormat
from .gift import gift_chunks
from .moodle_xml import moodle_xml_chunks
from .qti import qti_package

BANK_FORMATS = {
    f.name: f
    for f in (
        DownloadFormat("gift", "GIFT (Moodle text format)", "gift.txt", "text/plain"),
        DownloadFormat("moodle", "Moodle XML", "xml", "application/xml"),
        DownloadFormat(
            "qti", "QTI 2.1 content package (Canvas and other LMSs)", "zip", "application/zip"
        ),
    )
}


def bank_file_name(name: str, section_id: str | None) -> str:
    """A download name such as ``question-bank-preamble.gift.txt``."""
    return f"question-bank-{section_id or 'all'}.{BANK_FORMATS[name].extension}"


def bank_chunks(name: str, questions: list[dict[str, Any]]) -> Iterator[str | bytes]:
    """The export's content: text chunks (GIFT, Moodle XML) or the zip's bytes (QTI)."""
    if name == "gift":
        return gift_chunks(questions)
    if name == "moodle":
        return moodle_xml_chunks(questions)
    if name == "qti":
        return iter([qti_package(questions)])
    raise KeyError(name)
