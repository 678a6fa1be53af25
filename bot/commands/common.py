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
    """--index and --corpus; without them, GONGKAI_INDEX_DIR and GONGKAI_CORPUS_DIR decide."""
    parser.add_argument("--index", type=Path, help="index folder (default: GONGKAI_INDEX_DIR, var/index)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: GONGKAI_CORPUS_DIR, corpus)")


def folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """The (index, corpus) folders: the command line's, else the settings'."""
    if args.index and args.corpus:
        return args.index, args.corpus
    settings = load_settings()
    return args.index or settings.index_dir, args.corpus or settings.corpus_dir


def open_knowledge_base(args: argparse.Namespace) -> KnowledgeBase:
    """Open the current index; build it first from the corpus if none was ever built."""
    index_dir, corpus_dir = folders(args)
    try:
        return open_index(index_dir)
    except IndexUnavailable:
        if not corpus_dir.is_dir():
            raise
    print(f"尚无索引，正在从 {corpus_dir} 构建（只需一次）…", file=sys.stderr, flush=True)
    corpus = load_corpus(corpus_dir)
    publish(corpus, index_dir, fingerprint=corpus_fingerprint(corpus_dir))
    return open_index(index_dir)
