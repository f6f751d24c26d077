"""Write text chunks to a file atomically: a temporary file beside it, then os.replace.

The file ends with the permissions the umask gives a new file (or the old file's), not
mkstemp's 0600.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..filemodes import match_mode


def write_atomically(path: str | Path, chunks: Iterable[str | bytes]) -> int:
    """Write every chunk to ``path`` (UTF-8 for text) or leave the old file untouched; bytes out."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    written = 0
    try:
        match_mode(fd, path)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                handle.write(data)
                written += len(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return written
