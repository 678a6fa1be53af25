"""Tables 三 (申请 by applicant) and 四 (行政复议 / 行政诉讼): header paths over value cells.

Header rows are the rows above the first data row; each value column takes the
path of headers above it, each data row the path of labels to its left
(see `paths`). A table whose headers cannot be read but whose rows carry the
template's seven applicant values still reads, in the template's column order.
"""

from __future__ import annotations

from bot.corpus.stats.cells import TableReading
from bot.corpus.stats.labels import applicant_columns, canonical, is_blank, is_template_label, key, parse_cell
from bot.corpus.stats.paths import column_levels, nested_paths

_FIRST_ROWS = (key("一、本年新收"), key("二、上年结转"), key("三、本年度办理结果"))


def read_applications(reading: TableReading) -> None:
    """Every value of the 申请 table: row path (三、… > （三）… > 1.…) by applicant column path."""
    rows = reading.table.rows
    first = next((r for r, row in enumerate(rows) if _is_application_row(row)), None)
    if first is None:
        reading.warnings.append(f"表{reading.table.number}（{reading.title()}）没有数据行，可能被截断")
        return
    width = max(len(row) for row in rows)
    headers = nested_paths(rows[:first], width)
    applicants = applicant_columns()
    leaves = {key(path[-1]) for path in applicants}
    columns = [c for c in range(width) if headers[c] and key(headers[c][-1]) in leaves]
    columns = [c for c in columns if c == 0 or headers[c] != headers[c - 1]]
    if len(columns) != len(applicants) and width >= len(applicants):
        columns = list(range(width - len(applicants), width))
        headers = [[]] * (width - len(columns)) + [list(path) for path in applicants]
        reading.warnings.append(f"表{reading.table.number}的表头无法识别，按模板的列顺序读取")
    data = rows[first:]
    if _cut_off(data[-1], columns):
        data = data[:-1]
        reading.warnings.append(f"表{reading.table.number}最后一行不完整（表格被截断），已跳过")
    labels = nested_paths(column_levels(data, range(columns[0] if columns else 0)), len(data))
    for offset, (row, label) in enumerate(zip(data, labels, strict=True)):
        if label:
            for c in columns:
                reading.add(label, headers[c], row[c] if c < len(row) else None, "件", first + offset)


def read_review(reading: TableReading) -> None:
    """Every value of the 行政复议/行政诉讼 table, by its column path (行政诉讼 > 复议后起诉 > 总计)."""
    rows = reading.table.rows
    first = next((r for r, row in enumerate(rows) if _is_value_row(row)), None)
    if first is None or first == 0:
        reading.warnings.append(f"表{reading.table.number}（{reading.title()}）没有数据行，可能被截断")
        return
    width = max(len(row) for row in rows)
    headers = nested_paths(rows[:first], width)
    for index in range(first, len(rows)):
        if _is_value_row(rows[index]):
            for c, text in enumerate(rows[index]):
                if headers[c]:
                    reading.add([], headers[c], text, "件", index)


def _cut_off(row: list[str | None], columns: list[int]) -> bool:
    """A last row with no values whose label is only the start of a template label."""
    label = next((cell for cell in row[: columns[0] if columns else 0] if cell), "")
    values = [row[c] for c in columns if c < len(row)]
    return bool(label) and all(not v or is_blank(v) for v in values) and not is_template_label(label)


def _is_application_row(row: list[str | None]) -> bool:
    return any(cell and key(canonical(cell)).startswith(_FIRST_ROWS) for cell in row)


def _is_value_row(row: list[str | None]) -> bool:
    """A row of numbers or blanks; a stray non-number among many numbers is reported, not a header."""
    cells = [cell for cell in row if cell is not None]
    numbers = sum(1 for cell in cells if not is_blank(cell) and parse_cell(cell) is not None)
    labels = sum(1 for cell in cells if parse_cell(cell) is None)
    return bool(cells) and (labels == 0 or numbers > 2 * labels)
