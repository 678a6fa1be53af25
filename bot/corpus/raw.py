"""What a format reader returns: text and tables as printed, before any understanding."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Format = Literal["txt", "md", "html", "pdf", "docx"]


class RawTable(BaseModel):
    """A table as printed, spans resolved: one list of cell texts per row.

    Cell semantics, the same for every format:
    - every row has the same length (the table's grid width);
    - a merged cell's text stands once, at its top-left position; every other
      position it covers is None (not a copy of the text), so header hierarchy
      survives: ["申请人情况", None, …] over ["自然人", "法人或其他组织", None, …];
    - "" is a cell printed empty (the template counts it as 0), never a covered one;
    - text files cannot mark merges: their empty cells are all "", and some files
      repeat a merged label in each cell it covers; consumers must accept both;
    - cell text is joined: line breaks, <br>, <p> pieces and &nbsp; runs inside a
      cell are removed between CJK characters ("商业企\n业" -> "商业企业") and become
      one space between words; no other change to the characters.
    """

    number: int  # 1-based, in document order
    rows: list[list[str | None]]  # None where a merged cell covers the position
    pages: list[int] = Field(default_factory=list)  # 1-based PDF pages the table spans
    caption: str | None = None  # the paragraph or heading just before the table
    row_pages: list[int] = Field(default_factory=list)  # PDF: the 1-based page of each row
    # Text formats: the offset in RawDocument.text where the table stood (the start of the
    # line after it), so a reader can see the table among the lines around it.
    offset: int | None = None


class RawDocument(BaseModel):
    """One file's text and tables, decoded and cleaned, not yet interpreted."""

    path: str  # relative to the corpus root
    format: Format
    text: str  # body text in original characters; paragraphs separated by "\n"; tables left out
    tables: list[RawTable] = Field(default_factory=list)
    fields: dict[str, str] = Field(default_factory=dict)  # labelled metadata the reader saw:
    # "<title>", "标题", "发布时间", "来源", "索引号", "发文字号", "成文日期", "有效性", "原文链接" ...
    encoding: str | None = None  # for text formats: the encoding that decoded the file
    pages: int | None = None  # for PDF
    warnings: list[str] = Field(default_factory=list)  # what the reader had to mend: "3 undecodable bytes …"
