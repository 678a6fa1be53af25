"""The pre-2019 统计表 when a page flattened it into one run of text.

"指标名称计量单位2017年度历年累计主动公开文件数条212210037其中：1、政府网站公开数条2122100372、…"
holds rows of (label)(unit)(this year's value)(cumulative value) with the digits run
together, and each item number glued to the digits before it. It is recovered only
soundly: the header must name the unit and period columns; an item number is taken
off the digits only when it is the next number of the list; a digit run is split
only where neither part has a leading zero and the cumulative value is not below
this year's; when several splits remain, exactly one may be confirmed by a number
that the prose states for a similar label. Any other row is skipped with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.corpus.models import Location, Statistic

_HEADER = re.compile(
    r"(?P<title>[一二三四五六七八九十]*、?[^。：:\n]{0,20}统计表)?\s*指标名称\s*计量单位\s*"
    r"(?P<first>\d{4}\s*年度?)\s*(?P<second>历年累计|累计)?"
)
_ROW = re.compile(
    r"(?P<sub>其中[:：])?(?:(?P<marker>\d{1,2})、)?(?P<label>[^\d]+?)(?P<unit>万元|人次|条|件|个|项|次|元)(?P<digits>\d+)"
)


@dataclass
class _Row:
    path: list[str]
    unit: str
    digits: str
    offset: int


def legacy_statistics(text: str, prose: list[Statistic]) -> tuple[list[Statistic], list[str]]:
    """The rows of a flattened pre-2019 statistics table, and warnings for rows left out."""
    header = _HEADER.search(text)
    if header is None:
        return [], []
    columns = [
        clean for name in ("first", "second") if (clean := re.sub(r"\s+", "", header.group(name) or ""))
    ]
    title = header.group("title") or "政府信息公开情况统计表"
    statistics: list[Statistic] = []
    warnings: list[str] = []
    for row in _rows(text, header.end()):
        values = _split(row, len(columns), prose)
        if values is None:
            warnings.append(f"统计表“{row.path[-1]}”行的数字“{row.digits}”无法可靠拆分，已跳过")
            continue
        for column, value in zip(columns, values, strict=True):
            location = Location(table_title=title, offset=row.offset)
            statistics.append(
                Statistic(source="table", table="legacy", row=row.path, column=[column], value=value,
                          unit=row.unit, location=location)
            )  # fmt: skip
    if not statistics and not warnings:
        warnings.append("发现统计表表头，但没有读出任何行")
    return statistics, warnings


def _rows(text: str, start: int) -> list[_Row]:
    rows: list[_Row] = []
    parent: str | None = None
    position = start
    pending_marker: int | None = None
    while match := _ROW.match(text, position):
        marker = int(match.group("marker")) if match.group("marker") else pending_marker
        label = match.group("label").strip()
        digits, pending_marker = match.group("digits"), None
        following = text[match.end() : match.end() + 1]
        next_marker = str((marker or 0) + 1)
        if following == "、" and digits.endswith(next_marker) and len(digits) > len(next_marker):
            digits, pending_marker = digits[: -len(next_marker)], int(next_marker)
            position = match.end() + 1
        else:
            position = match.end()
        in_list = bool(match.group("sub")) or marker is not None
        if not in_list:
            parent = label
        path = [parent, label] if in_list and parent else [label]
        rows.append(_Row(path, match.group("unit"), digits, match.start("label")))
    return rows


def _split(row: _Row, count: int, prose: list[Statistic]) -> list[float] | None:
    if count == 1:
        return [float(row.digits)]
    candidates = [
        (int(row.digits[:cut]), int(row.digits[cut:]))
        for cut in range(1, len(row.digits))
        if _no_leading_zero(row.digits[:cut]) and _no_leading_zero(row.digits[cut:])
        and int(row.digits[cut:]) >= int(row.digits[:cut])
    ]  # fmt: skip
    if len(candidates) > 1:
        stated = {s.value for s in prose if s.unit == row.unit and _similar(s.row[-1], row.path[-1])}
        candidates = [c for c in candidates if c[0] in stated]
    return [float(part) for part in candidates[0]] if len(candidates) == 1 else None


def _no_leading_zero(digits: str) -> bool:
    return digits == "0" or not digits.startswith("0")


def _similar(first: str, second: str) -> bool:
    """Two labels share at least two character pairs ("主动公开政府信息" ~ "政府网站公开数")."""
    pairs = {first[i : i + 2] for i in range(len(first) - 1)}
    return len(pairs & {second[i : i + 2] for i in range(len(second) - 1)}) >= 2
