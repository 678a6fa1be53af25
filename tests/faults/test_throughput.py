"""Failure 9: every answer cost two Bot API calls (a typing action, then the message).

Under python-telegram-bot's limiter at the Bot API's 30 calls/s that capped the bot at
~15 answers/s, though the engine answers in milliseconds. The real Application (real
index, engine and rate limiter) runs in this process against the Bot API emulator on
127.0.0.1, which counts every call the bot makes; simulated users talk to it through
the load driver of `make load` (tests/load).
"""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.channels.telegram.app import build_application
from bot.channels.telegram.handlers import questions
from bot.serving import AnswerFunctions
from bot.settings import Settings
from tests.load.__main__ import questions as load_questions
from tests.load.driver import Plan, Result, drive
from tests.telegram.e2e.emulator import running_emulator
from tests.telegram.engines import slow

pytestmark = pytest.mark.e2e

# Questions whose answers fit one message (the answers are real; only their length matters here).
SHORT_ANSWERS = [
    "张店区安监局的热线电话是多少？",
    "淮安市人民政府2024年一共收到多少件信息公开申请？",
    "我要投诉邻居违建",
]
SLOW_SECONDS = 2.5  # well past the delay after which a citizen sees "typing…"

_tokens = itertools.count(8160001)


@pytest.fixture(scope="module")
def emulator_url() -> Iterator[str]:
    with running_emulator() as url:
        yield url


@pytest.fixture
def settings(
    emulator_url: str, built_index: Path, fault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """The bot's production settings, pointed at the emulator, with a token of its own."""
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    return Settings(
        _env_file=None,
        bot_token=f"{next(_tokens)}:fault-throughput",
        telegram_api_url=emulator_url,
        index_dir=built_index,
        data_dir=fault_dir / "data",
    )


@asynccontextmanager
async def polling(settings: Settings, engine: AnswerFunctions | None = None) -> AsyncIterator[None]:
    """The Application as `gongkai serve` runs it (post_init, long polling), in this event loop."""
    app = build_application(settings, answers=engine)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_polling(timeout=1)
        await app.start()
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)


async def load(
    settings: Settings, asked: list[str], plan: Plan, engine: AnswerFunctions | None = None
) -> Result:
    assert settings.bot_token is not None
    async with polling(settings, engine):
        return await drive(settings.telegram_api_url, settings.bot_token.get_secret_value(), asked, plan)


async def test_a_fast_answer_costs_one_api_call(settings: Settings) -> None:
    result = await load(settings, SHORT_ANSWERS, Plan(users=2, messages=3, reply_timeout=10, deadline=20))
    assert result.answered == 6, result.summary()
    assert result.spent == {"sendMessage": 6}, "an answer in milliseconds needs no typing action"


async def test_a_slow_answer_still_shows_typing(settings: Settings) -> None:
    plan = Plan(users=1, messages=1, reply_timeout=15, deadline=20)
    result = await load(settings, SHORT_ANSWERS, plan, engine=slow(SLOW_SECONDS))
    assert result.answered == 1 and result.latencies[0] >= SLOW_SECONDS, result.summary()
    assert result.calls.get("sendChatAction", 0) >= 1, "the citizen waits seconds without a sign of life"
    assert result.calls["sendMessage"] == 1


@pytest.mark.slow
async def test_a_small_load_run_loses_nothing(settings: Settings) -> None:
    plan = Plan(users=20, messages=5, reply_timeout=20, deadline=40)
    result = await load(settings, load_questions(), plan)
    assert (result.answered, result.lost, result.stray) == (100, 0, 0), result.summary()
    # One call per answer; an answer slowed past the typing delay by a busy machine may add one.
    assert result.calls_per_answer < 1.1, result.summary()


class _Chat:
    """A chat that notes the actions sent to it, each taking `takes` seconds to reach the API."""

    def __init__(self, takes: float = 0.0) -> None:
        self.takes = takes
        self.actions: list[str] = []

    async def send_action(self, action: str) -> bool:
        await asyncio.sleep(self.takes)
        self.actions.append(action)
        return True


async def test_typing_is_renewed_while_a_slow_answer_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(questions, "TYPING_RENEW_SECONDS", 0.1)
    chat = _Chat()
    async with questions.typing_while_slow(chat, delay=0.05):  # type: ignore[arg-type]
        await asyncio.sleep(0.5)
    sent = len(chat.actions)
    await asyncio.sleep(0.3)
    assert sent >= 3 and set(chat.actions) == {"typing"}  # after 0.05 s, then every 0.1 s
    assert len(chat.actions) == sent, "typing went on after the answer was ready"


async def test_an_action_still_queued_when_the_answer_is_ready_is_not_sent() -> None:
    chat = _Chat(takes=0.5)  # waiting for the rate limiter behind other citizens' answers
    async with questions.typing_while_slow(chat, delay=0.05):  # type: ignore[arg-type]
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.6)
    assert chat.actions == []
