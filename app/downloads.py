"""Downloads: what the progress exports and the bank files are called and served as.

Shared by the features that offer a download (bank, classes, exports, progress), so that none
imports another's pages for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Response, stream_with_context


@dataclass(frozen=True)
class DownloadFormat:
    """A format's name (in URLs and options), its label on pages, file extension and media type."""

    name: str
    label: str
    extension: str
    mimetype: str


def stream_download(chunks: Iterable[str | bytes], filename: str, mimetype: str) -> Response:
    """A streamed attachment: the body is produced while it is sent."""
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
