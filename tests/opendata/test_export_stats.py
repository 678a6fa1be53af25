"""`gongkai export-stats`: one row per verified template cell, the same cells `gongkai check` counts."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.commands.check import report
from bot.corpus.models import Corpus
from bot.opendata import COLUMNS

BOM = "\ufeff".encode()


def export(built_index: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "export-stats", "--index", str(built_index), *args],
        capture_output=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")},
    )


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)  # Excel reads the Chinese text as UTF-8 only with it
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def everything(built_index: Path) -> list[dict[str, str]]:
    run = export(built_index, "--format", "csv")
    assert run.returncode == 0, run.stderr
    return rows_of(run.stdout)


def test_one_row_per_verified_cell_as_check_counts_them(everything, corpus: Corpus):
    checked = {doc["id"]: doc["verified"] for doc in report(corpus)["documents"] if "verified" in doc}
    exported = Counter(row["document"] for row in everything)
    assert exported == {doc: n for doc, n in checked.items() if n}
    assert sum(exported.values()) == sum(checked.values()) > 1000


def test_rows_are_tidy_and_say_where_each_figure_stands(everything):
    assert tuple(everything[0]) == COLUMNS
    assert all(row["verified"] == "True" and row["slot"] for row in everything)
    assert len({(row["document"], row["slot"]) for row in everything}) == len(everything)
    [new] = [
        row
        for row in everything
        if row["agency"] == "淮安市人民政府"
        and row["year"] == "2024"
        and row["slot"] == "applications.new.total"
    ]
    assert new["value"] == "3119" and new["unit"] == "件" and new["label"] == "本年新收政府信息公开申请数量"
    assert new["row"] == "一、本年新收政府信息公开申请数量" and new["column"].endswith("总计")
    assert new["page"] and new["table_number"] and new["title"].startswith("淮安市人民政府2024年")


def test_agency_and_years_narrow_it(built_index: Path, everything):
    run = export(built_index, "--agency", "平潭", "--from", "2022", "--to", "2022")
    rows = rows_of(run.stdout)
    assert {row["year"] for row in rows} == {"2022"}
    assert {row["agency"] for row in rows} == {"平潭综合实验区公安局", "平潭综合实验区交通与建设局"}
    expected = [r for r in everything if r["agency"].startswith("平潭") and r["year"] == "2022"]
    assert rows == expected


def test_json_holds_the_same_rows(built_index: Path, everything, tmp_path: Path):
    out = tmp_path / "统计.json"
    run = export(built_index, "--format", "json", "--agency", "淮安市人民政府", "--output", str(out))
    assert run.returncode == 0 and run.stdout == b""
    rows = json.loads(out.read_text(encoding="utf-8"))
    expected = [r for r in everything if r["agency"] == "淮安市人民政府"]
    assert [(r["slot"], r["value"]) for r in rows] == [(r["slot"], float(r["value"])) for r in expected]


def test_an_unknown_agency_or_backwards_years_is_a_clear_error(built_index: Path):
    unknown = export(built_index, "--agency", "火星")
    assert unknown.returncode == 2 and "火星" in unknown.stderr.decode()
    backwards = export(built_index, "--from", "2024", "--to", "2020")
    assert backwards.returncode == 2 and b"--from" in backwards.stderr
