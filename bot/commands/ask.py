"""`gongkai ask`: answer questions from the command line, for people and for machines.

gongkai ask "张店区安监局的热线电话是多少？"      an answer with its sources
gongkai ask --json "问题"                       one JSON object
gongkai ask --json -                            questions on stdin, one per line (UTF-8; a
                                                bad byte is read as U+FFFD); one JSON
                                                object per line, in order
gongkai ask --json --charts DIR "问题"           a comparison's chart saved in DIR as PNG,
                                                its path in the JSON as "chart"
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from bot.answer import answer
from bot.answer.models import Answer, Intent
from bot.channels.chart_files import save_chart
from bot.channels.plain import APOLOGY, render_answer
from bot.commands.common import add_index_options, open_knowledge_base, settings_for
from bot.errors import ChartError
from bot.privacy import masked_traceback
from index.backend import KnowledgeBase

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("ask", help="回答问题 (answer questions)")
    parser.add_argument("question", nargs="+", help="the question, or - to read questions from stdin")
    parser.add_argument("--json", action="store_true", help="one JSON object per answer")
    parser.add_argument("--today", type=date.fromisoformat, help="the date 今年/去年 refer to (YYYY-MM-DD)")
    parser.add_argument(
        "--charts", type=Path, metavar="DIR", help="save each comparison's chart (PNG) in DIR and name it"
    )
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Answer the question(s) given."""
    settings = settings_for(args)
    kb = open_knowledge_base(settings.index_dir, settings.corpus_dir)
    limit = settings.max_question_chars
    try:
        if args.question == ["-"]:
            for line in questions(sys.stdin.buffer):
                _emit(_safe_answer(line, kb, args.today, limit), args.json, args.charts)
        else:
            _emit(_safe_answer(" ".join(args.question), kb, args.today, limit), args.json, args.charts)
    finally:
        kb.backend.close()
    return 0


def questions(lines: Iterable[bytes]) -> Iterator[str]:
    """One question per line of UTF-8: a bad byte becomes U+FFFD, never the end of the batch."""
    for line in lines:
        yield line.decode("utf-8", errors="replace").strip()


def _safe_answer(question: str, kb: KnowledgeBase, today: date | None, limit: int) -> Answer:
    try:
        return answer(kb, question, today=today, max_chars=limit)
    except Exception as exc:  # one bad question must not end a batch
        log.error("answering failed (question withheld, personal data masked):\n%s", masked_traceback(exc))
        return Answer(id="error", answer=APOLOGY, found=False, intent=Intent.GENERAL)


def _emit(reply: Answer, as_json: bool, charts: Path | None) -> None:
    chart = _chart(reply, charts) if charts is not None else None
    if as_json:
        data = reply.model_dump(mode="json")
        if charts is not None:
            data["chart"] = str(chart) if chart else None
        print(json.dumps(data, ensure_ascii=False), flush=True)
    else:
        print(render_answer(reply) + (f"\n图表：{chart}" if chart else ""), end="\n\n", flush=True)


def _chart(reply: Answer, folder: Path) -> Path | None:
    try:
        return save_chart(reply, folder)
    except (ChartError, OSError) as exc:  # the answer stands without its chart
        log.error("no chart drawn for answer %s: %s", reply.id, exc)
        return None
