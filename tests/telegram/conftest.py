"""Fixtures for the Telegram channel: settings, the offline Bot API, the real Application.

The Application runs the real answer engine over a real Whoosh index of corpus/
(`built_index`, built once per session). Tests that need an index they can change
override `index_dir`; tests that need a failure the real engine cannot produce pass
their own `engine` and say why.
"""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.channels.telegram.app import build_application
from bot.channels.telegram.context import GongkaiApplication
from bot.serving import AnswerFunctions
from bot.settings import Settings
from index import open_index
from index.backend import KnowledgeBase
from tests.telegram.factories import ADMIN
from tests.telegram.offline import RecordingRequest, offline_settings


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to open a network connection."""

    def refuse(self: socket.socket, address: Any) -> None:
        pytest.fail(f"network access to {address} in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="session")
def kb(built_index: Path) -> Iterator[KnowledgeBase]:
    """The opened index of the bundled corpus, for asking the engine directly."""
    knowledge = open_index(built_index)
    yield knowledge
    knowledge.backend.close()


@pytest.fixture
def index_dir(built_index: Path) -> Path:
    """The index the bot serves: the whole bundled corpus (read-only)."""
    return built_index


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index_dir: Path) -> Settings:
    """Settings for one test: offline API URL, an admin, the index, a private data folder."""
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    return offline_settings(index_dir, tmp_path / "data", admin_ids=[ADMIN.id], rate_limit_questions=10)


@pytest.fixture
def recorder() -> RecordingRequest:
    """The offline Bot API."""
    return RecordingRequest()


@pytest.fixture
def engine() -> AnswerFunctions:
    """The real answer functions (the default of build_application)."""
    return AnswerFunctions()


@pytest.fixture
async def app(
    no_network: None, settings: Settings, recorder: RecordingRequest, engine: AnswerFunctions
) -> AsyncIterator[GongkaiApplication]:
    """The real Application, initialised and post-initialised as run_polling would."""
    application = build_application(settings, answers=engine, request=recorder)
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
