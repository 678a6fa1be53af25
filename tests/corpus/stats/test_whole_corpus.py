"""Every bundled document reads, and statistics extraction never fails on any of them."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.load import iter_document_paths
from bot.corpus.stats import extract_statistics


def test_every_document_reads_and_yields_statistics_safely(corpus_dir: Path, read) -> None:
    paths = list(iter_document_paths(corpus_dir))
    assert len(paths) >= 35
    for path in paths:
        raw = read(path.relative_to(corpus_dir).as_posix())
        assert raw.text.strip() or raw.tables
        stats, warnings = extract_statistics(raw)
        assert all(isinstance(w, str) and w for w in warnings)
        for stat in stats:
            if stat.source == "prose":
                assert raw.text[stat.location.offset :].startswith(stat.evidence or "")
