"""`gongkai ask`: answer questions from the command line, for people and for machines.

gongkai ask "张店区安监局的热线电话是多少？"      an answer with its sources
gongkai ask --json "问题"                       one JSON object
gongkai ask --json -                            questions on stdin, one per line;
                                                one JSON object per line, in order
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from typing import Any

from bot.answer import answer
from bot.answer.models import Answer, Intent
from bot.channels.plain import APOLOGY, render_answer
from bot.commands.common import add_index_options, open_knowledge_base, settings_for
from index.backend import KnowledgeBase

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("ask", help="回答问题 (answer questions)")
    parser.add_argument("question", nargs="+", help="the question, or - to read questions from stdin")
    parser.add_argument("--json", action="store_true", help="one JSON object per answer")
    parser.add_argument("--today", type=date.fromisoformat, help="the date 今年/去年 refer to (YYYY-MM-DD)")
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Answer the question(s) given."""
    settings = settings_for(args)
    kb = open_knowledge_base(settings.index_dir, settings.corpus_dir)
    limit = settings.max_question_chars
    try:
        if args.question == ["-"]:
            for line in sys.stdin:
                _emit(_safe_answer(line.strip(), kb, args.today, limit), args.json)
        else:
            _emit(_safe_answer(" ".join(args.question), kb, args.today, limit), args.json)
    finally:
        kb.backend.close()
    return 0


def _safe_answer(question: str, kb: KnowledgeBase, today: date | None, limit: int) -> Answer:
    try:
        return answer(kb, question, today=today, max_chars=limit)
    except Exception:  # one bad question must not end a batch
        log.exception("answering failed (question withheld: it may hold personal data)")
        return Answer(id="error", answer=APOLOGY, found=False, intent=Intent.GENERAL)


def _emit(reply: Answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(reply.model_dump(mode="json"), ensure_ascii=False), flush=True)
    else:
        print(render_answer(reply), end="\n\n", flush=True)
