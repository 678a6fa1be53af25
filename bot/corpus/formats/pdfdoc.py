"""PDF files with pdfplumber: paragraphs rebuilt from wrapped lines, tables apart.

Chinese text wraps mid-sentence at the right margin, so lines are joined into
paragraphs unless the layout or the text says a new one starts: an indented line,
a heading marker (一、 （一） 1. ...), a change of font size, or a previous line that
ended a sentence (。：；！？) or stopped short of the margin. Page numbers ("- 6 -",
"第 6 页") are dropped. Text inside data tables is left out of `text`.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.utils import PDFDocEncoding

from bot.corpus.formats.clean import clean_line, join_fragments
from bot.corpus.formats.pdftables import Fragment, continues, join, page_fragments
from bot.corpus.raw import RawDocument, RawTable
from bot.errors import DocumentError

MAX_PAGES = 1000
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$")
_HEADING = re.compile(
    r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|第[一二三四五六七八九十\d]+[章节条])"
)
_SENTENCE_END = re.compile(r"[。：:；;！!？?][”’\"）)]*$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float


def read_pdf(data: bytes, rel: str) -> RawDocument:
    """A PDF file as a RawDocument."""
    if b"%%EOF" not in data[-4096:]:
        raise DocumentError(rel, "truncated or damaged PDF (no end-of-file marker)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _read(pdf, rel)
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise DocumentError(rel, _pdf_reason(exc)) from exc


def _pdf_reason(exc: Exception) -> str:
    name = type(exc).__name__ + " " + repr(getattr(exc, "args", ""))
    if "Password" in name or "Encrypt" in name:
        return "password-protected PDF: remove the password and add it again"
    return f"damaged PDF ({type(exc).__name__}: {str(exc)[:120] or 'unreadable'})"


def _read(pdf: Any, rel: str) -> RawDocument:
    if len(pdf.pages) > MAX_PAGES:
        raise DocumentError(rel, f"PDF too large ({len(pdf.pages)} pages; the limit is {MAX_PAGES})")
    items: list[tuple[int, float, _Line | Fragment]] = []
    for number, page in enumerate(pdf.pages, start=1):
        fragments = page_fragments(page, number)
        items += [(number, f.top, f) for f in fragments]
        items += [(number, line.top, line) for line in _page_lines(page, fragments)]
    items.sort(key=lambda item: (item[0], item[1]))
    paragraphs, tables = _assemble([item for _, _, item in items])
    if not paragraphs and not tables:
        raise DocumentError(rel, "no text layer in the PDF (a scan?); OCR is not supported")
    fields = {"<title>": title} if (title := _title(pdf.metadata)) else {}
    return RawDocument(
        path=rel, format="pdf", text="\n".join(paragraphs), tables=tables, fields=fields, pages=len(pdf.pages)
    )


def _page_lines(page: Any, fragments: list[Fragment]) -> list[_Line]:
    boxes = [(f.x0, f.top, f.x1, f.bottom) for f in fragments]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = []
    for found in page.filter(outside).extract_text_lines(return_chars=True):
        text = clean_line(found["text"])
        if text and not _PAGE_NUMBER.match(text):
            size = max(ch["size"] for ch in found["chars"])
            lines.append(_Line(text, found["x0"], found["x1"], found["top"], size))
    return lines


def _assemble(items: list[_Line | Fragment]) -> tuple[list[str], list[RawTable]]:
    """Paragraphs and tables in reading order; a table resumed on the next page is joined."""
    lines = [item for item in items if isinstance(item, _Line)]
    left = _mode(line.x0 for line in lines)
    right = _mode(line.x1 for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    previous: _Line | None = None
    fragments: list[Fragment] = []
    captions: list[str | None] = []
    text_since_table = True
    for item in items:
        if isinstance(item, Fragment):
            if current:
                paragraphs.append(join_fragments(current))
                current, previous = [], None
            if fragments and not text_since_table and continues(fragments[-1], item):
                fragments[-1] = join(fragments[-1], item)
            else:
                fragments.append(item)
                captions.append(paragraphs[-1] if paragraphs else None)
            text_since_table = False
            continue
        text_since_table = True
        if current and _starts_paragraph(item, previous, left, right):
            paragraphs.append(join_fragments(current))
            current = []
        current.append(item.text)
        previous = item
    if current:
        paragraphs.append(join_fragments(current))
    tables = [
        RawTable(number=n, rows=f.rows, pages=f.pages, caption=caption, row_pages=f.row_pages)
        for n, (f, caption) in enumerate(zip(fragments, captions, strict=True), start=1)
    ]
    return paragraphs, tables


def _starts_paragraph(line: _Line, previous: _Line | None, left: float, right: float) -> bool:
    if previous is None:
        return True
    return bool(
        _SENTENCE_END.search(previous.text)
        or previous.x1 < right - 1.5 * previous.size
        or line.x0 > left + 0.8 * line.size
        or abs(line.size - previous.size) > 1
        or _HEADING.match(line.text)
    )


def _mode(values: Any) -> float:
    counts = Counter(round(value) for value in values)
    return float(counts.most_common(1)[0][0]) if counts else 0.0


_PDFDOC = {ch: code for code, ch in reversed(list(enumerate(PDFDocEncoding)))}


def _title(metadata: dict[str, Any]) -> str | None:
    """The document title from the PDF properties; UTF-16 titles that pdfminer missed decoded."""
    title = metadata.get("Title")
    if not isinstance(title, str) or not title.strip():
        return None
    if title.startswith(("\u00fe\u00ff", "\u00ff\u00fe")):
        try:
            raw = bytes(_PDFDOC[ch] for ch in title)
            title = raw.decode("utf-16")
        except (KeyError, UnicodeDecodeError):
            return None
    title = clean_line(title)
    return title if title and "\ufffd" not in title else None
