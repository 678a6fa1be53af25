"""The real bot for fault tests: the Telegram application over the offline Bot API.

    async def test_x(fault_dir, bot_factory):
        bot = await bot_factory(fault_dir / "data")      # real index, engine and records
        reply = await bot.send(text_update("…"))          # the text the citizen got

Test modules take the fixture with `bot_factory = telegram_bot.bot_factory`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from telegram import Update

from bot.channels.telegram.app import build_application
from bot.channels.telegram.context import GongkaiApplication
from bot.settings import Settings
from tests.telegram.factories import ADMIN
from tests.telegram.offline import RecordingRequest, offline_settings

DECLINED = "北京市朝阳区的电话是多少？我的{}，请回复"  # the records hold nothing about 朝阳区


def fault_settings(data_dir: Path, index_dir: Path) -> Settings:
    """Settings of a bot whose data folder is under fault_dir (no limit in the way of the test)."""
    return offline_settings(index_dir, data_dir, admin_ids=[ADMIN.id], rate_limit_questions=1000)


BotFactory = Callable[[Path], Awaitable["Bot"]]


class Bot:
    """The real application over the offline Bot API, fed updates as Telegram would."""

    def __init__(self, app: GongkaiApplication, recorder: RecordingRequest) -> None:
        self.app = app
        self.recorder = recorder

    async def send(self, update: Update) -> str:
        """Process one update; the text of the last message the bot sent (or an alert)."""
        self.recorder.clear()
        await self.app.process_update(Update.de_json(update.to_dict(), self.app.bot))
        calls = self.recorder.sent("sendMessage", "answerCallbackQuery")
        return str(calls[-1].params.get("text", "")) if calls else ""


@pytest.fixture
async def bot_factory(built_index: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotFactory]:
    """Start the real bot over a data folder; every bot started is shut down when the test ends."""
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    started: list[GongkaiApplication] = []

    async def start(data_dir: Path) -> Bot:
        recorder = RecordingRequest()
        app = build_application(fault_settings(data_dir, built_index), request=recorder)
        await app.initialize()
        started.append(app)
        assert app.post_init is not None
        await app.post_init(app)
        return Bot(app, recorder)

    yield start
    for app in started:
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()
