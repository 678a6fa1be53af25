"""`gongkai run`: not built yet."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser(
        "run", help="构建索引并启动机器人或终端对话 (build the index if stale, then start)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    print("gongkai run: not built yet", file=sys.stderr)
    return 2
