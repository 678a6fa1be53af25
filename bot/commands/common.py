"""Options and set-up shared by the commands that answer questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.corpus import load_corpus
from bot.errors import IndexUnavailable
from bot.settings import load_settings
from index import open_index
from index.backend import KnowledgeBase
from index.store import corpus_fingerprint, publish


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """--index and --corpus, for commands that read the index (defaults: the settings)."""
    parser.add_argument("--index", type=Path, help="index folder (default: GONGKAI_INDEX_DIR)")
    parser.add_argument("--corpus", type=Path, help="corpus to build from if there is no index yet")


def open_knowledge_base(args: argparse.Namespace) -> KnowledgeBase:
    """Open the current index; build it first from the corpus if none was ever built."""
    settings = load_settings()
    index_dir: Path = args.index or settings.index_dir
    corpus_dir: Path = args.corpus or settings.corpus_dir
    try:
        return open_index(index_dir)
    except IndexUnavailable:
        if not corpus_dir.is_dir():
            raise
    print(f"尚无索引，正在从 {corpus_dir} 构建（只需一次）…", file=sys.stderr, flush=True)
    corpus = load_corpus(corpus_dir)
    publish(corpus, index_dir, fingerprint=corpus_fingerprint(corpus_dir))
    return open_index(index_dir)
