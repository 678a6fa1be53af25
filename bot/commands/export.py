"""`gongkai export [--data DIR] [--since DAYS] [--json]`: what citizens thought and what they missed.

Prints the 👍/👎 feedback and the questions the records could not answer (most
frequent first), as the running bot stored them in the data folder: questions masked,
no user ids. A table for people, or one JSON object for machines.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.records import FeedbackLine, UnansweredCount, read_feedback, read_unanswered
from bot.records_files import reason
from bot.settings import load_settings

QUESTION_WIDTH = 60  # display columns of a question in the table


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("export", help="导出反馈和未答问题 (export feedback and unanswered questions)")
    parser.add_argument("--data", type=Path, help="data folder (default: GONGKAI_DATA_DIR, var/data)")
    parser.add_argument("--since", type=_days, metavar="DAYS", help="only the last DAYS days")
    parser.add_argument("--json", action="store_true", help="print one JSON object for machines")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read both records and print them."""
    data_dir: Path = args.data or load_settings().data_dir
    if not data_dir.is_dir():
        print(f"gongkai export: {data_dir}: no data folder (nothing recorded yet?)", file=sys.stderr)
        return 1
    since = datetime.now(UTC) - timedelta(days=args.since) if args.since is not None else None
    try:
        feedback = read_feedback(data_dir, since)
        unanswered = read_unanswered(data_dir, since)
    except OSError as exc:
        print(f"gongkai export: {data_dir}: cannot read the records ({reason(exc)})", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(feedback, unanswered, since), ensure_ascii=False, indent=1))
    else:
        print("\n".join(table_lines(feedback, unanswered)))
    return 0


def as_json(
    feedback: list[FeedbackLine], unanswered: list[UnansweredCount], since: datetime | None
) -> dict[str, Any]:
    """Both records as one JSON-ready object."""
    return {
        "since": since.isoformat(timespec="seconds") if since else None,
        "feedback": [line.model_dump(mode="json") for line in feedback],
        "unanswered": [group.model_dump(mode="json") for group in unanswered],
    }


def table_lines(feedback: list[FeedbackLine], unanswered: list[UnansweredCount]) -> list[str]:
    """Both records as aligned text tables."""
    up = sum(line.vote == "up" for line in feedback)
    lines = [f"未答问题（{len(unanswered)} 个，按次数排序）"]
    lines += _table(
        ("次数", "最近", "类型", "问题"),
        [(str(g.count), _day(g.last), ",".join(g.intents), g.question) for g in unanswered],
    )
    lines += ["", f"反馈（👍 {up}，👎 {len(feedback) - up}）"]
    lines += _table(
        ("时间", "评价", "找到", "类型", "问题"),
        [
            (
                _minute(f.time),
                "👍" if f.vote == "up" else "👎",
                "是" if f.found else "否",
                f.intent,
                f.question,
            )
            for f in feedback
        ],
    )
    return lines


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    if not rows:
        return ["  （无）"]
    rows = [(*row[:-1], _clip(row[-1])) for row in rows]
    widths = [max(_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  " + "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in (header, *rows)]  # fmt: skip


def _width(text: str) -> int:
    # Chinese characters and emoji take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _clip(text: str) -> str:
    while _width(text) > QUESTION_WIDTH:
        text = text[:-2] + "…"
    return text


def _day(time: datetime) -> str:
    return time.astimezone().strftime("%Y-%m-%d")


def _minute(time: datetime) -> str:
    return time.astimezone().strftime("%Y-%m-%d %H:%M")


def _days(value: str) -> float:
    days = float(value)
    if days < 0:
        raise argparse.ArgumentTypeError("DAYS must be 0 or more")
    return days
