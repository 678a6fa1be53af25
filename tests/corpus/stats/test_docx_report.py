"""A report retyped into Word (text and a merged-cell table) yields the same statistics."""

from __future__ import annotations

from pathlib import Path

import docx
from bs4 import BeautifulSoup

from bot.corpus.formats import read_document
from bot.corpus.stats import extract_statistics

REPORT = "reports/pingtan_2024_annual_report.html"


def _copy_table(source, document) -> None:
    """Lay out the HTML table in Word, merging cells as its rowspan/colspan say."""
    rows = source.find_all("tr")
    width = sum(int(td.get("colspan", 1)) for td in rows[0].find_all("td"))
    table = document.add_table(rows=len(rows), cols=width)
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all("td"):
            while (r, c) in taken:
                c += 1
            down, across = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            taken |= {(r + dr, c + dc) for dr in range(down) for dc in range(across)}
            merged = table.cell(r, c).merge(table.cell(r + down - 1, c + across - 1))
            merged.text = "\n".join(p.get_text() for p in td.find_all("p")) or td.get_text()
            c += across


def test_docx_copy_gives_the_html_statistics(tmp_path: Path, corpus_dir: Path, read) -> None:
    original = read(REPORT)
    soup = BeautifulSoup((corpus_dir / REPORT).read_bytes(), "lxml")
    document = docx.Document()
    for line in original.text.splitlines():
        document.add_paragraph(line)
        if line == "三、收到和处理政府信息公开申请情况":
            _copy_table(soup.find_all("table")[1], document)
    path = tmp_path / "report.docx"
    document.save(str(path))

    copy = read_document(path, "report.docx")
    assert copy.tables[0].caption == "三、收到和处理政府信息公开申请情况"
    ours, warnings = extract_statistics(copy)
    theirs, _ = extract_statistics(original)
    assert warnings == []

    def table(stats):
        return sorted((tuple(s.row), tuple(s.column), s.value) for s in stats if s.table == "applications")

    assert len(table(ours)) == 25 * 7
    assert table(ours) == table(theirs)
    prose = sorted((tuple(s.row), s.value) for s in ours if s.source == "prose")
    assert prose == sorted((tuple(s.row), s.value) for s in theirs if s.source == "prose")
