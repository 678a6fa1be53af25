"""Statistics of an annual report: template table cells with their slots, prose numbers, checks.

    extract_statistics(raw)
    ├── tables       the three template tables read from real grids (HTML, PDF, DOCX, pipe tables)
    │   ├── proactive      二、主动公开   第二十条 items × 本年制发件数 …
    │   ├── applications   三、申请 (row path × applicant column), 四、复议/诉讼 (column path)
    │   └── slots          which template slot (bot/lexicon/template.toml) each cell fills
    ├── recover      the same tables from text that lost its grid
    │   ├── flow           the text with text files' tables written back; each table's part
    │   ├── pieces         that part cut into printed rows of numbers at the template's labels
    │   ├── order          printed rows placed on template rows, by label and by position
    │   └── readings       every way to read a row's numbers; the identities choose
    ├── verify       the template's identities: each cell's `verified`, failures as warnings
    ├── audit        slots found / expected, verified / unverified: what `gongkai check` prints
    ├── legacy       the flattened pre-2019 统计表, when it can be split soundly
    └── prose        "(what)(number)(unit)" and "无/未收到…" zeros, with the sentence

For each table the reading with more verified cells wins, the grid's on a tie. A template
whose tables are entirely blank (the format document itself) gives a warning, not a
report full of zeros. Blank cells in a filled report are 0 with blank=True; a table that
is missing gives no statistics at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.corpus.models import Statistic
from bot.corpus.raw import RawDocument
from bot.corpus.stats.labels import template
from bot.corpus.stats.legacy import legacy_statistics
from bot.corpus.stats.prose import prose_statistics
from bot.corpus.stats.recover import read_flow_tables
from bot.corpus.stats.tables import read_template_tables
from bot.corpus.stats.verify import IdentityCheck, check_identities, conflict_warnings, verify

__all__ = ["IdentityCheck", "check_identities", "extract_statistics"]

Reading = tuple[list[Statistic], list[str]]


def extract_statistics(raw: RawDocument) -> tuple[list[Statistic], list[str]]:
    """The statistics of one report and warnings about what could not be read or does not add up."""
    grid = _by_table((r.kind, r.statistics, r.warnings) for r in read_template_tables(raw))
    warnings: list[str] = []
    grid_cells = [s for stats, _ in grid.values() for s in stats]
    if grid_cells and all(cell.blank for cell in grid_cells):
        warnings.append("统计表全部为空白（可能是空白模板），未读取表格数字")
        grid = {}
    flow = _by_table((r.kind, r.statistics, r.warnings) for r in read_flow_tables(raw))
    cells: list[Statistic] = []
    for kind in template().tables:
        options = [reading for reading in (grid.get(kind), flow.get(kind)) if reading]
        if options:
            stats, notes = max(options, key=_score)
            cells += stats
            warnings += notes
    warnings += conflict_warnings(cells)
    warnings += [check.describe() for check in verify(cells) if not check.holds]
    prose = prose_statistics(raw.text)
    if not cells:
        legacy, legacy_warnings = legacy_statistics(raw.text, prose)
        cells += legacy
        warnings += legacy_warnings
    return cells + prose, warnings


def _by_table(readings: Iterable[tuple[str, list[Statistic], list[str]]]) -> dict[str, Reading]:
    """Readings of the same table joined (a table split in two the reader could not re-join)."""
    joined: dict[str, Reading] = {}
    for kind, stats, notes in readings:
        before = joined.get(kind, ([], []))
        joined[kind] = (before[0] + stats, before[1] + notes)
    return joined


def _score(reading: Reading) -> tuple[int, int]:
    """How much of a table a reading proves: verified cells, then cells with a slot."""
    stats, _ = reading
    verify(stats)
    return sum(1 for s in stats if s.verified), sum(1 for s in stats if s.slot)
