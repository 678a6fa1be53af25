"""Comparison charts: an answer's series as a PNG, a line over the years or bars of agencies.

    chart_png(answer.series) -> Chart | None     None when fewer than two points compare

Only comparable points are drawn (`Figure.comparable`: a value, verified): the same
points the answer compares. A series of several years is a line per agency; one year
of several agencies is a bar chart. Every chart has a title (the figure, and the agency
or year), axis labels, each value written at its point, and the sources under it.
Channels decide where the PNG goes (a Telegram photo, a file beside the terminal).

The Chinese text is set in Noto Sans CJK SC (SIL Open Font License) from the `mplfonts`
package, an installed dependency: the font is a file inside the package, so charts
look the same on every machine and need no network and no system fonts. mplfonts is the
widely used matplotlib package made for exactly this ("tofu" boxes in CJK charts); only
its font file is used, never its code, which would change matplotlib's global settings.
A missing font, or a character the font lacks, raises ChartError: no chart is drawn
rather than one with boxes for words. matplotlib is imported when a chart is drawn,
never at import, and no global state (pyplot, rcParams) is touched.
"""

from __future__ import annotations

import importlib.util
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answer.compose import value_text
from bot.answer.models import Figure
from bot.errors import ChartError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties

FONT_PACKAGE = "mplfonts"
FONT_FILE = Path("fonts") / "NotoSansCJKsc-Regular.otf"
WIDTH, HEIGHT, DPI = 10.0, 6.0, 100  # inches at DPI: 1000 × 600 pixels
SIZE = (int(WIDTH * DPI), int(HEIGHT * DPI))
MAX_SOURCES = 4  # report titles written under a chart
SOURCE_WRAP = 70  # characters per source line
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#2c3e50")
MISSING_FONT = (
    "图表需要的中文字体（Noto Sans CJK SC，随 mplfonts 安装）没有找到：请在程序目录运行 make setup，"
    "或 pip install mplfonts。"
)


@dataclass(frozen=True)
class Chart:
    """A drawn chart: the PNG and the points it shows, in the order of the series."""

    png: bytes
    points: list[Figure]
    title: str


def chart_png(series: Sequence[Figure]) -> Chart | None:
    """The chart of a comparison's series; None when fewer than two points compare."""
    points = [p for p in series if p.comparable]
    if len(points) < 2:
        return None
    agencies = list(dict.fromkeys(p.agency for p in points))
    years = sorted({p.year for p in points})
    as_lines = len(agencies) == 1 or len(years) > 1
    title = _title(points, agencies, years, as_lines)
    texts = [title, *agencies, *_labels(points), *_footer(series)]
    font = _font(texts)
    return Chart(_draw(points, agencies, years, as_lines, title, _footer(series), font), points, title)


def font_file() -> Path:
    """The CJK font file the charts use; ChartError when it is not installed."""
    spec = importlib.util.find_spec(FONT_PACKAGE)  # finds the package without running its code
    if spec is None or not spec.submodule_search_locations:
        raise ChartError(MISSING_FONT)
    path = Path(next(iter(spec.submodule_search_locations))) / FONT_FILE
    if not path.is_file():
        raise ChartError(MISSING_FONT)
    return path


def _font(texts: list[str]) -> FontProperties:
    """The font, after checking it has every character the chart writes."""
    from matplotlib.font_manager import FontProperties

    path = font_file()
    lacking = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in _charmap(path)}
    if lacking:
        raise ChartError(f"图表字体缺少这些字符，不画图：{''.join(sorted(lacking))}")
    return FontProperties(fname=path)


@cache
def _charmap(path: Path) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


def _draw(
    points: list[Figure],
    agencies: list[str],
    years: list[int],
    as_lines: bool,
    title: str,
    footer: list[str],
    font: FontProperties,
) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as Canvas

    canvas = Canvas(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(canvas)
    bottom = 0.12 + 0.035 * len(footer)
    axes = canvas.add_axes((0.1, bottom, 0.86, 0.88 - bottom))
    if as_lines:
        _lines(axes, points, agencies, years, font)
    else:
        _bars(axes, points, font)
    unit = points[0].unit or ""
    axes.set_ylabel(f"数量（{unit}）" if unit else "数量", fontproperties=font, fontsize=12)
    axes.set_xlabel("年度" if as_lines else "机关", fontproperties=font, fontsize=12)
    axes.set_ylim(0, max(p.value or 0 for p in points) * 1.18 or 1)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    canvas.suptitle(title, fontproperties=font, fontsize=15, y=0.975)
    for number, line in enumerate(footer):
        canvas.text(0.02, 0.02 + 0.035 * (len(footer) - 1 - number), line, fontproperties=font, fontsize=9)
    out = io.BytesIO()
    canvas.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _lines(
    axes: Axes, points: list[Figure], agencies: list[str], years: list[int], font: FontProperties
) -> None:
    for number, agency in enumerate(agencies):
        own = [p for p in points if p.agency == agency]
        colour = COLOURS[number % len(COLOURS)]
        xs, ys = [p.year for p in own], [p.value or 0 for p in own]
        axes.plot(xs, ys, marker="o", color=colour, linewidth=2, label=agency)
        for p in own:
            text = value_text(p.value, p.unit)
            axes.annotate(text, (p.year, p.value or 0), textcoords="offset points", xytext=(0, 8),
                          ha="center", fontproperties=font, fontsize=11, color=colour)  # fmt: skip
    axes.set_xticks(years, [f"{y}年" for y in years], fontproperties=font)
    if len(years) == 1:
        axes.set_xlim(years[0] - 1, years[0] + 1)
    if len(agencies) > 1:
        axes.legend(prop=font, frameon=False)


def _bars(axes: Axes, points: list[Figure], font: FontProperties) -> None:
    names = [p.agency for p in points]
    values = [p.value or 0 for p in points]
    bars = axes.bar(range(len(points)), values, color=[COLOURS[i % len(COLOURS)] for i in range(len(points))])
    axes.bar_label(bars, labels=[value_text(p.value, p.unit) for p in points], padding=3, fontproperties=font)
    width = max(8, 48 // len(points))  # characters of a name per line under its bar
    axes.set_xticks(range(len(points)), [_wrap(n, width) for n in names], fontproperties=font)


def _title(points: list[Figure], agencies: list[str], years: list[int], as_lines: bool) -> str:
    label = points[0].label
    if as_lines and len(agencies) == 1:
        return f"{agencies[0]} {label}（{years[0]}—{years[-1]}年）"
    if as_lines:
        return f"{label}（{years[0]}—{years[-1]}年）"
    return f"{years[0]}年 {label}"


def _labels(points: list[Figure]) -> list[str]:
    """Every text the chart writes besides its title, names and sources."""
    values = [value_text(p.value, p.unit) for p in points]
    return [*values, *(f"{p.year}年" for p in points), "数量（）年度机关"]


def _footer(series: Sequence[Figure]) -> list[str]:
    """The sources under the chart, and a note when points were left out."""
    titles = list(dict.fromkeys(p.citation.title for p in series if p.comparable and p.citation))
    shown = "；".join(f"《{t}》" for t in titles[:MAX_SOURCES])
    if len(titles) > MAX_SOURCES:
        shown += f" 等{len(titles)}份报告"
    lines = textwrap.wrap(f"来源：{shown}", SOURCE_WRAP)
    left_out = [p for p in series if not p.comparable]
    if left_out:
        lines.append(f"只画出已核实的数字；另有{len(left_out)}处没有数字或未能核实，见文字回答。")
    return lines


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
