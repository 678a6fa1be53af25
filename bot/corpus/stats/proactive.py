"""Table 二 (主动公开): blocks of 第二十条第（X）项, each a 信息内容 header and its rows.

Read row by row, so the 2019 columns (本年新制作数量 …) and the 2021 columns
(本年制发件数 …) both work: the header row says what each column is. A header row
is 信息内容 and the column labels, or the column labels alone (a PDF that lost 信息内容).
"""

from __future__ import annotations

import re

from bot.corpus.stats.cells import TableReading
from bot.corpus.stats.labels import canonical, key, parse_cell, template

_ARTICLE = re.compile(r"第二十条")
_UNIT = re.compile(r"单位[:：]\s*([^)）\s]+)")


def read_proactive(reading: TableReading) -> None:
    """Every value cell of the 主动公开 table, with its 第二十条 item and header."""
    block: str | None = None
    header: dict[int, str] = {}
    for index, row in enumerate(reading.table.rows):
        texts = [(c, cell) for c, cell in enumerate(row) if cell]
        if not texts:
            continue
        first = texts[0][1]
        if _ARTICLE.search(first) and all(parse_cell(cell) == 0 or c == texts[0][0] for c, cell in texts):
            block, header = canonical(first), {}
        elif key(first) == key("信息内容") or all(
            template().find_column("proactive", cell) for _, cell in texts
        ):
            header = {c: canonical(cell) for c, cell in texts if key(cell) != key("信息内容")}
        elif header and parse_cell(first) is None:
            label = [block, canonical(first)] if block else [canonical(first)]
            for c, name in header.items():
                unit = match.group(1) if (match := _UNIT.search(name)) else "件"
                reading.add(label, [name], row[c] if c < len(row) else None, unit, index)
