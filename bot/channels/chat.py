"""The terminal chat: the same answer engine as Telegram, one question per line.

History lives in memory only (readline), never on disk: questions may hold personal data.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.answer import (
    Answer,
    Context,
    Intent,
    answer,
    contact_answer,
    coverage,
    examples,
    procedure_answer,
    search_documents,
)
from bot.channels.chart_files import save_chart
from bot.channels.chat_draft import REMINDER, TerminalDraft
from bot.channels.drafting import COMMAND_HINT
from bot.channels.plain import (
    APOLOGY,
    Command,
    cite_line,
    help_text,
    render_answer,
    render_contact,
    render_coverage,
    render_procedure,
)
from bot.errors import ChartError
from bot.privacy import masked_traceback
from index.backend import KnowledgeBase

log = logging.getLogger(__name__)

PROMPT = "问> "
# The chat's own commands beside the shared ones.
QUIT = Command("quit", "", "退出")
HELP = help_text((QUIT,))


class Chat:
    """A terminal conversation over a knowledge source."""

    def __init__(
        self,
        kb: KnowledgeBase,
        drafts: Path,
        max_chars: int | None = None,
        charts: Path | None = None,
    ) -> None:
        self.kb = kb
        self.max_chars = max_chars
        self.charts = charts or Path.cwd()  # where a comparison's chart is saved
        self.context: Context | None = None  # what a follow-up may take from the last question
        self.drafting = TerminalDraft(kb, drafts)  # forms hold ID numbers: never the working folder
        self.commands: dict[str, Callable[[str], str]] = {
            "/help": lambda _: HELP,
            "/hotline": self.hotline,
            "/apply": self.apply,
            "/draft": self.drafting.begin,
            "/search": self.search,
            "/about": lambda _: self.about(),
        }

    def welcome(self) -> str:
        """The first message: what this is and what to ask."""
        listed = "\n".join(f"  · {e}" for e in examples(self.kb))
        size = f"索引版本 {self.kb.info.version}，收录 {self.kb.info.documents} 份文件"
        return f"政府信息公开问答助手（{size}）。\n可以这样问：\n{listed}\n输入 /help 查看命令，/quit 退出。"

    def respond(self, line: str) -> str | None:
        """The reply to one line of input; None means the conversation is over."""
        line = line.strip()
        if line in ("/quit", "/exit", "/q"):
            return None
        command, _, rest = line.partition(" ")
        try:
            if self.drafting.active:
                return self._draft_line(line, command)
            if command in self.commands:
                return self.commands[command](rest.strip())
            if command.startswith("/"):
                return f"未知命令 {command}。\n{HELP}"
            reply = answer(self.kb, line, max_chars=self.max_chars, context=self.context)
            self.context = reply.followup
            hint = f"\n\n{COMMAND_HINT}" if reply.intent is Intent.PROCEDURE or reply.procedure else ""
            return render_answer(reply) + self._chart(reply) + hint
        except Exception as exc:  # the chat survives any one failure
            if self.drafting.active:  # a traceback may quote the applicant's data: name the error only
                log.error("draft reply failed: %s (details withheld: personal data)", type(exc).__name__)
            else:
                log.error("chat reply failed (personal data masked):\n%s", masked_traceback(exc))
            return APOLOGY

    def _chart(self, reply: Answer) -> str:
        """Save a comparison's chart beside the chat and say where; a failure is said, not raised."""
        try:
            path = save_chart(reply, self.charts)
        except (ChartError, OSError) as exc:
            return f"\n（没有画出图表：{exc}）"
        return f"\n图表已保存：{path}" if path else ""

    def hotline(self, agency: str) -> str:
        """Contact cards of an agency (or of all)."""
        reply = contact_answer(self.kb, agency or None)
        if not reply.contacts:
            return reply.answer
        return "\n".join(render_contact(card) for card in reply.contacts)

    def apply(self, agency: str) -> str:
        """How to apply to an agency."""
        reply = procedure_answer(self.kb, agency or None)
        text = render_answer(reply)
        if reply.procedure:
            text += f"\n\n{render_procedure(reply.procedure)}"
        return f"{text}\n\n{COMMAND_HINT}"

    def _draft_line(self, line: str, command: str) -> str:
        # While drafting every line answers the draft; of the commands only /cancel and /quit work.
        if command == "/cancel":
            return self.drafting.cancel()
        if command.startswith("/"):
            return REMINDER
        return self.drafting.feed(line)

    def search(self, query: str) -> str:
        """Matching documents."""
        if not query:
            return "用法：/search 关键词"
        page = search_documents(self.kb, query, limit=10)
        if not page.items:
            return f"没有找到与“{query}”相关的文件。"
        return f"共 {page.total} 份相关文件：\n" + "\n".join(f"  · {cite_line(c)}" for c in page.items)

    def about(self) -> str:
        """Which agencies and years the corpus covers."""
        return render_coverage(coverage(self.kb))


def run_chat(
    kb: KnowledgeBase,
    stdin: TextIO,
    out: TextIO,
    drafts: Path,
    max_chars: int | None = None,
    charts: Path | None = None,
) -> int:
    """Read questions until /quit or end of input; drafted forms are saved in `drafts`,
    charts in `charts` (default: here)."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and in-memory history for input())
    chat = Chat(kb, drafts, max_chars, charts)
    print(chat.welcome(), file=out, flush=True)
    interactive = stdin.isatty()
    while True:
        try:
            line = input(PROMPT) if interactive else _read(stdin, out)
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            return 0
        if line is None:
            return 0
        if not line.strip():
            continue
        reply = chat.respond(line)
        if reply is None:
            return 0
        print(reply, end="\n\n", file=out, flush=True)


def _read(stdin: TextIO, out: TextIO) -> str | None:
    print(PROMPT, end="", file=out, flush=True)
    line = stdin.readline()
    return line if line else None
