"""The application as a .docx form the citizen prints, signs and submits.

The document holds the unmasked identity number, so it is produced only when a
caller asks: as bytes, or saved to the path the caller gives.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from bot.assist.application import Application
from bot.assist.dates import format_date
from bot.assist.render import TITLE, form_rows

FONT = "宋体"


def docx_bytes(app: Application) -> bytes:
    """The filled-in form as .docx bytes."""
    buffer = io.BytesIO()
    _build(app).save(buffer)
    return buffer.getvalue()


def save_docx(app: Application, path: Path) -> Path:
    """Write the form to `path` (the caller chooses where, e.g. a temporary folder)."""
    path.write_bytes(docx_bytes(app))
    return path


def _build(app: Application) -> DocxDocument:
    doc = Document()
    _set_font(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    doc.add_paragraph(f"致：{app.office.office or app.office.agency}")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in form_rows(app, masked=False):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_paragraph()
    doc.add_paragraph(f"申请日期：{format_date(app.dated)}")
    doc.add_paragraph("申请人签名（盖章）：＿＿＿＿＿＿＿＿＿＿")
    doc.add_paragraph("附：申请人身份证明复印件").runs[0].font.size = Pt(10)
    return doc


def _set_font(doc: DocxDocument) -> None:
    # Word picks East Asian glyphs from w:eastAsia; without it Chinese falls back to a default font.
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
