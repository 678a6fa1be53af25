"""`python -m index.bench [--quick] [--sizes 1000,10000,100000]`: measure the index.

For each size, a synthetic corpus scaled from corpus/ is indexed and measured:
build throughput beside raw tokenization of the same text (jieba, the physical
bound of the stack, and rjieba, the engine used), index size, query latency
(median, p95) over fixed realistic questions, RSS; and the same questions against a
plain BM25 baseline (rank_bm25 over jieba tokens). Results go to bench-results/ as
JSON, and a short table is printed. Targets: p95 <= 20 ms at 10k passages, <= 60 ms
at 100k; build <= 2x raw jieba tokenization.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.corpus import load_corpus
from bot.corpus.models import Corpus
from index.analyzer import GongkaiAnalyzer
from index.backend import SearchFilters
from index.build import build_index, corpus_words, iter_texts
from index.manifest import check_manifest
from index.search import open_version
from index.segment import import_jieba
from index.synthetic import synthetic_corpus

QUESTIONS = (
    "政府信息公开申请怎么提交？",
    "依申请公开要收费吗",
    "信息处理费的收费标准是多少",
    "张店区安监局的电话是多少",
    "2024年收到多少政府信息公开申请",
    "行政复议和行政诉讼的情况",
    "岚综管规〔2024〕4号 代建管理费",
    "不予公开的理由有哪些",
    "主动公开了多少规范性文件",
    "政府信息公开指南在哪里查看",
    "申请公开政府信息需要提供哪些材料",
    "答复期限是多少个工作日",
    "受理机构的办公地址和办公时间",
    "年度报告中的结转下年度申请",
    "關於廢止規範性文件的通知",
    "淮安市人民政府办公室 联系方式",
)
PHRASES = ("政府信息公开条例", "信息处理费", "代建管理费标准", "结转下年度继续办理", "不予公开")
JIEBA_SAMPLE_CHARS = 1_000_000  # python jieba is timed on a sample and extrapolated
ROUNDS = 5


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size and write JSON plus a table."""
    parser = argparse.ArgumentParser(prog="python -m index.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="sizes 1000 and 10000")
    parser.add_argument("--sizes", default="1000,10000,100000", help="passages per run, comma separated")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=Path("bench-results"))
    parser.add_argument("--no-baseline", action="store_true", help="skip the rank_bm25 baseline")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run: one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        result = run_size(load_corpus(args.corpus), args.one, baseline=not args.no_baseline)
        print(json.dumps(result))
        return 0
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    results = [_run_child(size, args) for size in sizes]
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nresults: {path}")
    return 0


