"""What a built version holds, checked before anyone reads it: files, sizes, checksums.

The build writes `manifest.json` last, once every other file of the version is
complete, then makes the files read-only (`seal`). Opening a version compares the
files on disk with it: a file truncated, overwritten, deleted, or a folder removed,
is refused with the file named (IndexDamaged) instead of being read, so a damaged
version never reaches a reader, `--if-stale` rebuilds it and start-up falls back to
an intact one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.errors import IndexDamaged

MANIFEST_FILE = "manifest.json"
UNLISTED = frozenset({MANIFEST_FILE, ".in-use"})  # the .in-use mark is written by readers
CHUNK = 1024 * 1024
WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class FileEntry(BaseModel):
    """One file of a version: its size in bytes and its sha256."""

    size: int
    sha256: str


class Manifest(BaseModel):
    """Every file of a version, by path relative to the version folder."""

    files: dict[str, FileEntry]


def write_manifest(folder: Path) -> Manifest:
    """Record every file of a finished version folder; the manifest is written last."""
    files = {rel: FileEntry(size=path.stat().st_size, sha256=sha256(path)) for rel, path in _listed(folder)}
    manifest = Manifest(files=files)
    temp = folder / f".{MANIFEST_FILE}.tmp"
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(manifest.model_dump_json(indent=1))
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(folder / MANIFEST_FILE)
    return manifest


def check_manifest(folder: Path, *, checksums: bool = True) -> Manifest:
    """The version's manifest, after checking every listed file (IndexDamaged names the first bad one)."""
    manifest = read_manifest(folder)
    for rel, entry in manifest.files.items():
        check_file(folder, rel, entry, checksums=checksums)
    return manifest


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a version folder; IndexDamaged if it is missing or unreadable."""
    path = folder / MANIFEST_FILE
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        reason = "is missing (the version is incomplete, damaged or older than manifests)"
        raise IndexDamaged(folder, MANIFEST_FILE, reason) from None
    except (OSError, ValidationError, json.JSONDecodeError) as exc:
        raise IndexDamaged(folder, MANIFEST_FILE, f"is unreadable ({_short(exc)})") from exc


def check_file(folder: Path, rel: str, entry: FileEntry, *, checksums: bool = True) -> None:
    """Whether one listed file is as the build left it; IndexDamaged naming it if not."""
    path = folder / rel
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IndexDamaged(folder, rel, "was deleted") from None
    except OSError as exc:
        raise IndexDamaged(folder, rel, f"cannot be read ({_short(exc)})") from exc
    if size != entry.size:
        raise IndexDamaged(folder, rel, f"is {size} bytes, the build wrote {entry.size}")
    if checksums:
        try:
            digest = sha256(path)
        except OSError as exc:
            raise IndexDamaged(folder, rel, f"cannot be read ({_short(exc)})") from exc
        if digest != entry.sha256:
            raise IndexDamaged(folder, rel, "has changed since the build (checksum differs)")


def check_sizes(folder: Path) -> None:
    """The cheap check (no reading): after a read error, say which file changed, if one did."""
    check_manifest(folder, checksums=False)


def seal(folder: Path) -> None:
    """Make a version's files read-only; the folders stay writable so pruning can delete them."""
    for _rel, path in _listed(folder, include_manifest=True):
        path.chmod(path.stat().st_mode & ~WRITE_BITS)


def sha256(path: Path) -> str:
    """The hex sha256 of a file, read in chunks (plain reads, never a memory map)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _listed(folder: Path, *, include_manifest: bool = False) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        unlisted = rel in UNLISTED and not (include_manifest and rel == MANIFEST_FILE)
        temporary = rel.startswith(f".{MANIFEST_FILE}")
        if path.is_file() and not path.is_symlink() and not unlisted and not temporary:
            found.append((rel, path))
    return found


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
