"""Numbers stated in prose, each with its sentence and where it stands."""

from __future__ import annotations

import pytest

from bot.corpus.models import Statistic
from bot.corpus.raw import RawDocument
from bot.corpus.stats import extract_statistics
from bot.corpus.stats.prose import prose_statistics


def prose(raw: RawDocument) -> list[Statistic]:
    stats, _ = extract_statistics(raw)
    return [s for s in stats if s.source == "prose"]


def find(stats: list[Statistic], label: str, value: float) -> Statistic:
    (found,) = [s for s in stats if s.row == [label] and s.value == value]
    return found


def test_seed_report(read) -> None:
    raw = read("seed/zhangdian_ajj_2017_annual_report.txt")
    stats = prose(raw)
    published = find(stats, "主动公开政府信息", 26)
    assert published.unit == "条" and published.table == "prose" and published.column == []
    assert published.evidence == "截止2017年底，区安监局累计主动公开政府信息26条，全文电子化率达100%。"
    assert find(stats, "全文电子化率", 100).unit == "%"
    none = find(stats, "信息公开申请", 0)
    assert none.evidence == "2017年，区安监局无信息公开申请。" and none.unit == "件"
    for stat in stats:
        assert raw.text[stat.location.offset :].startswith(stat.evidence)


def test_huaian_and_pingtan(read) -> None:
    huaian = prose(read("reports/huaian_2024_annual_report.pdf"))
    assert find(huaian, "受理政府信息公开申请", 3119).unit == "件"
    fee = find(huaian, "收取政府信息公开信息处理费", 3940)
    assert fee.unit == "元" and "3940 元" in (fee.evidence or "")
    pingtan = prose(read("reports/pingtan_2024_annual_report.html"))
    assert find(pingtan, "主动公开各类政府信息", 10407).unit == "条"
    assert find(pingtan, "办理政府信息公开申请", 218).evidence == "全年办理政府信息公开申请218件。"


def test_other_reports(read) -> None:
    hainan = prose(read("reports/partial/hainan_tunchang_county_bureau_2015_annual_report.txt"))
    assert find(hainan, "主动公开政府信息", 62).unit == "条"
    pingtan = prose(read("reports/pingtan_2017_annual_report.txt"))
    assert find(pingtan, "主动公开政府信息", 2122).unit == "条"
    assert find(pingtan, "收到政府信息公开申请", 0).evidence.endswith("未收到有关政府信息公开申请。")
    shenyang = prose(read("reports/partial/shenyang_hunnan_sasac_2022_annual_report.txt"))
    assert find(shenyang, "收取信息处理费", 0).unit == "元"


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告所列数据统计期限自2024年1月1日至2024年12月31日。",
        "联系电话：0591-23162606，邮编：350400。",
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。",
        "国务院令第711号修订。",
        "第2次会议审议通过。",
    ],
)
def test_dates_numbers_phones_and_years_are_not_statistics(sentence: str) -> None:
    assert prose_statistics(sentence) == []


def test_one_pattern_not_a_list_of_sentences() -> None:
    stats = prose_statistics("今年我县共受理依申请公开 1,204 件，其中予以公开 800 件；发布政策解读稿件35篇。")
    assert [(s.row[0], s.value, s.unit) for s in stats] == [
        ("受理依申请公开", 1204, "件"),
        ("予以公开", 800, "件"),
        ("发布政策解读稿件", 35, "篇"),
    ]
