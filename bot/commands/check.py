"""`gongkai check [CORPUS]`: validate a corpus, one line per document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.corpus import load_corpus


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("check", help="检查语料文件 (validate a corpus)")
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load every document and print what was understood of it."""
    corpus = load_corpus(args.corpus)
    for doc in corpus.documents:
        print(f"ok    {doc.id}  {doc.meta.kind}  {doc.meta.agency or '-'}  {doc.meta.year or '-'}")
    for failure in corpus.failures:
        print(f"FAIL  {failure.path}: {failure.reason}")
    print(f"{len(corpus.documents)} loaded, {len(corpus.failures)} failed")
    return 1 if corpus.failures else 0
