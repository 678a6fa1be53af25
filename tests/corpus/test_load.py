"""The loader: reader failures reported per document, and the statistics seam."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from bot.corpus import load, load_corpus
from bot.corpus.models import Statistic
from bot.corpus.raw import RawDocument
from tests.corpus.conftest import CopyCorpus

SEED = "seed/zhangdian_ajj_2017_annual_report.txt"
GUIDE = "guides/pingtan_disclosure_guide.txt"


def test_a_reader_crash_fails_only_its_document(
    bare_corpus: CopyCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = bare_corpus(SEED, GUIDE)
    real = load.read_document

    def flaky(path: Path, rel: str) -> RawDocument:
        if rel == GUIDE:
            raise ValueError("bad xref table")
        return real(path, rel)

    monkeypatch.setattr(load, "read_document", flaky)
    corpus = load_corpus(root)
    assert [d.id for d in corpus.documents] == [SEED]
    (failure,) = corpus.failures
    assert (failure.path, failure.reason) == (GUIDE, "cannot read txt file: bad xref table")


def test_statistics_come_from_the_extractor_when_installed(
    bare_corpus: CopyCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def extract_statistics(raw: RawDocument) -> tuple[list[Statistic], list[str]]:
        seen.append(raw.path)
        number = Statistic(source="prose", table="prose", row=["主动公开政府信息"], column=[], value=26)
        return [number], ["one table could not be read"]

    stats = types.ModuleType(load.STATISTICS_MODULE)
    stats.extract_statistics = extract_statistics  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, load.STATISTICS_MODULE, stats)
    corpus = load_corpus(bare_corpus(SEED, GUIDE))
    seed = next(d for d in corpus.documents if d.id == SEED)
    assert [s.display_value for s in seed.statistics] == ["26"]
    assert "one table could not be read" in seed.warnings
    assert seen == [SEED]  # reports only


def test_without_the_extractor_there_are_no_statistics() -> None:
    if importlib.util.find_spec(load.STATISTICS_MODULE) is not None:
        pytest.skip("the statistics extractor is installed")
    assert load._statistics(RawDocument(path="x.txt", format="txt", text="2017年公开26条。")) == ([], [])
