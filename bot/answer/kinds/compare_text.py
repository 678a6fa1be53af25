"""The words of a comparison: the result first, then every point with its source, then the gaps.

    平潭主动公开：2017年2122条 → 2024年10407条，增加8285条（增长390%）。
    逐年数字（只比较已核实的数字）：
    · 2017年：2122条（《平潭综合实验区2017年度政府信息公开工作年度报告》）
    没有数字：2018—2023年（现有记录中没有该年度报告）。

Only comparable points (Figure.comparable) are compared; an unverified cell is
listed with its printed value and said to be unchecked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from bot.answer.compose import value_text
from bot.answer.kinds.compare_points import Party
from bot.answer.models import Figure

UNCHECKED = "表中数字未能核实，不作比较"


def lead(points: list[Figure], parties: Sequence[Party], label: str) -> str:
    """The result in one sentence: a change over the years, or who has more."""
    names = {p.name: p.label for p in parties}
    years = sorted({p.year for p in points})
    if len(parties) == 1 or len(years) > 1:
        lines = [_change(names[p.name], label, [x for x in points if x.agency == p.name]) for p in parties]
        return "\n".join(line for line in lines if line)
    return _ranking(names, label, years[0], [p for p in points if p.comparable])


def rows(points: list[Figure], parties: Sequence[Party]) -> list[str]:
    """Every point with a value, with its source; unverified ones said to be unchecked."""
    years = {p.year for p in points}
    heading = "逐年数字" if len(parties) == 1 else ("各机关数字" if len(years) == 1 else "各机关逐年数字")
    names = {p.name: p.label for p in parties}
    lines = []
    for point in points:
        if point.value is None:
            continue
        who = _who(point, names, len(parties) > 1, len(years) > 1)
        note = "" if point.comparable else f"，{UNCHECKED}"
        lines.append(f"· {who}：{value_text(point.value, point.unit)}（{_source(point)}{note}）")
    return [f"{heading}：", *lines] if lines else []


def gaps(points: list[Figure], parties: Sequence[Party]) -> str:
    """The points without a value, grouped by why: "2018—2023年（现有记录中没有该年度报告）"."""
    names = {p.name: p.label for p in parties}
    by_reason: dict[tuple[str, str], list[int]] = defaultdict(list)
    for point in points:
        if point.missing:
            who = names.get(point.agency, point.agency) if len(parties) > 1 else ""
            by_reason[(who, point.missing)].append(point.year)
    parts = [f"{who}{year_runs(years)}（{reason}）" for (who, reason), years in by_reason.items()]
    return f"没有数字：{'；'.join(parts)}。" if parts else ""


def year_runs(years: list[int]) -> str:
    """Years as runs: [2013, 2014, 2015, 2017] → "2013—2015、2017年"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(f"{r[0]}—{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) + "年"


def _change(name: str, label: str, points: list[Figure]) -> str:
    stated = [p for p in points if p.comparable]
    if not stated:
        return ""
    first, last = stated[0], stated[-1]
    head = f"{name}{label}："
    if first is last:
        return f"{head}只有{first.year}年有可比较的数字：{value_text(first.value, first.unit)}。"
    steps = " → ".join(f"{p.year}年{value_text(p.value, p.unit)}" for p in _ends(stated))
    return f"{head}{steps}，{_difference(first, last)}。"


def _ends(stated: list[Figure]) -> list[Figure]:
    """The points a lead shows: all of a short series, else the first, the last and the extremes."""
    if len(stated) <= 4:
        return stated
    keep = {id(stated[0]), id(stated[-1])}
    keep |= {id(max(stated, key=_value)), id(min(stated, key=_value))}
    return [p for p in stated if id(p) in keep]


def _difference(first: Figure, last: Figure) -> str:
    if first.unit != last.unit:
        return "两年的计量单位不同，不作增减计算"
    before, after = _value(first), _value(last)
    diff = round(after - before, 6)  # 18651.06 - 18000.04 is 651.02, not 651.0200000000004
    if diff == 0:
        return "没有变化"
    verb = "增加" if diff > 0 else "减少"
    change = f"{verb}{value_text(abs(diff), last.unit)}"
    if before > 0:
        change += f"（{'增长' if diff > 0 else '下降'}{abs(diff) / before:.0%}）"
    return change


def _ranking(names: dict[str, str], label: str, year: int, stated: list[Figure]) -> str:
    """Agencies of one year, most first: "A3119件，B218件；A比B多2901件"."""
    if not stated:
        return ""
    ranked = sorted(stated, key=_value, reverse=True)
    listed = "，".join(f"{names.get(p.agency, p.agency)}{value_text(p.value, p.unit)}" for p in ranked)
    head = f"{year}年{label}：{listed}"
    if len(ranked) == 1:
        return f"{head}（其他机关没有可比较的数字）。"
    top, bottom = ranked[0], ranked[-1]
    if len({p.unit for p in ranked}) > 1:
        return f"{head}（计量单位不同，不作比较）。"
    if _value(top) == _value(bottom):
        return f"{head}；{'、'.join(names.get(p.agency, p.agency) for p in ranked)}相同。"
    diff = value_text(round(_value(top) - _value(bottom), 6), top.unit)
    top_name, bottom_name = names.get(top.agency, top.agency), names.get(bottom.agency, bottom.agency)
    if len(ranked) == 2:
        return f"{head}；{top_name}比{bottom_name}多{diff}。"
    return f"{head}；最多的{top_name}比最少的{bottom_name}多{diff}。"


def _who(point: Figure, names: dict[str, str], agencies: bool, years: bool) -> str:
    name = names.get(point.agency, point.agency)
    if agencies and years:
        return f"{name}{point.year}年"
    return name if agencies else f"{point.year}年"


def _source(point: Figure) -> str:
    citation = point.citation
    if citation is None:
        return "出处不明"
    publisher = citation.agency if citation.agency and citation.agency not in citation.title else ""
    return f"{publisher}《{citation.title}》"


def _value(point: Figure) -> float:
    return point.value or 0.0
