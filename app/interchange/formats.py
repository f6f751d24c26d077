"""The bank export formats: file name, media type and content for each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .gift import gift_chunks
from .moodle_xml import moodle_xml_chunks
from .qti import qti_package


@dataclass(frozen=True)
class BankFormat:
    name: str
    label: str
    extension: str
    mimetype: str


BANK_FORMATS = {
    f.name: f
    for f in (
        BankFormat("gift", "GIFT (Moodle text format)", "gift.txt", "text/plain"),
        BankFormat("moodle", "Moodle XML", "xml", "application/xml"),
        BankFormat(
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
