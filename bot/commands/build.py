"""`gongkai build`: not built yet."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("build", help="构建或回滚检索索引 (build or roll back the search index)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    print("gongkai build: not built yet", file=sys.stderr)
    return 2
