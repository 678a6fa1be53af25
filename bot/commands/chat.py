"""`gongkai chat`: a terminal chat over the same answer engine as the Telegram bot.

Drafted application forms hold the applicant's ID number: they go to DATA_DIR/drafts
(or --drafts), never to the folder the chat was started in, which may be a checkout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.channels.chat import run_chat
from bot.commands.common import add_index_options, open_knowledge_base, settings_for
from bot.settings import Settings

if TYPE_CHECKING:
    from index.backend import KnowledgeBase

DRAFTS_FOLDER = "drafts"  # inside the data folder


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("chat", help="终端对话 (terminal chat)")
    add_index_options(parser)
    parser.add_argument(
        "--drafts",
        type=Path,
        help=f"folder for the application forms /draft writes (default: DATA_DIR/{DRAFTS_FOLDER})",
    )
    parser.add_argument(
        "--charts",
        type=Path,
        help="folder for the charts of comparisons, as PNG (default: the current one)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Chat until /quit or end of input."""
    settings = settings_for(args)
    kb = open_knowledge_base(settings.index_dir, settings.corpus_dir)
    return chat(kb, settings, args.drafts, args.charts)


def chat(
    kb: KnowledgeBase, settings: Settings, drafts: Path | None = None, charts: Path | None = None
) -> int:
    """The terminal chat over an opened knowledge base, which it closes at the end."""
    drafts = drafts or settings.data_dir / DRAFTS_FOLDER
    try:
        return run_chat(kb, sys.stdin, sys.stdout, drafts, settings.max_question_chars, charts)
    finally:
        kb.backend.close()
