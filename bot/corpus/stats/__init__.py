"""Statistics of an annual report: template table cells, prose numbers, checks.

    extract_statistics(raw)
    ├── tables       find the national template's three tables (any format) and read
    │   ├── proactive      二、主动公开   第二十条 items × 本年制发件数 …
    │   └── applications   三、申请 (row path × applicant column), 四、复议/诉讼 (column path)
    ├── consistency  the template's arithmetic (一 + 二 = （七）总计 + 四), as warnings
    ├── legacy       the flattened pre-2019 统计表, when it can be split soundly
    └── prose        "(what)(number)(unit)" and "无/未收到…" zeros, with the sentence

A template whose tables are entirely blank (the format document itself) gives a
warning, not a report full of zeros. Blank cells in a filled report are 0 with
blank=True; a table that is missing gives no statistics at all.
"""

from __future__ import annotations

from bot.corpus.models import Statistic
from bot.corpus.raw import RawDocument
from bot.corpus.stats.legacy import legacy_statistics
from bot.corpus.stats.prose import prose_statistics
from bot.corpus.stats.tables import read_template_tables
from bot.corpus.stats.verify import conflict_warnings, verify

__all__ = ["extract_statistics"]


def extract_statistics(raw: RawDocument) -> tuple[list[Statistic], list[str]]:
    """The statistics of one report and warnings about what could not be read or does not add up."""
    readings = read_template_tables(raw)
    cells = [s for reading in readings for s in reading.statistics]
    warnings = [w for reading in readings for w in reading.warnings]
    if cells and all(cell.blank for cell in cells):
        warnings.append("统计表全部为空白（可能是空白模板），未读取表格数字")
        cells = []
    warnings += conflict_warnings(cells)
    warnings += [check.describe() for check in verify(cells) if not check.holds]
    prose = prose_statistics(raw.text)
    if not readings:
        legacy, legacy_warnings = legacy_statistics(raw.text, prose)
        cells += legacy
        warnings += legacy_warnings
    return cells + prose, warnings
