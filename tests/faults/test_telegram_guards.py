"""Issue 15, failures 3 and 11: Telegram updates the library cannot read, floods, foreign buttons, votes.

Failure 3 runs `gongkai serve` as in production (a subprocess, long polling) against the
Bot API emulator, with its log in `fault_dir`; the rest runs the offline harness.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.faults.personal import ID_NUMBERS, LANDLINES, MOBILES
from tests.telegram.e2e.emulator import EmulatorClient, Person, running_emulator
from tests.telegram.offline import API_URL, RecordingRequest
from tests.telegram.offline import TOKEN as OFFLINE_TOKEN

CITIZEN = Person(4201)
TOKEN = "8200001:fault-suite-secret"
HOTLINE_QUESTION = "张店区安监局的热线电话是多少？"
PERSONAL_TEXT = f"我的电话{MOBILES[0]}，身份证{ID_NUMBERS[0]}，座机{LANDLINES[0]}"


@pytest.fixture(scope="module")
def emulator_url() -> Iterator[str]:
    with running_emulator() as url:
        yield url


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """An index of the seed report and the guides: enough to answer the hotline question."""
    from bot.corpus import load_corpus
    from index.store import corpus_fingerprint, publish

    corpus = tmp_path_factory.mktemp("corpus")
    for part in ("seed", "guides"):
        shutil.copytree(corpus_dir / part, corpus / part)
    shutil.copy(corpus_dir / "agencies.toml", corpus / "agencies.toml")
    index_dir = tmp_path_factory.mktemp("index")
    publish(load_corpus(corpus), index_dir, fingerprint=corpus_fingerprint(corpus))
    return index_dir


@pytest.fixture
def served(fault_dir: Path, emulator_url: str, small_index: Path) -> Iterator[tuple[EmulatorClient, Path]]:
    """`gongkai -v serve` polling the emulator, its whole output in fault_dir/serve.log."""
    client = EmulatorClient(emulator_url, TOKEN)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        GONGKAI_BOT_TOKEN=TOKEN, GONGKAI_TELEGRAM_API_URL=emulator_url,
        GONGKAI_INDEX_DIR=str(small_index), GONGKAI_DATA_DIR=str(fault_dir / "data"),
    )  # fmt: skip
    log = fault_dir / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "-v", "serve"], cwd=fault_dir, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        client.wait_until("the bot to poll", lambda s: s["commands"] and s["getUpdatesCalls"], timeout=30)
        yield client, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        client.close()


def _poll(question: str) -> dict[str, Any]:
    """A poll update without `allows_revoting`, as older clients and newer APIs send (PTB 22.8 refuses it)."""
    option = {"text": PERSONAL_TEXT, "voter_count": 0, "persistent_id": "o1"}
    return {"poll": {
        "id": "5001", "question": question, "options": [option], "total_voter_count": 0,
        "is_closed": False, "is_anonymous": True, "type": "regular", "allows_multiple_answers": False,
    }}  # fmt: skip


def _message(**fields: Any) -> dict[str, Any]:
    message = {"message_id": 77, "date": int(time.time()), "chat": CITIZEN.private_chat(),
               "from": CITIZEN.as_user(), "text": PERSONAL_TEXT} | fields  # fmt: skip
    return {"message": {k: v for k, v in message.items() if v is not None}}


# Shapes PTB 22.8 cannot build, each carrying a citizen's phone and ID number.
UNREADABLE = {
    "poll without allows_revoting": _poll(PERSONAL_TEXT),
    "message without date": _message(date=None),
    "sender without first_name": _message(**{"from": {"id": CITIZEN.id, "is_bot": False}}),
    "date out of range": _message(date=10**20),
    "entities not a list": _message(entities=5),
    "callback query without chat_instance": {
        "callback_query": {"id": "9", "from": CITIZEN.as_user(), "data": PERSONAL_TEXT}
    },
}


def test_updates_the_library_cannot_read_are_skipped_once_without_content(served):
    client, log = served
    ids = [client.send_update(update) for update in UNREADABLE.values()]
    client.say(CITIZEN, HOTLINE_QUESTION)
    [reply] = client.replies(CITIZEN, timeout=20)  # later updates are still answered
    assert "2270822" in reply.text
    calls = client.bot_state()["getUpdatesCalls"]
    time.sleep(2)
    assert client.bot_state()["getUpdatesCalls"] - calls <= 3  # long polling again, no spinning
    text = log.read_text(encoding="utf-8")
    for update_id in ids:
        assert len(re.findall(rf"update {update_id} skipped", text)) == 1, text[-3000:]
    assert "allows_revoting" in text  # the operator learns what PTB missed
    for value in (MOBILES[0], ID_NUMBERS[0], "0531-86061234", TOKEN.split(":")[1]):
        assert value not in text


# --- PTB's and httpx's own loggers ---------------------------------------------------------


@pytest.fixture
def guarded_logs() -> Iterator[None]:
    """The library loggers as `gongkai serve` sets them; restored afterwards."""
    from bot.commands.serve import protect_secrets
    from bot.settings import Settings

    names = ("telegram", "httpx", "httpcore", "apscheduler")
    levels = {name: logging.getLogger(name).level for name in names}
    protect_secrets(Settings(_env_file=None, bot_token=TOKEN))  # type: ignore[call-arg, arg-type]
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for logger in [logging.getLogger(n) for n in logging.Logger.manager.loggerDict if n.split(".")[0] in names]:
        for kept in list(logger.filters):
            logger.removeFilter(kept)


class _OneBatch(RecordingRequest):
    """The offline Bot API, answering getUpdates with one fixed batch."""

    def __init__(self, batch: list[dict[str, Any]]) -> None:
        super().__init__()
        self.batch = batch

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        return self.batch if method == "getUpdates" else super()._result(method, params)


async def test_the_library_loggers_never_write_an_update_or_the_token(fault_dir, guarded_logs):
    from telegram import Bot

    batch = [{"update_id": 9, **_poll(PERSONAL_TEXT)}]
    request = _OneBatch(batch)
    bot = Bot(OFFLINE_TOKEN, base_url=f"{API_URL}/bot", request=request, get_updates_request=request)
    with pytest.raises(TypeError):
        await bot.get_updates()  # PTB's own path: logs the batch it cannot parse at CRITICAL
    logging.getLogger("telegram.ext.Updater").critical("Received data was: %r", batch[0])
    logging.getLogger("httpx").warning("HTTP Request: POST %s", f"{API_URL}/bot{TOKEN}/getUpdates")
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    assert not logging.getLogger("telegram.ext.Application").isEnabledFor(logging.DEBUG)
    text = (fault_dir / "test-process.log").read_text(encoding="utf-8")
    assert "Error while parsing updates" in text and "[withheld]" in text and "[secret]" in text
    assert MOBILES[0] not in text and ID_NUMBERS[0] not in text and TOKEN.split(":")[1] not in text
