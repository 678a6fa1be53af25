"""The 信息处理费 scales of 国办函〔2020〕109号 at every band boundary."""

import pytest

from bot.assist.fees import (
    FeeMethod,
    estimate_by_applications,
    estimate_by_pages,
    explain_fee,
    explain_free_by_default,
)
from bot.errors import InvalidField


@pytest.mark.parametrize(
    ("count", "total"),
    [
        (1, 0),
        (10, 0),  # 10件以下（含10件）不收费
        (11, 100),  # 11-30: 100元/件
        (30, 2000),  # 20 × 100
        (31, 2200),  # 31-40: 200元/件 → 2000 + 200
        (40, 4000),  # 2000 + 10 × 200
        (41, 4300),  # 41-50: 300元/件 → 4000 + 300
        (50, 7000),  # 4000 + 10 × 300
        (51, 7400),  # 51-60: 400元/件
    ],
)
def test_per_application_bands(count, total):
    estimate = estimate_by_applications(count)
    assert estimate.method is FeeMethod.PER_APPLICATION
    assert estimate.total == total
    assert estimate.due is (total > 0)
    assert sum(tier.units for tier in estimate.tiers) == count


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (1, 0),
        (30, 0),  # 30页以下（含30页）不收费
        (31, 10),  # 31-100: 10元/页
        (100, 700),  # 70 × 10
        (101, 720),  # 101-200: 20元/页
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 201页以上: 40元/页
        (2219, 83460),  # 2700 + 2019 × 40: a fee reported in the press for 2219 pages
    ],
)
def test_per_page_bands(pages, total):
    estimate = estimate_by_pages(pages)
    assert estimate.method is FeeMethod.PER_PAGE
    assert estimate.total == total
    assert sum(tier.units for tier in estimate.tiers) == pages


def test_applications_already_made_this_month_count_towards_the_bands():
    # Applications 29 and 30 at 100, 31-33 at 200.
    estimate = estimate_by_applications(5, previous=28)
    assert estimate.total == 2 * 100 + 3 * 200
    assert estimate_by_applications(3, previous=5).total == 0
    assert estimate_by_applications(5, previous=28).total == (
        estimate_by_applications(33).total - estimate_by_applications(28).total
    )


def test_the_breakdown_shows_each_band():
    text = explain_fee(estimate_by_applications(41))
    assert "第1-10件：10件，不收费" in text
    assert "第11-30件：20件，100元/件 × 20件 = 2000元" in text
    assert "第31-40件：10件，200元/件 × 10件 = 2000元" in text
    assert "第41-50件：1件，300元/件 × 1件 = 300元" in text
    assert "合计：4300元" in text
    assert "次日起20个工作日内缴纳" in text


def test_no_fee_is_said_plainly():
    text = explain_fee(estimate_by_pages(30))
    assert "合计：0元，不需要缴纳信息处理费" in text
    assert "缴纳，逾期" not in text
    assert "第201页以上：50页，40元/页 × 50页 = 2000元" in explain_fee(estimate_by_pages(250))


def test_free_by_default_cites_article_42_and_the_measures():
    text = explain_free_by_default()
    assert "不收取任何费用" in text and "第四十二条" in text and "国办函〔2020〕109号" in text
    assert "只能选其中一种" in text


@pytest.mark.parametrize("bad", [0, -1, 10_000_001])
def test_impossible_quantities_are_refused(bad):
    with pytest.raises(InvalidField):
        estimate_by_pages(bad)
    with pytest.raises(InvalidField):
        estimate_by_applications(bad)
