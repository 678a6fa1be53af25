"""What a format reader returns: text and tables as printed, before any understanding."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Format = Literal["txt", "md", "html", "pdf", "docx"]


class RawTable(BaseModel):
    """A table as printed, spans resolved: one list of cell texts per row."""

    number: int  # 1-based, in document order
    rows: list[list[str | None]]  # None where a merged cell covers the position
    pages: list[int] = Field(default_factory=list)  # 1-based PDF pages the table spans
    caption: str | None = None  # the paragraph or heading just before the table


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
