"""Format readers: one file in, one RawDocument out.

    read_document(path, rel) = parse_document(read_file(path, rel), suffix, rel)
    ├── .txt .md     plaintext   decode, metadata header, pipe tables
    ├── .html .htm   htmlpage    BeautifulSoup + lxml: paragraphs, metadata rows, span-resolved tables
    ├── .pdf         pdfdoc      pdfplumber: joined paragraphs, tables re-joined across pages
    └── .docx        worddoc     python-docx: paragraphs and merged-cell tables in body order

Every failure a reader can meet becomes DocumentError(rel, reason): the loader
reports the file and goes on. A file is sized from its open descriptor before a byte
is read, and never read past the limit (it may grow in between).
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.corpus.formats.encoding import sniff_binary
from bot.corpus.formats.htmlpage import read_html
from bot.corpus.formats.pdfdoc import read_pdf
from bot.corpus.formats.plaintext import read_text_file
from bot.corpus.formats.worddoc import read_docx
from bot.corpus.raw import Format, RawDocument
from bot.errors import DocumentError

# Larger files are refused rather than read: no annual report comes near this.
MAX_FILE_BYTES = 50 * 1024 * 1024

FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def read_document(path: Path, rel: str) -> RawDocument:
    """Read one file; raise DocumentError(rel, reason) when it cannot be read."""
    _format(path.suffix, rel)
    return parse_document(read_file(path.resolve(), rel), path.suffix, rel)


def parse_document(data: bytes, suffix: str, rel: str) -> RawDocument:
    """The document in a file's bytes (see read_file); DocumentError when it cannot be read."""
    raw = _read(data, rel, _format(suffix, rel))
    if not raw.text.strip() and not raw.tables:
        raise DocumentError(rel, "no text in the document")
    return raw


def read_file(path: Path, rel: str) -> bytes:
    """A file's bytes, refused unread when larger than MAX_FILE_BYTES or empty."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # the loader passes a resolved path
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise DocumentError(
                    rel, f"file too large ({_mb(size)} MB; the limit is {_mb(MAX_FILE_BYTES)} MB)"
                )
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DocumentError(rel, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(rel, f"file too large (it grew past the limit of {_mb(MAX_FILE_BYTES)} MB)")
    if not data.strip():
        raise DocumentError(rel, "empty file")
    return data


def _format(suffix: str, rel: str) -> Format:
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise DocumentError(rel, f"unsupported file type {suffix!r}")
    return fmt


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _read(data: bytes, rel: str, fmt: Format) -> RawDocument:
    if fmt in ("txt", "md"):
        return read_text_file(data, rel, fmt)
    if fmt == "html":
        return read_html(data, rel)
    if fmt == "pdf":
        _expect(data, rel, b"%PDF", "PDF")
        return read_pdf(data, rel)
    _expect(data, rel, b"PK\x03\x04", "DOCX (a ZIP package)")
    return read_docx(data, rel)


def _expect(data: bytes, rel: str, magic: bytes, what: str) -> None:
    if not data.startswith(magic):
        actual = sniff_binary(data) or "text file"
        raise DocumentError(rel, f"not a {what}: the content is a {actual}")
