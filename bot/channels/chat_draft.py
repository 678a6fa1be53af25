"""/draft in the terminal chat: the drafting conversation line by line, the .docx saved to a folder.

The saved form holds the applicant's full identity number, so it is created readable
by its owner only and never overwrites an earlier one.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.assist.draft import ApplicationDraft
from bot.channels.drafting import DOCX_NAME, china_today, finish, start_draft
from index.backend import KnowledgeBase

FOLDER_HINT = "请用 gongkai chat --drafts 文件夹 指定可写的位置。"
REMINDER = "正在起草申请：请回答上面的问题。回复“返回”回到上一步，回复“取消”退出起草。"


class TerminalDraft:
    """One drafting conversation of the terminal chat."""

    def __init__(self, kb: KnowledgeBase, folder: Path) -> None:
        self._kb = kb
        self._folder = folder
        self._draft: ApplicationDraft | None = None

    @property
    def active(self) -> bool:
        """Whether lines go to the draft."""
        return self._draft is not None

    def begin(self, agency: str | None) -> str:
        """Start drafting; refuse at once when the form could not be saved at the end."""
        problem = _unwritable(self._folder)
        if problem:
            return f"无法把申请表保存到 {self._folder}：{problem}。{FOLDER_HINT}"
        self._draft, reply = start_draft(self._kb, agency, today=china_today())
        return reply.text

    def feed(self, line: str) -> str:
        """Hand one line to the draft; the last reply shows the form and where it was saved."""
        if self._draft is None:
            return REMINDER
        draft = self._draft
        reply = draft.handle(line)
        if reply.cancelled:
            self._draft = None
        if not reply.done:
            return reply.text
        self._draft = None
        return self._saved(draft)

    def cancel(self) -> str:
        """Drop the draft and everything typed into it."""
        return self.feed("取消")

    def _saved(self, draft: ApplicationDraft) -> str:
        result = finish(draft)
        try:
            path = _save(self._folder, result.docx)
        except OSError as exc:
            where = f"未能保存申请表（{exc.strerror or exc}）。请复制上面的内容自行填写。"
        else:
            where = f"申请表已保存：{path}\n请打印、签名，附身份证明复印件后提交。"
        return f"{result.preview}\n\n{where}\n\n{result.submission}"


def _unwritable(folder: Path) -> str | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None if os.access(folder, os.W_OK | os.X_OK) else "没有写入权限"


def _save(folder: Path, data: bytes) -> Path:
    stem, suffix = DOCX_NAME.rsplit(".", 1)
    for number in range(1, 1000):
        path = folder / (DOCX_NAME if number == 1 else f"{stem}-{number}.{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return path.resolve()
    raise FileExistsError(f"too many drafts in {folder}")
