"""`gongkai serve`: not built yet."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("serve", help="运行 Telegram 机器人 (run the Telegram bot)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    print("gongkai serve: not built yet", file=sys.stderr)
    return 2
