"""`gongkai export-stats`: every verified figure of every annual report, as open data.

    gongkai export-stats > 统计.csv                     CSV (UTF-8 with BOM: Excel opens it)
    gongkai export-stats --agency 平潭 --from 2021 --to 2024 --format json

One row per verified template cell (bot/opendata.py), read from the index. The agency
is matched as questions match it: a full name, an alias or a place.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.answer.reading.agencies import AgencyMatcher
from bot.commands.common import add_index_options, open_knowledge_base, settings_for
from bot.opendata import stat_rows, to_csv, to_json
from bot.text import fold
from index.backend import KnowledgeBase


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser(
        "export-stats", help="导出年度报告中已核实的统计数字 (open data: verified report figures)"
    )
    parser.add_argument("--agency", help="only this agency (a name, short name or place)")
    parser.add_argument(
        "--from", dest="first", type=int, metavar="YEAR", help="only reports of this year or later"
    )
    parser.add_argument(
        "--to", dest="last", type=int, metavar="YEAR", help="only reports of this year or earlier"
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the verified figures as CSV or JSON."""
    if args.first is not None and args.last is not None and args.first > args.last:
        print(f"gongkai export-stats: --from {args.first} is after --to {args.last}", file=sys.stderr)
        return 2
    settings = settings_for(args)
    kb = open_knowledge_base(settings.index_dir, settings.corpus_dir)
    try:
        agencies = _agencies(kb, args.agency) if args.agency else []
        if args.agency and not agencies:
            print(f"gongkai export-stats: 没有找到机关“{args.agency}”", file=sys.stderr)
            return 2
        rows = stat_rows(kb, agencies, args.first, args.last)
    finally:
        kb.backend.close()
    text = to_csv(rows) if args.format == "csv" else to_json(rows)
    # A byte-order mark tells Excel the CSV is UTF-8; JSON has none.
    data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
    if args.output:
        args.output.write_bytes(data)
        print(f"{len(rows)} 行 → {args.output}", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def _agencies(kb: KnowledgeBase, name: str) -> list[str]:
    """The agencies a name stands for, with their family (a government and its office)."""
    return AgencyMatcher(kb.agencies).find(fold(name)).scope
