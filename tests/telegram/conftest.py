"""Fixtures for the Telegram channel: settings, the offline Bot API, the real Application."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.channels.telegram.app import build_application
from bot.channels.telegram.context import GongkaiApplication
from bot.settings import Settings
from index.backend import KnowledgeBase
from tests.telegram.factories import ADMIN
from tests.telegram.offline import API_URL, TOKEN, RecordingRequest
from tests.telegram.scripted import ScriptedEngine, fake_kb


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to open a network connection."""

    def refuse(self: socket.socket, address: Any) -> None:
        pytest.fail(f"network access to {address} in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for one test: offline API URL, an admin, a private data folder."""
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,  # type: ignore[arg-type]
        admin_ids=[ADMIN.id],
        telegram_api_url=API_URL,
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        rate_limit_questions=10,
    )


@pytest.fixture
def recorder() -> RecordingRequest:
    """The offline Bot API."""
    return RecordingRequest()


@pytest.fixture
def scripted() -> ScriptedEngine:
    """The scripted engine."""
    return ScriptedEngine()


@pytest.fixture
def versions() -> list[KnowledgeBase]:
    """Knowledge bases the opener hands out, in order; tests append to change what reload finds."""
    return [fake_kb("v1", 3)]


@pytest.fixture
def opener(versions: list[KnowledgeBase]) -> Callable[[], KnowledgeBase]:
    """Opens the newest of `versions`, or raises what a test put last."""

    def open_newest() -> KnowledgeBase:
        newest: Any = versions[-1]
        if isinstance(newest, Exception):
            raise newest
        kb: KnowledgeBase = newest
        return kb

    return open_newest


@pytest.fixture
async def app(
    no_network: None,
    settings: Settings,
    recorder: RecordingRequest,
    scripted: ScriptedEngine,
    opener: Callable[[], KnowledgeBase],
) -> AsyncIterator[GongkaiApplication]:
    """The real Application, initialised and post-initialised as run_polling would."""
    application = build_application(settings, opener=opener, engine=scripted.engine(), request=recorder)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        recorder.clear()
        yield application
        assert application.post_shutdown is not None
        await application.post_shutdown(application)


@pytest.fixture
def feed(app: GongkaiApplication) -> Callable[[Update], Any]:
    """Process an update as if it came from the Bot API (objects bound to the bot)."""

    async def process(update: Update) -> None:
        await app.process_update(Update.de_json(update.to_dict(), app.bot))

    return process
