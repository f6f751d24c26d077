"""The permissions a file written through a temporary file should end with.

``tempfile.mkstemp`` creates its file 0600 whatever the umask, and ``os.replace`` keeps that
mode: an export or a lesson file written that way would be unreadable to the group and others
even where the umask allows it, and a tracked lesson file would change from 0644 to 0600 in git.
"""

from __future__ import annotations

import os
import stat
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
