"""The bundled corpus loads completely."""

from bot.corpus.models import Corpus, DocKind


def test_every_bundled_document_loads(corpus: Corpus) -> None:
    assert corpus.failures == []
    ids = {doc.id for doc in corpus.documents}
    assert "seed/zhangdian_ajj_2017_annual_report.txt" in ids
    assert "reports/huaian_2024_annual_report.pdf" in ids


def test_seed_report_is_a_2017_report_of_zhangdian(corpus: Corpus) -> None:
    seed = next(doc for doc in corpus.documents if doc.id.startswith("seed/"))
    assert seed.meta.kind is DocKind.REPORT
    assert seed.meta.year == 2017
    assert "2270822" in seed.text
