"""Format readers: one file in, one RawDocument out.

Walking skeleton: text only, no tables, no cleaning. `read_document` keeps its
signature as the readers grow.
"""

from __future__ import annotations

from pathlib import Path

from bot.corpus.raw import Format, RawDocument
from bot.errors import DocumentError

_FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def read_document(path: Path, rel: str) -> RawDocument:
    """Read one file; raise DocumentError(rel, reason) when it cannot be read."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(rel, f"unsupported file type {path.suffix!r}")
    if fmt == "pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    elif fmt == "html":
        from bs4 import BeautifulSoup

        text = BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
    elif fmt == "docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    else:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise DocumentError(rel, "no text")
    return RawDocument(path=rel, format=fmt, text=text)
