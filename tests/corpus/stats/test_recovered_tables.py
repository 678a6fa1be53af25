"""Template tables read from real reports whose tables lost their grid, and from real grids.

The expected values are the cells as printed in the files: each case quotes the file
(the quote is asserted to be in it) and names the slot the quoted cell fills.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from bot.corpus.formats import read_document
from bot.corpus.models import Statistic
from bot.corpus.raw import RawDocument
from bot.corpus.stats import check_identities, extract_statistics
from bot.corpus.stats.audit import audit
from bot.corpus.stats.labels import template

PSB_2021 = "reports/pingtan_public_security_bureau_2021_annual_report.txt"  # cells run together
PSB_2022 = "reports/pingtan_public_security_bureau_2022_annual_report.html"  # HTML grid
TRANSPORT_2022 = "reports/pingtan_transport_construction_bureau_2022_annual_report.txt"  # spaces
SHANGHAI_2025 = "reports/shanghai_gov_office_2025_annual_report.md"  # PDF text, broken pipe tables
FLATTENED = [PSB_2021, TRANSPORT_2022, SHANGHAI_2025]

CASES = [
    (PSB_2021, "行政处罚141行政强制0", "proactive.punishment.decisions", 141),
    (PSB_2021, "行政规范性文件002", "proactive.normative.in_force", 2),
    (PSB_2021, "行政规范性文件002", "proactive.normative.repealed", 0),
    (PSB_2021, "一、本年新收政府信息公开申请数量1000001", "applications.new.natural", 1),
    (PSB_2021, "一、本年新收政府信息公开申请数量1000001", "applications.new.total", 1),
    (PSB_2021, "四、结转下年度继续办理1000001", "applications.carried_forward.total", 1),
    (PSB_2021, "（一）予以公开0000000", "applications.granted.total", 0),
    (PSB_2021, "3.其他1000001", "applications.other.other.natural", 1),
    (TRANSPORT_2022, "一、本年新收政府信息公开申请数量 11 0 0 0 0 0 11", "applications.new.total", 11),
    (TRANSPORT_2022, "（一）予以公开 7 0 0 0 0 0 7", "applications.granted.total", 7),
    (TRANSPORT_2022, "1.本机关不掌握相关政府信息 4 0 0 0 0 0 4", "applications.unable.not_held.total", 4),
    (TRANSPORT_2022, "行政规范性文件 4 0 16", "proactive.normative.issued", 4),
    (TRANSPORT_2022, "行政规范性文件 4 0 16", "proactive.normative.in_force", 16),
    (TRANSPORT_2022, "四、结转下年度继续办理 0 0 0 0 0 0 0", "applications.carried_forward.total", 0),
    (SHANGHAI_2025, "| 一、本年新收政府信息公开申请数量 | 1259 | 36 | 0 |", "applications.new.total", 1295),
    (SHANGHAI_2025, "| 一、本年新收政府信息公开申请数量 | 1259 | 36 | 0 |", "applications.new.natural", 1259),
    (SHANGHAI_2025, "| 一、本年新收政府信息公开申请数量 | 1259 | 36 | 0 |", "applications.new.business", 36),
    (
        SHANGHAI_2025,
        "| 二、上年结转政府信息公开申请数量 | 170 | 15 | 0 | 0 | 4 |",
        "applications.carried_in.legal",
        4,
    ),
    (
        SHANGHAI_2025,
        "| 1.本机关不掌握相关政府信息 | 484 | 28 | 0 | 0 | 1 | 0 | 513 |",
        "applications.unable.not_held.total",
        513,
    ),
    (
        SHANGHAI_2025,
        "| 1.信访举报投诉类申请 | 61 | 1 | 0 | 0 | 0 | 0 | 62 |",
        "applications.rejected.complaint.total",
        62,
    ),
    (
        SHANGHAI_2025,
        "| 四、结转下年度继续办理 | 290 | 3 | 0 | 0 | 0 | 0 | 293 |",
        "applications.carried_forward.total",
        293,
    ),
    (
        SHANGHAI_2025,
        "| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |",
        "applications.withheld.state_secret.total",
        4,
    ),
    (
        SHANGHAI_2025,
        "| 2.没有现成信息需要另行制作 | 47 | 1 | 0 | 0 | 0 | 0 | 48 |",
        "applications.unable.needs_creation.total",
        48,
    ),
    (
        SHANGHAI_2025,
        "5.属于三类内部事务信息 | 8 | 0 | 0 | 0 | 1 | 0 | 9 |",
        "applications.withheld.internal_affairs.total",
        9,
    ),
    (SHANGHAI_2025, "| 40 | 0 | 10 | 5 | 55 |", "review.total", 55),
    (SHANGHAI_2025, "| 40 | 0 | 10 | 5 | 55 |", "review.upheld", 40),
    (SHANGHAI_2025, "| 6 | 0 | 9 | 7 | 22 |", "litigation.after_review.total", 22),
    # rows printed without their label, placed by the template's order
    (SHANGHAI_2025, "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "applications.partial.total", 2),
    (
        SHANGHAI_2025,
        "| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |",
        "applications.other.no_correction.total",
        43,
    ),
    (
        PSB_2022,
        '<td><p>行政处罚</p></td><td colspan="3"><p>157</p></td>',
        "proactive.punishment.decisions",
        157,
    ),
    (
        PSB_2022,
        "<td><p>行政规范性文件</p></td><td><p>4</p></td><td><p>1</p></td><td><p>7</p></td>",
        "proactive.normative.in_force",
        7,
    ),
    (
        PSB_2022,
        '<td colspan="3"><p>二、上年结转政府信息公开申请数量</p></td><td><p>1</p></td>',
        "applications.carried_in.total",
        1,
    ),
]


def cells(raw: RawDocument) -> dict[str, Statistic]:
    """The slotted table cells of a report, one per slot."""
    stats, _ = extract_statistics(raw)
    found: dict[str, Statistic] = {}
    for stat in stats:
        if stat.slot:
            assert stat.slot not in found, f"{stat.slot} read twice"
            found[stat.slot] = stat
    return found


@pytest.mark.parametrize(("rel", "quote", "slot", "value"), CASES)
def test_cells_read_as_printed(corpus_dir: Path, read, rel: str, quote: str, slot: str, value: float) -> None:
    assert quote in (corpus_dir / rel).read_text(encoding="utf-8")
    assert cells(read(rel))[slot].value == value


@pytest.mark.parametrize("rel", [*FLATTENED, PSB_2022])
def test_every_slot_and_every_identity(read, rel: str) -> None:
    found = cells(read(rel))
    spec = template()
    for table in ("applications", "review_litigation"):
        assert {s.id for s in spec.slots_in(table, "2021")} <= set(found), table
    checks, conflicts = check_identities(list(found.values()))
    expected = spec.identities_in("applications", "2021") + spec.identities_in("review_litigation", "2021")
    assert sorted(c.identity.id for c in checks) == sorted(i.id for i in expected)
    assert not conflicts
    holding = {slot for check in checks if check.holds for slot in check.identity.slots()}
    covered = {slot for check in checks for slot in check.identity.slots()}
    for slot, stat in found.items():
        assert stat.verified == (slot in holding or slot not in covered), slot


def test_flattened_cells_are_the_printed_digits_in_order(read) -> None:
    for rel in FLATTENED:
        stats, _ = extract_statistics(read(rel))
        rows: dict[tuple[str, int | None], list[Statistic]] = defaultdict(list)
        for stat in stats:
            if stat.slot and stat.printed:
                rows[(stat.printed, stat.location.offset)].append(stat)
        assert len(rows) >= 30, rel
        for (printed, _), row in rows.items():
            digits = "".join(stat.display_value for stat in row)
            assert re.sub(r"\D", "", printed).endswith(digits), (printed, digits)


def test_a_report_that_breaks_its_own_arithmetic_is_warned_about_cell_by_cell(read) -> None:
    """The 2021 公安局 report counts its one application as both done and carried forward.

    Its columns do not balance (1 + 0 ≠ 1 + 1), which the warning names; every number of
    those rows still adds up along its own row, which vouches for it.
    """
    found = cells(read(PSB_2021))
    _, warnings = extract_statistics(read(PSB_2021))
    assert any("“总计”列不平" in w and "= 1" in w and "= 2" in w for w in warnings)
    checks, _ = check_identities(list(found.values()))
    assert {c.identity.id for c in checks if not c.holds} == {
        "applications.balance[natural]",
        "applications.balance[total]",
    }
    for slot in ("new", "carried_in", "results_total", "carried_forward"):
        assert found[f"applications.{slot}.total"].verified  # its row's parts add up to it
    assert found["applications.new.business"].verified  # 0 + 0 = 0 + 0 holds
    assert found["applications.granted.total"].verified
    assert found["proactive.punishment.decisions"].verified  # an unambiguous labelled cell


def test_a_row_whose_columns_cannot_be_told_stays_printed_text(read) -> None:
    """表二 "| 规章 | 22 | 235 |" under a four-column header: which cell is missing is unknown."""
    stats, warnings = extract_statistics(read(SHANGHAI_2025))
    unread = ("proactive.regulations.", "proactive.normative.")
    assert not any(s.slot and s.slot.startswith(unread) for s in stats)
    printed = [s for s in stats if s.source == "table" and s.slot is None]
    assert sorted(s.value for s in printed) == [22, 34, 189, 235]
    assert all(not s.verified and s.printed and s.row[-1] in s.printed for s in printed)
    assert any("规章 | 22 | 235" in w for w in warnings)
    assert any("“55”" in w for w in warnings)  # a number printed outside any row is reported
    found = cells(read(SHANGHAI_2025))
    punishment = found["proactive.punishment.decisions"]
    assert punishment.value == 0 and punishment.verified


def test_recovered_cells_carry_template_labels_and_where_they_were_printed(read) -> None:
    raw = read(PSB_2021)
    found = cells(raw)
    secret = found["applications.withheld.state_secret.total"]
    assert secret.row == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert secret.column == ["申请人情况", "总计"]
    assert secret.location.table_title == "三、收到和处理政府信息公开申请情况"
    assert raw.text[secret.location.offset or 0 :].startswith("1.属于国家秘密0000000")
    assert found["litigation.direct.pending"].column == ["行政诉讼", "未经复议直接起诉", "尚未审结"]
    assert found["proactive.normative.repealed"].column == ["本年废止件数"]  # printed 本年废纸件数
    shanghai = cells(read(SHANGHAI_2025))["applications.partial.total"]
    assert shanghai.location.table == 2  # written back from the second pipe table of the file


def test_a_table_in_the_2019_format_is_checked_by_the_2019_identities(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """The 2019 format prints （六）其他处理 as one row: the 公安局 report rewritten that way."""
    text = (corpus_dir / PSB_2021).read_text(encoding="utf-8")
    start = text.index("（六）其他处理1.")
    end = text.index("（七）总计1000001")
    path = tmp_path / "report.txt"
    path.write_text(text[:start] + "（六）其他处理1000001" + text[end:], encoding="utf-8")
    stats, _ = extract_statistics(read_document(path, "report.txt"))
    found = {s.slot: s for s in stats if s.slot}
    assert found["applications.other.total"].value == 1 and found["applications.other.total"].verified
    assert found["applications.other.total"].row == ["三、本年度办理结果", "（六）其他处理"]
    assert not any(slot.startswith("applications.other.") and slot.count(".") == 3 for slot in found)
    checks, _ = check_identities(list(found.values()))
    assert "applications.results_2019[total]" in {c.identity.id for c in checks if c.holds}
    audited = audit(stats)
    assert (audited.slots_found, audited.slots_expected) == (10 + 23 * 7 + 15, 10 + 23 * 7 + 15)


def test_a_list_of_contents_naming_the_tables_does_not_hide_them(corpus_dir: Path, tmp_path: Path) -> None:
    text = (corpus_dir / TRANSPORT_2022).read_text(encoding="utf-8")
    body = text.index("根据新修订的")
    contents = "目录：一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况\n"  # noqa: E501
    path = tmp_path / "report.txt"
    path.write_text(text[:body] + contents + text[body:], encoding="utf-8")
    stats, _ = extract_statistics(read_document(path, "report.txt"))
    found = {s.slot: s for s in stats if s.slot}
    assert len(found) == 200 and all(s.verified for s in found.values())
    assert found["applications.new.total"].value == 11
