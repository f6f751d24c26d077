"""Files written through a temporary file (then os.replace), and the permissions they end with.

``tempfile.mkstemp`` creates its file 0600 whatever the umask, and ``os.replace`` keeps that
mode: an export or a lesson file written that way would be unreadable to the group and others
even where the umask allows it, and a tracked lesson file would change from 0644 to 0600 in git.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc), else by a
    brief os.umask swap (the commands that write files run single-threaded)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(path: Path) -> int:
    """The mode for a file about to replace ``path``: the old file's permission bits when it
    exists (a tracked 0644 lesson stays 0644), else what open() would give: 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def match_mode(fd: int, path: Path) -> None:
    """Give the temporary file behind ``fd`` the mode ``path`` should have once it is replaced."""
    os.fchmod(fd, new_file_mode(path))


def write_atomically(path: str | Path, chunks: Iterable[str | bytes]) -> int:
    """Write every chunk to ``path`` (UTF-8 for text) or leave the old file untouched; bytes out.

    The file ends with the permissions the umask gives a new file (or the old file's), not
    mkstemp's 0600.
    """
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
