"""Issue 15, failure 3: Telegram updates the library cannot read, and the library's own logs.

`gongkai serve` runs as in production (a subprocess, long polling or webhook) against the
Bot API emulator, with its log in `fault_dir`: an unreadable update is skipped once, its
content never logged, and the bot goes on answering.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
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


@pytest.fixture
def served(
    fault_dir: Path, emulator_url: str, small_index: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[EmulatorClient, Path]]:
    """`gongkai -v serve` polling the emulator (or its webhook, when parametrized so), output in fault_dir."""
    token = f"{8200001 + len(request.node.name) % 97}:fault-suite-secret"  # a bot of its own per test
    client = EmulatorClient(emulator_url, token)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        GONGKAI_BOT_TOKEN=token, GONGKAI_TELEGRAM_API_URL=emulator_url,
        GONGKAI_INDEX_DIR=str(small_index), GONGKAI_DATA_DIR=str(fault_dir / "data"),
    )  # fmt: skip
    if getattr(request, "param", "polling") == "webhook":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env.update(
            GONGKAI_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook", GONGKAI_WEBHOOK_PORT=str(port),
            GONGKAI_WEBHOOK_PATH="hook", GONGKAI_WEBHOOK_SECRET="fault_secret",
        )  # fmt: skip
    log = fault_dir / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "-v", "serve"],
            cwd=fault_dir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        client.wait_until(
            "the bot to start", lambda s: s["commands"] and (s["getUpdatesCalls"] or s["webhook"]), 30
        )
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
    "poll answer without option_persistent_ids": {
        "poll_answer": {"poll_id": "5001", "user": CITIZEN.as_user(), "option_ids": [0]}
    },
    "photo without sizes": _message(photo=[{"file_id": "a"}], caption=PERSONAL_TEXT),
    "reaction without its emoji": {
        "message_reaction": {
            "chat": CITIZEN.private_chat(),
            "user": CITIZEN.as_user(),
            "message_id": 1,
            "date": int(time.time()),
            "old_reaction": [],
            "new_reaction": [{"type": "emoji"}],
        }
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
    assert "Error while parsing" not in text and "Traceback" not in text
    for value in (MOBILES[0], ID_NUMBERS[0], "0531-86061234", TOKEN.split(":")[1]):
        assert value not in text


@pytest.mark.parametrize("served", ["webhook"], indirect=True)
def test_in_webhook_mode_an_unreadable_update_is_refused_without_its_content(served):
    client, log = served
    for update in UNREADABLE.values():
        client.send_update(update)  # PTB answers the emulator 400 and logs it, content withheld
    client.say(CITIZEN, HOTLINE_QUESTION)
    [reply] = client.replies(CITIZEN, timeout=20)
    assert "2270822" in reply.text
    text = log.read_text(encoding="utf-8")
    assert text.count("Received data was: [withheld]") == len(UNREADABLE)
    for value in (MOBILES[0], ID_NUMBERS[0], "0531-86061234", TOKEN.split(":")[1], "fault_secret"):
        assert value not in text


def test_a_batch_keeps_what_ptb_reads_and_an_id_for_what_it_cannot(fault_dir):
    from bot.channels.telegram.updates import readable

    good = {"update_id": 3, **_message()}
    batch = [{"update_id": 1, **_poll(PERSONAL_TEXT)}, PERSONAL_TEXT, _message(date=None), good]
    assert readable(batch) == [{"update_id": 1}, good]  # without an id an update cannot be confirmed
    text = (fault_dir / "test-process.log").read_text(encoding="utf-8")
    assert text.count("skipped") == 3 and "update 1 skipped" in text and "(str; TypeError" in text


# --- PTB's and httpx's own loggers ---------------------------------------------------------


@pytest.fixture
def guarded_logs() -> Iterator[None]:
    """The library loggers as `gongkai serve` and build_application set them; restored afterwards."""
    from bot.channels.telegram.logs import guard_library_logs

    names = ("telegram", "httpx", "httpcore", "apscheduler")
    levels = {name: logging.getLogger(name).level for name in names}
    guard_library_logs([TOKEN])
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for logger in [
        logging.getLogger(n) for n in logging.Logger.manager.loggerDict if n.split(".")[0] in names
    ]:
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
