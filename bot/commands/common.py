"""Options and set-up shared by the commands that answer questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.corpus import load_corpus
from bot.errors import IndexUnavailable
from index import open_index
from index.backend import KnowledgeBase
from index.store import corpus_fingerprint, publish

DEFAULT_INDEX = Path("var/index")
DEFAULT_CORPUS = Path("corpus")


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """--index and --corpus, for commands that read the index."""
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="index folder (default: var/index)")
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus to build from if there is no index yet"
    )


def open_knowledge_base(args: argparse.Namespace) -> KnowledgeBase:
    """Open the current index; build it first from the corpus if none was ever built."""
    try:
        return open_index(args.index)
    except IndexUnavailable:
        if not args.corpus.is_dir():
            raise
    print(f"尚无索引，正在从 {args.corpus} 构建（只需一次）…", file=sys.stderr, flush=True)
    corpus = load_corpus(args.corpus)
    publish(corpus, args.index, fingerprint=corpus_fingerprint(args.corpus))
    return open_index(args.index)
