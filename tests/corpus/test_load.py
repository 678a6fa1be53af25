"""The loader: reader failures reported per document, and the statistics seam."""

from __future__ import annotations

import pytest

from bot.corpus import load, load_corpus
from bot.corpus.raw import RawDocument
from tests.corpus.conftest import CopyCorpus

SEED = "seed/zhangdian_ajj_2017_annual_report.txt"
GUIDE = "guides/pingtan_disclosure_guide.txt"


def test_a_reader_crash_fails_only_its_document(
    bare_corpus: CopyCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = bare_corpus(SEED, GUIDE)
    real = load.parse_document

    def flaky(data: bytes, suffix: str, rel: str) -> RawDocument:
        if rel == GUIDE:
            raise ValueError("bad xref table")
        return real(data, suffix, rel)

    monkeypatch.setattr(load, "parse_document", flaky)
    corpus = load_corpus(root)
    assert [d.id for d in corpus.documents] == [SEED]
    (failure,) = corpus.failures
    assert (failure.path, failure.reason) == (GUIDE, "cannot read txt file: bad xref table")


def test_reports_get_statistics_placed_under_their_heading(bare_corpus: CopyCorpus) -> None:
    corpus = load_corpus(bare_corpus(SEED, GUIDE))
    seed = next(d for d in corpus.documents if d.id == SEED)
    guide = next(d for d in corpus.documents if d.id == GUIDE)
    published = next(s for s in seed.statistics if s.row == ["主动公开政府信息"])
    assert published.value == 26
    assert published.location.section[0].startswith("五")  # 五、主动公开政府信息情况及公开平台建设情况
    assert guide.statistics == []  # guides state numbers too (20个工作日), but they are not report figures
