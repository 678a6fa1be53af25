"""`gongkai check`: every sample loads; failures and bad usage give their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus import iter_document_paths
from tests.conftest import REPO
from tests.corpus.conftest import CopyCorpus


def test_every_sample_document_loads(corpus_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(corpus_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    documents = list(iter_document_paths(corpus_dir))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok    data files: 7 valid")
    assert sum(line.startswith("ok    ") for line in lines[1:]) == len(documents)
    assert "FAIL" not in result.stdout
    assert f"{len(documents)} loaded, 0 failed" in result.stdout
    assert (
        "ok    seed/zhangdian_ajj_2017_annual_report.txt  report/pre2019  张店区应急管理局  2017"
        in result.stdout
    )


def test_json_report(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(corpus_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["failed"] == 0
    seed = next(d for d in report["documents"] if d["id"].startswith("seed/"))
    assert (seed["kind"], seed["agency"], seed["year"], seed["contacts"]) == (
        "report",
        "张店区应急管理局",
        2017,
        1,
    )
    assert {c["field"] for c in report["conflicts"]} == {"address", "fax"}
    docs = {d["id"]: d for d in report["documents"]}
    huaian = docs["reports/huaian_2024_annual_report.pdf"]
    assert (huaian["slots_found"], huaian["slots_expected"], huaian["verified"], huaian["unverified"]) == (
        200,
        200,
        200,
        0,
    )
    assert huaian["failed_identities"] == []
    # the 2021 公安局 report carries its one application both as done and as carried forward
    psb = docs["reports/pingtan_public_security_bureau_2021_annual_report.txt"]
    assert {f["id"] for f in psb["failed_identities"]} == {
        "applications.balance[natural]",
        "applications.balance[total]",
    }
    # every one of those cells still adds up along its own row, which vouches for it
    assert psb["verified"] + psb["unverified"] == 200 and psb["unverified"] == 0
    templated = [d for d in report["documents"] if d["template"] == "2019plus"]
    assert len(templated) >= 10 and all("verified" in d and "unverified" in d for d in templated)
    assert "slots_found" not in seed and "slots_found" not in docs["law/prc_ogi_regulations_2019.md"]


def test_failures_are_listed_and_exit_1(bare_corpus: CopyCorpus, capsys: pytest.CaptureFixture[str]) -> None:
    root = bare_corpus("seed/zhangdian_ajj_2017_annual_report.txt")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")
    (root / "broken.md").write_text("# 某某指南\n一、受理机构\n", encoding="utf-8")
    (root / "broken.meta.json").write_text("{not json", encoding="utf-8")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  empty.txt: empty file" in out
    assert "FAIL  broken.md: unreadable sidecar broken.meta.json" in out
    assert "ok    seed/zhangdian_ajj_2017_annual_report.txt" in out
    assert "1 loaded, 2 failed" in out


def test_a_corpus_that_is_no_folder_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err
