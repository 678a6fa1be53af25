"""Failure 4 of issue 15: a full or unwritable data folder turned answers into "系统刚才出了点问题".

The bot keeps two analytics files in its data folder (unanswered.jsonl, feedback.jsonl).
Here their writes fail for real: the disk is full (the file is /dev/full, which refuses
every write with ENOSPC), the file is a directory, the data folder is a file, or the
folder is read-only (chmod; root writes through it, so that case is skipped when the
tests run as root, saying so). The citizen must get the same answer as from a healthy
bot; the failure is logged once without what was asked, and /stats counts it.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path

import pytest

from bot.answer import Answer, Intent
from bot.channels.telegram import texts
from bot.records import FEEDBACK_FILE, UNANSWERED_FILE, UnansweredLog, read_unanswered
from tests.faults import telegram_bot
from tests.faults.personal import MOBILES, leaks, spellings
from tests.faults.telegram_bot import DECLINED, BotFactory
from tests.telegram.factories import ADMIN, CITIZEN, bot_message, callback_update, text_update

QUESTIONS = [DECLINED.format(spelling) for spelling in spellings(MOBILES[0])[:3]]
bot_factory = telegram_bot.bot_factory
LOST = re.compile(r"未能写入的记录：(\d+) 条")


def break_data_folder(data_dir: Path, how: str) -> None:
    """Make every write of the analytics files in data_dir fail, the way `how` names."""
    if how == "disk-full":
        if not Path("/dev/full").exists():
            pytest.skip("this system has no /dev/full to simulate a full disk")
        data_dir.mkdir()
        for name in (UNANSWERED_FILE, FEEDBACK_FILE):
            (data_dir / name).symlink_to("/dev/full")
    elif how == "file-is-a-directory":
        for name in (UNANSWERED_FILE, FEEDBACK_FILE):
            (data_dir / name).mkdir(parents=True)
    elif how == "folder-is-a-file":
        data_dir.write_text("not a folder\n", encoding="utf-8")
    elif how == "read-only-folder":
        if os.geteuid() == 0:
            pytest.skip("running as root: chmod does not stop root's writes (the other cases fail for real)")
        data_dir.mkdir()
        data_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)


def without_ids(html: str) -> str:
    """A reply without the per-answer keys in its buttons."""
    return re.sub(r":[\w-]{8}\b", ":KEY", html)


@pytest.mark.parametrize("how", ["disk-full", "file-is-a-directory", "folder-is-a-file", "read-only-folder"])
async def test_a_failed_analytics_write_never_changes_the_answer(
    fault_dir: Path, bot_factory: BotFactory, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    healthy = await bot_factory(fault_dir / "healthy")
    broken_dir = fault_dir / "broken"
    break_data_folder(broken_dir, how)
    try:
        broken = await bot_factory(broken_dir)
        for question in QUESTIONS:
            expected = await healthy.send(text_update(question))
            with caplog.at_level(logging.INFO):
                reply = await broken.send(text_update(question))
            assert reply != texts.ERROR
            assert without_ids(reply) == without_ids(expected)
        buttons = dict(broken.recorder.sent()[-1].buttons)
        assert await broken.send(callback_update(buttons["👎"], bot_message(CITIZEN.id))) == texts.THANKS
        stats = await broken.send(text_update("/stats", user=ADMIN))
    finally:
        if broken_dir.is_dir():
            broken_dir.chmod(stat.S_IRWXU)
    assert LOST.findall(stats) == [str(len(QUESTIONS) + 1)]
    assert "👎 1" in stats  # the vote is counted though it could not be kept
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in failures] == ["bot.records", "bot.records"]  # once per file, not per question
    assert all(UNANSWERED_FILE in r.getMessage() or FEEDBACK_FILE in r.getMessage() for r in failures)
    assert leaks(fault_dir) == []


async def test_writing_resumes_and_says_so_when_the_folder_is_fixed(
    fault_dir: Path, bot_factory: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = fault_dir / "data"
    (data_dir / UNANSWERED_FILE).mkdir(parents=True)
    bot = await bot_factory(data_dir)
    with caplog.at_level(logging.INFO, logger="bot.records"):
        await bot.send(text_update(QUESTIONS[0]))
        (data_dir / UNANSWERED_FILE).rmdir()  # the operator fixed it
        await bot.send(text_update(QUESTIONS[1]))
    assert len((data_dir / UNANSWERED_FILE).read_text(encoding="utf-8").splitlines()) == 1
    assert [r.levelname for r in caplog.records if r.name == "bot.records"] == ["ERROR", "WARNING"]
    stats = await bot.send(text_update("/stats", user=ADMIN))
    assert LOST.findall(stats) == ["1"]


def test_a_question_with_a_lone_surrogate_is_stored_readably(fault_dir: Path) -> None:
    """Telegram's JSON may carry a lone surrogate (\\ud800), which UTF-8 cannot encode."""
    declined = Answer(id="a1", answer="抱歉", found=False, intent=Intent.CONTACT)
    log = UnansweredLog(fault_dir)
    assert log.record(DECLINED.format("\ud800" + MOBILES[1]), declined)
    assert log.lost == 0
    [group] = read_unanswered(fault_dir)
    assert group.question == DECLINED.format("\ufffd" + "*" * len(MOBILES[1]))