def _run_child(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """One size in a fresh process: honest RSS, and no heap left over from a bigger run."""
    command = [sys.executable, "-m", "index.bench", "--one", str(size), "--corpus", str(args.corpus)]
    if args.no_baseline:
        command.append("--no-baseline")
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print_table([result])
    return result


def run_size(base: Corpus, size: int, *, baseline: bool) -> dict[str, Any]:
    """Build and query one synthetic corpus of about `size` records."""
    corpus = synthetic_corpus(base, size)
    texts = list(iter_texts(corpus))
    chars = sum(map(len, texts))
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    result: dict[str, Any] = {
        "passages": size,
        "documents": len(corpus.documents),
        "chars": chars,
        "mb": megabytes,
    }
    result.update(tokenization(corpus, texts))
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        start = time.perf_counter()
        info = build_index(corpus, folder / "v")
        build_s = time.perf_counter() - start
        result.update(
            records=sum(info.records.values()),
            build_s=build_s,
            docs_per_s=len(corpus.documents) / build_s,
            mb_per_s=megabytes / build_s,
            build_vs_jieba=build_s / result["jieba_s"],
            index_mb=sum(f.stat().st_size for f in (folder / "v").rglob("*") if f.is_file()) / 1e6,
        )
        result.update(query_latency(folder / "v", corpus))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if baseline:
        result.update(bm25_baseline(corpus))
        result["p95_vs_bm25"] = result["p95_ms"] / result["bm25_p95_ms"]
    return result


def tokenization(corpus: Corpus, texts: list[str]) -> dict[str, float]:
    """Raw word cutting of the analysed text: rjieba on all of it, jieba on a sample."""
    jieba = import_jieba()
    analyzer = GongkaiAnalyzer(corpus_words(corpus))
    segmenter = analyzer.segmenter
    start = time.perf_counter()
    for text in texts:
        list(segmenter.tokenize(text))
    rjieba_s = time.perf_counter() - start
    sample = "\n".join(texts)[:JIEBA_SAMPLE_CHARS]
    reference = jieba.Tokenizer()
    reference.initialize()
    start = time.perf_counter()
    list(reference.cut(sample))
    jieba_rate = len(sample) / (time.perf_counter() - start)
    chars = sum(map(len, texts))
    return {"rjieba_s": rjieba_s, "jieba_chars_per_s": jieba_rate, "jieba_s": chars / jieba_rate}


def query_latency(folder: Path, corpus: Corpus) -> dict[str, float]:
    """Opening (checksums included), median and p95 of search() over the questions,
    plus filtered searches; RSS."""
    start = time.perf_counter()
    check_manifest(folder)
    checksum_ms = (time.perf_counter() - start) * 1000
    before = _rss_mb()
    start = time.perf_counter()
    knowledge = open_version(folder)
    open_ms = (time.perf_counter() - start) * 1000
    backend = knowledge.backend
    agency = corpus.documents[0].meta.agency
    filtered = SearchFilters(agencies=[agency] if agency else [], years=[2024])
    try:
        for question in QUESTIONS:  # warm caches, as a running bot would be
            backend.search(question)
        for phrase in PHRASES:
            backend.phrase(phrase)
        plain = _timings(lambda q: backend.search(q, limit=10))
        narrow = _timings(lambda q: backend.search(q, filters=filtered, limit=10))
        phrases = _timings(lambda q: backend.phrase(q, limit=10), PHRASES)
    finally:
        backend.close()
    return {
        "checksum_ms": checksum_ms,
        "open_ms": open_ms,
        "median_ms": statistics.median(plain),
        "p95_ms": _p95(plain),
        "filtered_median_ms": statistics.median(narrow),
        "filtered_p95_ms": _p95(narrow),
        "phrase_p95_ms": _p95(phrases),
        "rss_mb": _rss_mb(),
        "index_rss_mb": _rss_mb() - before,  # opening the index and serving the questions
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bm25_baseline(corpus: Corpus) -> dict[str, float]:
    """rank_bm25 over the same records' search-mode jieba tokens: build time and latency."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    analyzer = GongkaiAnalyzer(corpus_words(corpus))
    from index.records import document_records

    start = time.perf_counter()
    docs = [
        [t.text for t in analyzer.terms(f"{r.title} {r.heading} {r.body}")]
        for doc in corpus.documents
        for r in document_records(doc)
    ]
    bm25 = BM25Okapi(docs)
    build_s = time.perf_counter() - start

    def search(question: str) -> list[int]:
        scores = bm25.get_scores([t.text for t in analyzer.terms(question)])
        top: list[int] = np.argsort(scores)[-10:][::-1].tolist()
        return top

    timings = _timings(search)
    return {
        "bm25_build_s": build_s,
        "bm25_median_ms": statistics.median(timings),
        "bm25_p95_ms": _p95(timings),
    }


def _timings(run: Callable[[str], object], questions: tuple[str, ...] = QUESTIONS) -> list[float]:
    timings = []
    for _ in range(ROUNDS):
        for question in questions:
            start = time.perf_counter()
            run(question)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def print_table(results: list[dict[str, Any]]) -> None:
    """One line per size."""
    print(
        f"{'passages':>9} {'docs':>6} {'MB':>6} {'build s':>8} {'doc/s':>7} {'MB/s':>6} "
        f"{'jieba s':>8} {'rjieba s':>8} {'build/jieba':>11} {'index MB':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'fp95 ms':>7} {'phr p95':>7} {'bm25 p95':>8} {'RSS MB':>7} {'ix RSS':>7} "
        f"{'open ms':>7} {'sha ms':>7}"
    )
    for r in results:
        print(
            f"{r['records']:>9} {r['documents']:>6} {r['mb']:>6.1f} {r['build_s']:>8.1f} "
            f"{r['docs_per_s']:>7.0f} "
            f"{r['mb_per_s']:>6.2f} {r['jieba_s']:>8.1f} {r['rjieba_s']:>8.2f} {r['build_vs_jieba']:>11.2f} "
            f"{r['index_mb']:>8.1f} {r['median_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['filtered_p95_ms']:>7.1f} "
            f"{r['phrase_p95_ms']:>7.1f} "
            f"{r.get('bm25_p95_ms', float('nan')):>8.1f} {r['rss_mb']:>7.0f} {r['index_rss_mb']:>7.0f} "
            f"{r['open_ms']:>7.0f} {r['checksum_ms']:>7.0f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
