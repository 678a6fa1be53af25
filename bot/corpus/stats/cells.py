"""From one template table cell to a Statistic, or to a warning when it is not a number."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.corpus.models import Location, Statistic
from bot.corpus.raw import RawTable
from bot.corpus.stats.labels import is_blank, key, parse_cell, titles
from bot.corpus.stats.slots import slot_of


@dataclass
class TableReading:
    """The statistics read from one template table, and what went wrong."""

    kind: str
    table: RawTable
    statistics: list[Statistic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, row: list[str], column: list[str], text: str | None, unit: str, index: int) -> None:
        """Record one cell; None (covered by a merged cell) records nothing."""
        if text is None:
            return
        value = parse_cell(text)
        if value is None:
            where = " / ".join([*row, *column])
            self.warnings.append(f"表{self.table.number}（{where}）不是数字：{text!r}，已跳过")
            return
        self.statistics.append(
            Statistic(
                source="table",
                table=self.kind,
                row=row,
                column=column,
                value=value,
                unit=unit,
                blank=is_blank(text),
                location=self.location(index),
                slot=slot_of(self.kind, row, column),
            )
        )

    def location(self, index: int) -> Location:
        """Where row `index` of the table is printed."""
        rows, pages = self.table.row_pages, self.table.pages
        page = rows[min(index, len(rows) - 1)] if rows else (pages[0] if pages else None)
        return Location(page=page, table=self.table.number, table_title=self.title())

    def title(self) -> str:
        """The table's heading: its caption when that is the template heading, else the template's."""
        caption = self.table.caption or ""
        expected = titles()[self.kind]
        return caption if caption and key(expected)[1:] in key(caption) and len(caption) <= 40 else expected
