"""Options and set-up shared by the commands that answer questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import IndexUnavailable
from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from index.backend import KnowledgeBase


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """--index and --corpus; without them, GONGKAI_INDEX_DIR and GONGKAI_CORPUS_DIR decide."""
    parser.add_argument("--index", type=Path, help="index folder (default: GONGKAI_INDEX_DIR, var/index)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: GONGKAI_CORPUS_DIR, corpus)")


def settings_for(args: argparse.Namespace) -> Settings:
    """The settings, with the command line's --index and --corpus winning over them."""
    settings = load_settings()
    update = {"index_dir": args.index, "corpus_dir": args.corpus}
    return settings.model_copy(update={k: v for k, v in update.items() if v is not None})


def open_knowledge_base(index_dir: Path, corpus_dir: Path) -> KnowledgeBase:
    """Open the current index, first (re)building it when the corpus is newer or there is none.

    The terminal channels read the corpus on this machine, so an answer never comes from
    an index older than the documents beside it; the Telegram bot instead switches only
    when an operator reloads it.
    """
    from bot import backends
    from bot.corpus import load_corpus
    from index.store import corpus_fingerprint

    settings = load_settings()  # the backend (whoosh folder or OpenSearch cluster) comes from here
    if corpus_dir.is_dir() and backends.is_stale(settings, index_dir, corpus_dir):
        had_index = backends.has_index(settings, index_dir)
        what = "语料有更新或索引已损坏，正在重建索引" if had_index else "尚无索引，正在构建（只需一次）"
        target = backends.served_from(settings, index_dir)
        print(f"{what}：{corpus_dir} → {target} …", file=sys.stderr, flush=True)
        try:
            corpus = load_corpus(corpus_dir)
            backends.publish(settings, corpus, index_dir, fingerprint=corpus_fingerprint(corpus_dir))
        except IndexUnavailable as exc:  # e.g. another build holds the lock
            if not had_index:
                raise
            print(f"未能重建（{exc}），继续使用现有索引。", file=sys.stderr, flush=True)
    return backends.open_knowledge(settings, index_dir, fallback=True)
