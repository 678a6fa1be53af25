"""Charts as files: `gongkai ask --json --charts DIR` and `gongkai chat`, as real processes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

from bot.answer.models import Figure
from bot.charts import SIZE, chart_png

COMPARISONS = ["平潭2017年到2024年主动公开的变化", "淮安和平潭2024年谁收到的申请多"]


def gongkai(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")},
    )


def test_ask_json_writes_each_chart_and_reports_its_path_and_series(built_index: Path, tmp_path: Path):
    charts = tmp_path / "charts"
    questions = [*COMPARISONS, "淮安2024年收到多少件申请"]
    run = gongkai("ask", "--json", "--charts", str(charts), "-", "--index", str(built_index),
                  stdin="\n".join(questions) + "\n")  # fmt: skip
    assert run.returncode == 0, run.stderr
    years, agencies, single = [json.loads(line) for line in run.stdout.splitlines()]
    assert single["chart"] is None and single["series"] == []
    for reply in (years, agencies):
        path = Path(reply["chart"])
        assert path.parent == charts and path.name == f"gongkai-chart-{reply['id']}.png"
        picture = Image.open(io.BytesIO(path.read_bytes()))
        assert picture.format == "PNG" and picture.size == SIZE
        series = [Figure.model_validate(point) for point in reply["series"]]
        drawn = chart_png(series)  # the JSON's series draws the very same chart
        assert drawn is not None and drawn.png == path.read_bytes()
        assert (
            drawn.points
            == [p for p in series if p.comparable]
            == [Figure.model_validate(f) for f in reply["figures"]]
        )
    assert [p["value"] for p in years["series"]] == [2122, *[None] * 6, 10407]
    assert sorted(p.name for p in charts.iterdir()) == sorted(
        Path(r["chart"]).name for r in (years, agencies)
    )


def test_ask_without_charts_keeps_its_json_as_before(built_index: Path):
    run = gongkai("ask", "--json", COMPARISONS[1], "--index", str(built_index))
    reply = json.loads(run.stdout)
    assert "chart" not in reply and len(reply["series"]) == 2


def test_chat_saves_the_chart_in_the_current_folder_and_prints_its_path(built_index: Path, tmp_path: Path):
    run = gongkai("chat", "--index", str(built_index), stdin=f"{COMPARISONS[0]}\n/quit\n", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    [saved] = re.findall(r"图表已保存：(\S+\.png)", run.stdout)
    assert Path(saved).parent == tmp_path
    with Image.open(saved) as picture:
        assert picture.size == SIZE


def test_chat_charts_go_where_asked(built_index: Path, tmp_path: Path):
    folder = tmp_path / "图表"
    run = gongkai("chat", "--index", str(built_index), "--charts", str(folder),
                  stdin=f"{COMPARISONS[1]}\n淮安的邮箱\n/quit\n", cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert len(list(folder.iterdir())) == 1 and run.stdout.count("图表已保存") == 1
