"""Which template slot a table cell fills, from the labels printed around it.

A 表二 or 表三 cell is named by its row's label and its column's; a 表四 cell by its
column path alone (行政诉讼 > 复议后起诉 > 结果纠正: the block, then the outcome).
Labels are matched as the template file says (variants, markers, spacing); a cell
whose labels name no slot of the template gets none.
"""

from __future__ import annotations

from bot.corpus.stats.labels import template


def slot_of(table: str, row: list[str], column: list[str]) -> str | None:
    """The slot id of a cell with these printed row and column paths, if the template has one."""
    spec = template()
    if table not in spec.tables or not column:
        return None
    if row:
        line = spec.find_row(table, row[-1])
    else:  # 表四: the deepest label above the outcome that names a block
        blocks = [found for label in column[:-1] if (found := spec.find_row(table, label))]
        line = blocks[-1] if blocks else None
    measure = spec.find_column(table, column[-1])
    if line is None or measure is None:
        return None
    slot = spec.slot_id(table, line.id, measure.id)
    return slot if slot in spec.slots else None
