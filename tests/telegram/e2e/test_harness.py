"""The emulator harness itself, with the real Application, engine and index over HTTP.

These tests pin down the shim's workarounds (see tests/emulator/README.md) so that the
end-to-end tests of `gongkai serve` fail only for reasons of the bot.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.telegram.app import build_application
from bot.channels.telegram.context import GongkaiApplication
from bot.settings import Settings
from tests.telegram.e2e.emulator import EmulatorClient, Person

pytestmark = pytest.mark.e2e

CITIZEN = Person(2001)


@pytest.fixture
def settings(emulator_url: str, token: str, tmp_path: Path, built_index: Path) -> Settings:
    """The bot talks to the emulator and serves the index of the bundled corpus."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=token,  # type: ignore[arg-type]
        telegram_api_url=emulator_url,
        index_dir=built_index,
        data_dir=tmp_path / "data",
    )


@pytest.fixture
async def polling_bot(settings: Settings) -> AsyncIterator[GongkaiApplication]:
    """The real Application polling the emulator over HTTP."""
    app = build_application(settings)
    async with app:
        await app.post_init(app)  # type: ignore[misc]
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=5)
        yield app
        await app.updater.stop()
        await app.stop()
        await app.post_shutdown(app)  # type: ignore[misc]


async def test_commands_messages_and_long_polling(polling_bot, client: EmulatorClient):
    state = client.bot_state()
    assert [c["command"] for c in state["commands"]][:2] == ["start", "help"]
    await asyncio.to_thread(client.say, CITIZEN, "张店区安监局的热线电话是多少？")
    [reply] = await asyncio.to_thread(client.replies, CITIZEN)
    assert "0533-2270822" in reply.text
    assert list(reply.buttons) == ["查看原文", "如何申请", "联系电话", "相关文件", "👍", "👎"]


async def test_button_presses_and_edits(polling_bot, client: EmulatorClient):
    await asyncio.to_thread(client.say, CITIZEN, "/search 规范性文件")
    [page] = await asyncio.to_thread(client.replies, CITIZEN)
    assert "第 1–5 条" in page.text
    await asyncio.to_thread(client.press, CITIZEN, page, "下一页 ▶")
    await asyncio.to_thread(
        client.wait_until, "the page to turn", lambda _: "第 6–10 条" in client.history(CITIZEN)[-1].text
    )
    answered = client.bot_state()["callbackAnswers"]
    assert answered and answered[-1]["text"] is None


async def test_inline_queries(polling_bot, client: EmulatorClient):
    query_id = await asyncio.to_thread(client.inline, CITIZEN, "张店区 电话")
    answers = await asyncio.to_thread(
        client.wait_until,
        "the inline answer",
        lambda s: [a for a in s["inlineAnswers"] if a["inline_query_id"] == query_id],
    )
    [first, *documents] = answers[0]["results"]
    assert "2270822" in first["input_message_content"]["message_text"]
    assert documents and all(d["id"].startswith("doc-") for d in documents)


async def test_webhook_updates_carry_the_secret_token(settings: Settings, client):
    app = build_application(settings)
    port = _free_port()
    async with app:
        await app.post_init(app)  # type: ignore[misc]
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="telegram", secret_token="s3cret",
            webhook_url=f"http://127.0.0.1:{port}/telegram",
        )  # fmt: skip
        try:
            assert client.bot_state()["webhook"]["secret_token"] == "s3cret"
            await asyncio.to_thread(client.say, CITIZEN, "张店区安监局的热线电话是多少？")
            [reply] = await asyncio.to_thread(client.replies, CITIZEN)
            assert "0533-2270822" in reply.text
        finally:
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)  # type: ignore[misc]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
