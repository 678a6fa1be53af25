"""`gongkai chat`: a terminal chat over the same answer engine as the Telegram bot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.channels.chat import run_chat
from bot.commands.common import add_index_options, open_knowledge_base


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("chat", help="终端对话 (terminal chat)")
    add_index_options(parser)
    parser.add_argument(
        "--drafts",
        type=Path,
        help="folder for the application forms /draft writes (default: the current one)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Chat until /quit or end of input."""
    kb = open_knowledge_base(args)
    try:
        return run_chat(kb, sys.stdin, sys.stdout, args.drafts)
    finally:
        kb.backend.close()
