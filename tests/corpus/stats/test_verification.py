"""A real report with one number changed: the identities it breaks no longer vouch for their cells.

A cell is verified when an identity it takes part in holds; the changed cell breaks every
identity it is in (its row's total and its column's sums), so it alone loses the flag,
while its neighbours keep the identities that still hold for them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus.formats import read_document
from bot.corpus.models import Statistic
from bot.corpus.stats import check_identities, extract_statistics

TRANSPORT_2022 = "reports/pingtan_transport_construction_bureau_2022_annual_report.txt"
PSB_2021 = "reports/pingtan_public_security_bureau_2021_annual_report.txt"
PRINTED, CHANGED = "（一）予以公开 7 0 0 0 0 0 7", "（一）予以公开 8 0 0 0 0 0 7"


def changed_copy(corpus_dir: Path, root: Path, rel: str, old: str, new: str) -> Path:
    """The report copied under root with one printed number changed."""
    text = (corpus_dir / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def by_slot(stats: list[Statistic]) -> dict[str, Statistic]:
    return {s.slot: s for s in stats if s.slot}


@pytest.mark.parametrize(
    ("rel", "old", "new", "broken", "granted", "changed"),
    [
        # spaces between cells: 予以公开 自然人 7 -> 8
        (
            TRANSPORT_2022,
            PRINTED,
            CHANGED,
            {"applications.row_total[granted]", "applications.results[natural]"},
            7,
            {"applications.granted.natural"},
        ),
        # cells run together: 予以公开 0000000 -> 1000001, two cells changed so that the row
        # still adds up: only the columns' sums catch it, and each changed cell keeps its row
        (
            PSB_2021,
            "（一）予以公开0000000",
            "（一）予以公开1000001",
            {"applications.results[natural]", "applications.results[total]"},
            1,
            set(),
        ),
    ],
)
def test_one_changed_number_unverifies_exactly_the_cells_of_the_broken_identities(
    corpus_dir: Path,
    tmp_path: Path,
    rel: str,
    old: str,
    new: str,
    broken: set[str],
    granted: float,
    changed: set[str],
) -> None:
    original = by_slot(extract_statistics(read_document(corpus_dir / rel, rel))[0])
    path = changed_copy(corpus_dir, tmp_path, rel, old, new)
    stats, warnings = extract_statistics(read_document(path, rel))
    cells = by_slot(stats)
    assert set(cells) == set(original)  # nothing lost: the printed numbers are all still read
    checks, _ = check_identities(list(cells.values()))
    failing = {c.identity.id for c in checks if not c.holds}
    assert broken <= failing
    holding = {slot for c in checks if c.holds for slot in c.identity.slots()}
    covered = {slot for c in checks for slot in c.identity.slots()}
    suspect = covered - holding  # every identity of these cells fails
    assert suspect == changed
    for slot, stat in cells.items():
        assert stat.verified == (slot not in suspect and original[slot].verified), slot
    total = cells["applications.granted.total"]
    assert total.value == granted and total.verified  # its column's results still add up
    assert cells["applications.new.business"].verified  # in no broken identity
    assert any("各项办理结果之和" in w for w in warnings)


def test_gongkai_check_names_the_failing_identity(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "corpus"
    changed_copy(corpus_dir, root, TRANSPORT_2022, PRINTED, CHANGED)
    assert main(["check", str(root), "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    failed = {f["id"]: f for f in doc["failed_identities"]}
    granted = failed["applications.row_total[granted]"]
    assert (granted["left"], granted["right"]) == (7, 8)
    assert granted["cells"]["applications.granted.natural"] == 8
    assert "（一）予以公开" in granted["text"]
    assert (doc["slots_found"], doc["slots_expected"]) == (200, 200)
    assert doc["verified"] + doc["unverified"] == 200 and doc["unverified"] == 1  # the changed cell

    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "template slots 200/200" in out
    assert "identity fails: 申请情况表“（一）予以公开”行：各列之和 8 与总计 7 不符" in out
    assert "applications.granted.total=7 ≠ applications.granted.natural=8" in out


def test_a_changed_grid_cell_is_caught_the_same_way(read) -> None:
    raw = read("reports/huaian_2024_annual_report.pdf")
    tables = [t.model_copy(deep=True) for t in raw.tables]
    tables[1].rows[3][9] = "3120"  # 一、本年新收 / 总计, printed 3119
    stats, _ = extract_statistics(raw.model_copy(update={"tables": tables}))
    cells = by_slot(stats)
    assert cells["applications.new.total"].value == 3120
    assert not cells["applications.new.total"].verified  # its row and its column's balance fail
    for slot in ("applications.new.natural", "applications.results_total.total"):
        assert cells[slot].verified, slot  # each keeps an identity that holds (its column; its row)
    assert cells["applications.granted.total"].verified  # its row and the results column still hold
    assert cells["applications.results_total.natural"].verified
