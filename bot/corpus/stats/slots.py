"""Which template slot a table cell fills, from the labels printed around it.

A 表二 or 表三 cell is named by its row's label and its column's; a 表四 cell by its
column path alone (行政诉讼 > 复议后起诉 > 结果纠正: the block, then the outcome).
Labels are matched as the template file says (variants, markers, spacing). Where a
label is garbled ("2.其他法律行政止公开") the template's fixed order places the row
between its labelled neighbours (order.py); 表四 printed with all 15 cells under
labels that do not name them takes the template's column order. A cell neither
labels nor position name gets no slot.
"""

from __future__ import annotations

from bot.corpus.models import Statistic
from bot.corpus.stats.labels import template
from bot.corpus.stats.order import align
from bot.lexicon.template import Edition


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


def place_rows(statistics: list[Statistic], table: str) -> None:
    """Give the cells of grid rows whose label names no template row the slot of their position."""
    spec = template()
    groups: dict[tuple[str, ...], list[Statistic]] = {}
    for stat in statistics:
        if stat.row:
            groups.setdefault(tuple(stat.row), []).append(stat)
    paths = list(groups)
    labels = [row.id if (row := spec.find_row(table, path[-1])) else None for path in paths]
    only_2019 = "other" in labels and not any(label and label.startswith("other.") for label in labels)
    edition: Edition = "2019" if only_2019 else "2021"
    order = [row for row in spec.rows[table] if edition in row.editions]
    for path, label, row in zip(paths, labels, align(labels, [[] for _ in paths], order), strict=True):
        if row is None or label is not None:
            continue
        for stat in groups[path]:
            column = spec.find_column(table, stat.column[-1]) if stat.column else None
            slot = spec.slot_id(table, row.id, column.id) if column else None
            stat.slot = slot if slot in spec.slots else None


def place_columns(statistics: list[Statistic], table: str) -> None:
    """A one-line table (表四) printed with all its cells but labels that do not name them: by position."""
    spec = template()
    expected = [slot.id for slot in spec.slots_in(table, "2021")]
    if len(statistics) != len(expected) or len({s.slot for s in statistics if s.slot}) == len(expected):
        return
    for stat, slot in zip(statistics, expected, strict=True):
        stat.slot = slot
