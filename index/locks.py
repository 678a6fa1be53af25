"""File locks (fcntl): one rebuild at a time, and versions in use are never pruned."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from bot.errors import IndexLocked


def acquire_build_lock(path: Path) -> IO[str]:
    """Hold the rebuild lock until the returned file is closed; IndexLocked if taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise IndexLocked(f"another build is running (pid {holder})") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def hold_shared(path: Path) -> IO[bytes] | None:
    """Mark a version folder as in use until the returned file is closed (None if read-only)."""
    try:
        handle = path.open("ab")
    except OSError:
        return None  # a read-only deployment: nothing prunes it either
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def in_use(path: Path) -> bool:
    """Whether some process holds a shared lock on path."""
    if not path.exists():
        return False
    with path.open("ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
