"""`gongkai build [--corpus DIR] [--index DIR] [--if-stale | --rollback]`: rebuild the index safely.

Loads the corpus, reports its problems, builds a new index version beside the
served one, verifies it and switches `current` atomically (index/store.py). The
running bot keeps its opened version until an admin reloads it.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bot import backends
from bot.backends import Built
from bot.commands.common import add_index_options, settings_for
from bot.corpus import load_corpus
from bot.corpus.models import Corpus
from bot.display import shown
from bot.settings import load_settings
from index.store import KEEP, corpus_documents, corpus_fingerprint

log = logging.getLogger(__name__)

LOG_EVERY = 50  # documents between progress lines when stderr is not a terminal
MAX_WARNINGS = 20  # warning lines printed; `gongkai check` shows them all


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("build", help="构建或回滚检索索引 (build or roll back the search index)")
    add_index_options(parser)
    parser.add_argument("--keep", type=int, default=KEEP, help=f"versions to keep (default: {KEEP})")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--if-stale", action="store_true", help="build only if the corpus changed")
    mode.add_argument("--rollback", action="store_true", help="switch back to the previous version")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build (or roll back) and print a summary."""
    index_dir, corpus_dir = folders(args)
    if args.rollback:
        name = backends.rollback(load_settings(), index_dir)
        print(f"rolled back: current index is now {name}")
        return 0
    return build(corpus_dir, index_dir, if_stale=args.if_stale, keep=args.keep)


def build(corpus_dir: Path, index_dir: Path, *, if_stale: bool = False, keep: int = KEEP) -> int:
    """Load the corpus, report its problems, publish a new version; 0 when it is served."""
    settings = load_settings()  # which backend: a whoosh folder or an OpenSearch cluster
    if if_stale and not backends.is_stale(settings, index_dir, corpus_dir):
        print(f"index is up to date with {corpus_dir}")
        return 0
    started = time.perf_counter()
    fingerprint = corpus_fingerprint(corpus_dir)
    with _progress("loading", corpus_documents(corpus_dir)) as step:
        corpus = load_corpus(corpus_dir, progress=lambda _path: step())
    _report_problems(corpus)
    with _progress("indexing", len(corpus.documents)) as step:
        published = backends.publish(
            settings, corpus, index_dir, fingerprint=fingerprint, progress=lambda _doc: step(), keep=keep
        )
    _summary(corpus, published, time.perf_counter() - started)
    # Broken documents were reported and skipped; the new index is served: success.
    return 0


def _report_problems(corpus: Corpus) -> None:
    """Failed documents and the first warnings on stderr, names escaped (bot.display)."""
    for failure in corpus.failures:
        print(shown(f"FAIL  {failure.path}: {failure.reason}"), file=sys.stderr)
    warnings = [f"warn  {doc.id}: {warning}" for doc in corpus.documents for warning in doc.warnings]
    for line in warnings[:MAX_WARNINGS]:
        print(shown(line), file=sys.stderr)
    if len(warnings) > MAX_WARNINGS:
        print(f"... and {len(warnings) - MAX_WARNINGS} more warnings (gongkai check)", file=sys.stderr)


def _summary(corpus: Corpus, published: Built, seconds: float) -> None:
    records = published.info.records
    warnings = sum(len(doc.warnings) for doc in corpus.documents)
    print(
        f"built {published.info.version}: {published.info.documents} documents, "
        f"{records.get('passage', 0)} passages, {records.get('statistic', 0)} statistics, "
        f"{records.get('contact', 0)} contacts, {records.get('item', 0)} items, "
        f"{len(corpus.failures)} failed, {warnings} warnings, {seconds:.1f} s"
    )
    print(f"current index: {published.where} (previous: {published.previous or 'none'})")


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A step function: a tqdm bar on a terminal, a log line every LOG_EVERY steps otherwise."""
    if sys.stderr.isatty():
        with tqdm(total=total, desc=label, unit="doc", file=sys.stderr) as bar:
            yield lambda: bar.update(1)
        return
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if done % LOG_EVERY == 0 or done == total:
            log.info("%s: %d/%d documents", label, done, total)

    yield step


def folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """The (index, corpus) folders: the command line's, else the settings'."""
    settings = settings_for(args)
    return settings.index_dir, settings.corpus_dir
