"""The readings of printed rows of numbers, and the identities choosing among them.

The rows are real: quoted from the reports, or a real report with the spaces between
its cells taken out (the way a page flattened to text prints them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.corpus.formats import read_document
from bot.corpus.stats import extract_statistics
from bot.corpus.stats.labels import template
from bot.corpus.stats.readings import readings

PSB_2021 = "reports/pingtan_public_security_bureau_2021_annual_report.txt"
TRANSPORT_2022 = "reports/pingtan_transport_construction_bureau_2022_annual_report.txt"


@pytest.mark.parametrize(
    ("printed", "tokens", "width", "complete", "expected"),
    [
        ("一、本年新收政府信息公开申请数量1000001", ["1000001"], 7, True, [(1, 0, 0, 0, 0, 0, 1)]),
        ("行政规范性文件002", ["002"], 3, False, [(0, 0, 2)]),  # 0,02 and 00,2 start with 0
        ("规章000", ["000"], 3, False, [(0, 0, 0)]),
        ("行政处罚141", ["141"], 1, False, [(141,)]),
        (
            "（一）予以公开 7 0 0 0 0 0 7",
            ["7", "0", "0", "0", "0", "0", "7"],
            7,
            True,
            [(7, 0, 0, 0, 0, 0, 7)],
        ),
        ("| 规章 | 22 | 235 |", ["22", "235"], 3, False, [(22, 235, None), (22, None, 235), (None, 22, 235)]),
        ("| 规章 | 22 | 235 |", ["22", "235"], 3, True, []),  # a missing cell can prove no identity
    ],
)
def test_the_readings_rule(
    corpus_dir: Path, printed: str, tokens: list[str], width: int, complete: bool, expected: list[tuple]
) -> None:
    texts = [p for p in (corpus_dir / "reports").glob("*.*") if p.suffix in (".txt", ".md")]
    files = [p.read_text(encoding="utf-8") for p in texts]
    assert any(printed in text for text in files)
    assert readings(tokens, width, complete=complete) == expected


def test_run_together_digits_have_several_readings() -> None:
    options = readings(["4016"], 3, complete=False)
    assert (4, 0, 16) in options and (40, 1, 6) in options and (40, 16, None) in options
    assert all(not (isinstance(v, float) and v != int(v)) for r in options for v in r if v is not None)
    totals = [r for r in readings(["110000011"], 7, complete=True) if r[6] == sum(v or 0 for v in r[:6])]
    assert sorted(totals) == [(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)]  # the row alone cannot tell
    assert readings(["1", "2", "3", "4"], 3, complete=False) == []  # more numbers than columns


def _run_together(corpus_dir: Path, tmp_path: Path, drop: tuple[str, ...] = ()) -> Path:
    """The 交建局 report with the spaces between the numbers of 表二 and 表三 taken out."""
    text = (corpus_dir / TRANSPORT_2022).read_text(encoding="utf-8")
    start, end = text.index("二、主动公开政府信息情况"), text.index("四、政府信息公开行政复议")
    tables = re.sub(r"(?<=\d) (?=\d)", "", text[start:end])
    for row in drop:  # rows printed without their numbers
        tables = re.sub(rf"({re.escape(row)}) \d+", r"\1", tables)
    path = tmp_path / "report.txt"
    path.write_text(text[:start] + tables + text[end:], encoding="utf-8")
    return path


def test_the_columns_choose_the_reading_the_row_alone_cannot(corpus_dir: Path, tmp_path: Path) -> None:
    path = _run_together(corpus_dir, tmp_path)
    assert "一、本年新收政府信息公开申请数量 110000011" in path.read_text(encoding="utf-8")
    stats, warnings = extract_statistics(read_document(path, "report.txt"))
    cells = {s.slot: s for s in stats if s.slot}
    for row in ("new", "results_total"):
        assert cells[f"applications.{row}.natural"].value == 11
        assert cells[f"applications.{row}.business"].value == 0
        assert cells[f"applications.{row}.total"].verified
    assert {s.id for s in template().slots_in("applications", "2021")} <= set(cells)
    # 表二 has no identity: "行政规范性文件 4016" stays unread, "规章000" cannot be anything but 0, 0, 0
    assert not any(slot.startswith("proactive.normative.") for slot in cells)
    assert any("行政规范性文件 4016" in w for w in warnings)
    in_force = cells["proactive.regulations.in_force"]
    assert in_force.value == 0 and in_force.verified


def test_when_several_readings_stay_consistent_the_rows_stay_unread(corpus_dir: Path, tmp_path: Path) -> None:
    """Without its result rows, nothing tells 11,0,… from 1,10,… in the rows that must agree."""
    path = _run_together(corpus_dir, tmp_path, drop=("（一）予以公开", "1.本机关不掌握相关政府信息"))
    stats, warnings = extract_statistics(read_document(path, "report.txt"))
    cells = {s.slot: s for s in stats if s.slot}
    assert not any(slot.startswith(("applications.new.", "applications.results_total.")) for slot in cells)
    assert any("一、本年新收政府信息公开申请数量" in w and "无法确定" in w for w in warnings)
    assert cells["applications.carried_in.total"].verified  # 0000000: one reading, its total holds
