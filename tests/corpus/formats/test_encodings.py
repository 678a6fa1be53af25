"""Copies of real samples in the encodings government sites use read exactly like the originals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bot.corpus.formats import read_document

SAMPLES = [
    "seed/zhangdian_ajj_2017_annual_report.txt",
    "reports/pingtan_2017_annual_report.txt",
    "reports/partial/yangling_audit_2022_annual_report_excerpt.txt",
    "reports/partial/wuhan_hanyang_gov_office_2022_annual_report_excerpt.md",
    "reports/pingtan_2024_annual_report.html",
    "items/pingtan_item_PZ00101-1700-2023-00040.html",
]
ENCODINGS = [
    ("gb18030", lambda text: text.encode("gb18030")),
    ("utf-8-sig", lambda text: codecs.BOM_UTF8 + text.encode("utf-8")),
    ("utf-16", lambda text: text.encode("utf-16")),
]


@pytest.mark.parametrize("rel", SAMPLES)
@pytest.mark.parametrize(("encoding", "encode"), ENCODINGS, ids=[e for e, _ in ENCODINGS])
def test_reencoded_copy_reads_identically(
    tmp_path: Path, corpus_dir: Path, read, rel, encoding, encode
) -> None:
    original = read(rel)
    copy = tmp_path / Path(rel).name
    copy.write_bytes(encode((corpus_dir / rel).read_text(encoding="utf-8")))
    raw = read_document(copy, rel)
    assert raw.encoding == encoding
    assert raw.text == original.text
    assert raw.tables == original.tables
    assert raw.fields == original.fields


def test_gbk_page_declaring_gb2312(tmp_path: Path) -> None:
    page = tmp_path / "gbk.html"
    html = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>"
    page.write_bytes((html + "<body><p>政府信息公开指南：依申请公开。</p></body></html>").encode("gbk"))
    raw = read_document(page, "gbk.html")
    assert raw.text == "政府信息公开指南：依申请公开。"
    assert raw.encoding == "gb18030"
