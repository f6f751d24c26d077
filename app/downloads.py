"""Download formats: what the progress exports and the bank files are called and served as."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DownloadFormat:
    """A format's name (in URLs and options), its label on pages, file extension and media type."""

    name: str
    label: str
    extension: str
    mimetype: str
