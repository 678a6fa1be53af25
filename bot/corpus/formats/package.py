"""Zip packages (.docx) checked before a reader opens them: sized from the directory, then unpacked bounded.

A zip's directory declares every entry's unpacked size, and a zip bomb declares (or
hides) gigabytes in a megabyte. Before anything is unpacked, the number of entries, the
declared size of each and their total are held against the limits below; then every
entry is unpacked in chunks and discarded, counting what really comes out, so a
directory that lies about sizes is caught here (by the count or the CRC), whatever
the reader does afterwards.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from bot.errors import DocumentError

# Word writes 10-40 parts; a report with a hundred images stays in the low hundreds.
MAX_ENTRIES = 1000
# One part unpacked: a 300-page report's document.xml is a few MB; one photo, tens at most.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# All parts unpacked: a package is at most 50 MB on disk (MAX_FILE_BYTES), mostly images
# that do not compress, and XML that unpacks to about ten times its size.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def check_package(data: bytes, rel: str, what: str = "DOCX") -> None:
    """Refuse, with DocumentError, a package too big unpacked, with too many entries, or damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
            _check_directory(entries, rel)
            for entry in entries:
                _unpack_bounded(package, entry, rel)
    except _DAMAGED as exc:
        raise DocumentError(rel, f"damaged {what} ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _check_directory(entries: list[zipfile.ZipInfo], rel: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(
            rel, f"too many entries in the package ({len(entries)}; the limit is {MAX_ENTRIES})"
        )
    for entry in entries:
        if entry.file_size > MAX_ENTRY_BYTES:
            size, limit = _mb(entry.file_size), _mb(MAX_ENTRY_BYTES)
            raise DocumentError(rel, f"{entry.filename} unpacks to {size} MB; the limit is {limit} MB")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        raise DocumentError(
            rel, f"the package unpacks to {_mb(total)} MB; the limit is {_mb(MAX_UNPACKED_BYTES)} MB"
        )


def _unpack_bounded(package: zipfile.ZipFile, entry: zipfile.ZipInfo, rel: str) -> None:
    """Unpack one entry chunk by chunk; more bytes than declared is a lie (the CRC catches fewer)."""
    unpacked = 0
    with package.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > entry.file_size:
                raise zipfile.BadZipFile(f"{entry.filename} unpacks to more than its declared size")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"
