"""The one entry point: `gongkai COMMAND ...` (also `python -m bot`).

Each command lives in its own module under bot/commands and exposes
`add_parser(subparsers)`, which registers the command and its `run(args) -> int`.
Exit codes: 0 success, 1 the command ran and found problems, 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import __version__
from bot.commands import ask, build, chat, check, export, export_stats, run, serve
from bot.errors import GongkaiError

COMMANDS = (check, build, ask, chat, serve, run, export, export_stats)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(prog="gongkai", description="政府信息公开问答助手 (gongkai)")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        code: int = args.run(args)
    except GongkaiError as exc:
        print(f"gongkai {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code
