"""Format readers: one file in, one RawDocument out.

    read_document(path, rel)
    ├── .txt .md     plaintext   decode, metadata header, pipe tables
    ├── .html .htm   htmlpage    BeautifulSoup + lxml: paragraphs, metadata rows, span-resolved tables
    ├── .pdf         pdfdoc      pdfplumber: joined paragraphs, tables re-joined across pages
    └── .docx        worddoc     python-docx: paragraphs and merged-cell tables in body order

Every failure a reader can meet becomes DocumentError(rel, reason): the loader
reports the file and goes on.
"""

from __future__ import annotations

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
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(rel, f"unsupported file type {path.suffix!r}")
    data = _read_bytes(path, rel)
    raw = _read(data, rel, fmt)
    if not raw.text.strip() and not raw.tables:
        raise DocumentError(rel, "no text in the document")
    return raw


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DocumentError(rel, f"file too large ({size / 1024 / 1024:.0f} MB; the limit is {limit} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(rel, f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError(rel, "empty file")
    return data


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
