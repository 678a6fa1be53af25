"""A document whose kind cannot be told still loads, as generic text with a warning."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.models import DocKind


def test_unknown_kind_loads_as_generic(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "meeting.txt").write_text(
        "周例会记录\n\n本周讨论了办公用品采购和会议室安排，下周继续。\n", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert corpus.failures == []
    (doc,) = corpus.documents
    assert doc.id == "notes/meeting.txt"
    assert doc.meta.kind is DocKind.GENERIC
    assert any("kind could not be told" in w for w in doc.warnings)
    assert "办公用品采购" in doc.text
    assert doc.sections[0].text.startswith("周例会记录")
