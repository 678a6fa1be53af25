"""`make bench-cluster`: 10^6 synthetic records on a fresh 3-node cluster, beside whoosh.

    python -m index.opensearch.bench [--records 1000000] [--whoosh 100000,1000000]

For each engine and size, one process builds (a synthetic corpus scaled from corpus/,
index/synthetic.py) and reports records/s; another, like a bot, only opens the built
version and answers the benchmark questions (index/bench.py's), reporting the search
p50/p95 and its RSS (what a bot host needs). The cluster is started from the launcher
in a temporary folder and stopped at the end. A whoosh size that does not finish within
--whoosh-timeout is reported as such. Results: bench-results/cluster-*.json and a table.
"""

from __future__ import annotations

import argparse
import json
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
from index.backend import IndexInfo
from index.bench import QUESTIONS, ROUNDS, _p95, _rss_mb
from index.opensearch.config import ClusterConfig
from index.opensearch.devcluster import LocalCluster
from index.synthetic import synthetic_corpus

BENCH_HEAP = "1g"  # per node: a million records bulk-load comfortably


def build_cluster(size: int, hosts: list[str], shards: int) -> dict[str, Any]:
    """Build `size` synthetic records into the cluster; build time and rate."""
    from index.opensearch.store import publish

    config = ClusterConfig(hosts=hosts, prefix="bench", timeout=120.0, shards=shards, replicas=1)
    return _timed_build(size, lambda corpus: publish(corpus, config, keep=1).info)


def build_whoosh(size: int, folder: Path) -> dict[str, Any]:
    """Build `size` synthetic records into a whoosh version folder."""
    from index.build import build_index

    return _timed_build(size, lambda corpus: build_index(corpus, folder))


def _timed_build(size: int, build: Callable[[Corpus], IndexInfo]) -> dict[str, Any]:
    """Time `build` over `size` synthetic records (the corpus is made before the clock starts)."""
    corpus = synthetic_corpus(load_corpus(Path("corpus")), size)
    start = time.perf_counter()
    info = build(corpus)
    seconds = time.perf_counter() - start
    records = sum(info.records.values())
    return {
        "records": records,
        "documents": info.documents,
        "build_s": seconds,
        "records_per_s": records / seconds,
    }


def serve(engine: str, where: str) -> dict[str, Any]:
    """Open the built version as a bot does and time the questions; this process's RSS."""
    before = _rss_mb()
    start = time.perf_counter()
    if engine == "opensearch":
        from index.opensearch.store import open_cluster

        kb = open_cluster(ClusterConfig(hosts=where.split(","), prefix="bench", timeout=120.0))
    else:
        from index.search import open_version

        kb = open_version(Path(where))
    open_s = time.perf_counter() - start
    try:
        for question in QUESTIONS:  # warm, as a running bot is
            kb.backend.search(question)
        timings = []
        for _ in range(ROUNDS):
            for question in QUESTIONS:
                began = time.perf_counter()
                kb.backend.search(question, limit=10)
                timings.append((time.perf_counter() - began) * 1000)
    finally:
        kb.backend.close()
    return {
        "open_s": open_s,
        "p50_ms": statistics.median(timings),
        "p95_ms": _p95(timings),
        "rss_mb": _rss_mb(),
        "python_start_rss_mb": before,
    }


def _child(args: list[str], timeout: float | None = None) -> dict[str, Any] | None:
    command = [sys.executable, "-m", "index.opensearch.bench", "--child", *args]
    try:
        done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every row of the table: the cluster at --records, whoosh at each --whoosh size."""
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-cluster-"))
    cluster = LocalCluster.create(folder / "cluster", size=args.nodes, heap=args.heap)
    try:
        cluster.start()
        hosts = ",".join(cluster.urls)
        built = _child(["build-cluster", str(args.records), hosts, str(args.shards)])
        assert built is not None
        served = _child(["serve", "opensearch", hosts])
        assert served is not None
        rows.append({"engine": f"opensearch {args.nodes} nodes", **built, **served})
        _print([rows[-1]])
    finally:
        cluster.stop()
    try:
        for size in [int(s) for s in args.whoosh.split(",") if s]:
            target = folder / f"whoosh-{size}"
            built = _child(["build-whoosh", str(size), str(target)], timeout=args.whoosh_timeout)
            if built is None:
                rows.append({"engine": "whoosh", "records": size, "unfinished_after_s": args.whoosh_timeout})
            else:
                served = _child(["serve", "whoosh", str(target)])
                rows.append({"engine": "whoosh", **built, **(served or {})})
            _print([rows[-1]])
            shutil.rmtree(target, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def _header() -> None:
    print(
        f"{'engine':<22} {'records':>9} {'build s':>9} {'rec/s':>9} {'open s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'RSS MB':>7}",
        flush=True,
    )


def _print(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        if "unfinished_after_s" in r:
            print(
                f"{r['engine']:<22} {r['records']:>9}  did not finish in {r['unfinished_after_s']:.0f} s",
                flush=True,
            )
            continue
        print(
            f"{r['engine']:<22} {r['records']:>9} {r['build_s']:>9.0f} {r['records_per_s']:>9.0f} "
            f"{r['open_s']:>7.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['rss_mb']:>7.0f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or one child step of it)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        step, *rest = argv[1:]
        if step == "build-cluster":
            result = build_cluster(int(rest[0]), rest[1].split(","), int(rest[2]))
        elif step == "build-whoosh":
            result = build_whoosh(int(rest[0]), Path(rest[1]))
        else:
            result = serve(rest[0], rest[1])
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(prog="python -m index.opensearch.bench", description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000, help="records on the cluster")
    parser.add_argument("--whoosh", default="100000,1000000", help="whoosh sizes, comma separated")
    parser.add_argument("--whoosh-timeout", type=float, default=3600.0, help="seconds per whoosh build")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--shards", type=int, default=3)
    parser.add_argument("--heap", default=BENCH_HEAP)
    parser.add_argument("--out", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    _header()
    rows = run(args)
    print()
    _header()
    _print(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"cluster-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
