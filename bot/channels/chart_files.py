"""Charts as files, for the terminal channels: `gongkai chat` and `gongkai ask --charts DIR`."""

from __future__ import annotations

from pathlib import Path

from bot.answer.models import Answer
from bot.charts import chart_png


def chart_name(answer: Answer) -> str:
    """The file name of an answer's chart: unique per answer, plain ASCII."""
    return f"gongkai-chart-{answer.id}.png"


def save_chart(answer: Answer, folder: Path) -> Path | None:
    """Draw the answer's chart into the folder; None when it compares nothing to draw.

    Raises ChartError when the chart's font is missing and OSError when the folder
    cannot be written: the caller says so and keeps the answer.
    """
    chart = chart_png(answer.series) if answer.series else None
    if chart is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / chart_name(answer)
    path.write_bytes(chart.png)
    return path
