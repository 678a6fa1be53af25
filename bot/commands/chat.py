"""`gongkai chat`: not built yet."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("chat", help="终端对话 (terminal chat)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    print("gongkai chat: not built yet", file=sys.stderr)
    return 2
