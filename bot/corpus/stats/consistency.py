"""The template's own arithmetic, checked: a mismatch is a warning, never an error.

- per applicant column: 一(本年新收) + 二(上年结转) = 三（七）总计 + 四(结转下年度);
- per row of the 申请 table: 总计 = 自然人 + the five 法人或其他组织 columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.corpus.models import Statistic
from bot.corpus.stats.labels import key

_NEW, _CARRIED, _TOTAL, _CARRY_ON = key("一本年新收"), key("二上年结转"), key("七总计"), key("四结转下年度")


def check_applications(statistics: list[Statistic]) -> list[str]:
    """Warnings where the 申请 table's numbers do not add up."""
    cells = [s for s in statistics if s.table == "applications" and s.row]
    warnings = []
    for column in _distinct(s.column for s in cells):
        in_column = [s for s in cells if s.column == column]
        new, carried = _find(in_column, _NEW, first=True), _find(in_column, _CARRIED, first=True)
        total, carry_on = _find(in_column, _TOTAL, first=False), _find(in_column, _CARRY_ON, first=True)
        if None in (new, carried, total, carry_on):
            continue
        left, right = (new or 0) + (carried or 0), (total or 0) + (carry_on or 0)
        if abs(left - right) > 1e-6:
            warnings.append(
                f"申请情况表“{column[-1]}”列不平：本年新收 + 上年结转 = {left:g}，"
                f"办理结果总计 + 结转下年度 = {right:g}"
            )
    for row in _distinct(s.row for s in cells):
        in_row = [s for s in cells if s.row == row]
        totals = [s.value for s in in_row if key(s.column[-1]) == key("总计")]
        parts = [s.value for s in in_row if key(s.column[-1]) != key("总计")]
        if totals and len(parts) == 6 and abs(sum(parts) - totals[0]) > 1e-6:
            warnings.append(f"申请情况表“{row[-1]}”行：各列之和 {sum(parts):g} 与总计 {totals[0]:g} 不符")
    return warnings


def _find(cells: list[Statistic], wanted: str, *, first: bool) -> float | None:
    for cell in cells:
        label = key(cell.row[0] if first else cell.row[-1])
        if label.startswith(wanted):
            return cell.value
    return None


def _distinct(paths: Iterable[list[str]]) -> list[list[str]]:
    seen: list[list[str]] = []
    for path in paths:
        if path not in seen:
            seen.append(path)
    return seen
