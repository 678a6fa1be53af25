"""Comparison charts as PNG: what is drawn, at what size, and never with missing glyphs."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from bot import charts
from bot.answer.models import Citation, Figure
from bot.charts import SIZE, chart_png
from bot.errors import ChartError
from tests.answer.conftest import Ask


def image(png: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(png))
    picture.load()
    return picture


def inked(picture: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Whether anything is drawn in a region (the image is white elsewhere)."""
    low, _ = picture.convert("L").crop(box).getextrema()
    return low < 128


def test_a_series_of_years_is_a_line_chart_of_its_compared_points(ask: Ask) -> None:
    reply = ask("平潭2017年到2024年主动公开的变化")
    chart = chart_png(reply.series)
    assert chart is not None
    picture = image(chart.png)
    assert picture.format == "PNG" and picture.size == SIZE
    assert chart.points == [p for p in reply.series if p.comparable] == reply.figures
    assert [(p.year, p.value) for p in chart.points] == [(2017, 2122), (2024, 10407)]
    assert "2017—2024年" in chart.title and "主动公开" in chart.title
    assert inked(picture, (0, 0, SIZE[0], 50))  # the title
    assert inked(picture, (0, SIZE[1] - 70, SIZE[0], SIZE[1]))  # the sources under it


def test_agencies_of_one_year_are_bars(ask: Ask) -> None:
    reply = ask("淮安和平潭2024年谁收到的申请多")
    chart = chart_png(reply.series)
    assert chart is not None and image(chart.png).size == SIZE
    assert [p.value for p in chart.points] == [3119, 218]
    assert chart.title == "2024年 本年新收政府信息公开申请数量"


def test_no_chart_without_two_compared_points(ask: Ask) -> None:
    reply = ask("洪泽区2023年到2024年行政复议的变化")  # 2023's table does not add up
    assert len(reply.series) == 2 and chart_png(reply.series) is None
    assert chart_png(ask("淮安2024年收到多少件申请").series) is None  # no comparison at all


def _point(year: int, label: str = "本年新收政府信息公开申请数量") -> Figure:
    citation = Citation(title=f"某机关{year}年政府信息公开工作年度报告")
    return Figure(agency="某机关", year=year, label=label, value=year - 2000, unit="件", verified=True,
                  citation=citation)  # fmt: skip


def test_a_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "FONT_PACKAGE", "no_such_font_package")
    with pytest.raises(ChartError, match="mplfonts"):
        chart_png([_point(2023), _point(2024)])


def test_a_font_file_gone_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "FONT_FILE", charts.FONT_FILE.with_name("gone.otf"))
    with pytest.raises(ChartError, match="中文字体"):
        chart_png([_point(2023), _point(2024)])


def test_text_the_font_cannot_write_draws_no_chart() -> None:
    with pytest.raises(ChartError, match="ཀ"):
        chart_png([_point(2023, "ཀ申请"), _point(2024, "ཀ申请")])


def test_the_readme_shows_a_real_chart_in_both_languages() -> None:
    from tests.ship.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    chinese, english = readme.split("## English", 1)
    [shown] = set(re.findall(r"!\[[^]]*\]\((docs/[\w.-]+\.png)\)", chinese))
    assert f"]({shown})" in english
    with Image.open(REPO / shown) as picture:
        assert picture.format == "PNG" and picture.size == SIZE
