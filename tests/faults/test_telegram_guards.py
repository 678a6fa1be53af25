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
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram import User

from tests.faults.personal import ID_NUMBERS, LANDLINES, MOBILES
from tests.telegram.e2e.emulator import EmulatorClient, Person, running_emulator
from tests.telegram.factories import CITIZEN as CITIZEN_USER
from tests.telegram.factories import GROUP, bot_message, callback_update, inline_update, text_update
from tests.telegram.offline import API_URL, BOT_USERNAME, RecordingRequest
from tests.telegram.offline import TOKEN as OFFLINE_TOKEN

CITIZEN = Person(4201)
STRANGER = User(id=4202, first_name="路人", is_bot=False)
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


# --- failure 11: the limiter, buttons, votes (the real Application, offline Bot API) --------

LIMIT = 3


@pytest.fixture
async def offline(fault_dir: Path, small_index: Path, monkeypatch: pytest.MonkeyPatch):
    """The real Application over the small index, its data in fault_dir; yields (app, recorder)."""
    from bot.channels.telegram.app import build_application
    from bot.settings import Settings

    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    settings = Settings(
        _env_file=None, bot_token=OFFLINE_TOKEN, telegram_api_url=API_URL, index_dir=small_index,
        data_dir=fault_dir / "data", rate_limit_questions=LIMIT,
    )  # type: ignore[call-arg, arg-type]  # fmt: skip
    recorder = RecordingRequest()
    app = build_application(settings, request=recorder)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        recorder.clear()
        yield app, recorder
        await app.post_shutdown(app)


async def _feed(app: Any, update: Any) -> None:
    from telegram import Update

    await app.process_update(Update.de_json(update.to_dict(), app.bot))


def _texts(recorder: RecordingRequest) -> list[str]:
    return [call.plain for call in recorder.sent()]


def _alerts(recorder: RecordingRequest) -> list[str]:
    return [str(call.params.get("text", "")) for call in recorder.sent("answerCallbackQuery")]


async def _ask(app: Any, recorder: RecordingRequest, question: str, **where: Any) -> dict[str, str]:
    await _feed(app, text_update(question, **where))
    reply = recorder.sent()[-1]
    recorder.clear()
    return dict(reply.buttons)


def test_the_limiter_forgets_users_whose_window_is_over_and_caps_the_rest():
    from bot.channels.telegram.ratelimit import RateLimiter

    now = [0.0]
    limiter = RateLimiter(limit=10, window=60, clock=lambda: now[0])
    tracemalloc.start()
    for user in range(100_000):  # one new user a second: at most 60 inside a window
        now[0] += 1
        limiter.check(user)
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert kept < 200_000, f"{kept / 100_000:.0f} bytes kept per user id"  # it was 858
    capped = RateLimiter(limit=10, window=60, clock=lambda: 0.0, max_users=10_000)
    started = time.perf_counter()
    for user in range(1_000_000):  # a million users at once: only the most recent are tracked
        capped.check(user)
    assert len(capped) == 10_000 and time.perf_counter() - started < 20


async def test_a_question_over_the_limit_is_told_when_to_ask_again(offline):
    app, recorder = offline
    await _feed(app, inline_update("申请公开"))  # inline queries do not spend the questions' warning
    for _ in range(LIMIT + 1):
        await _feed(app, text_update(HOTLINE_QUESTION))
    *answers, refusal = _texts(recorder)
    assert len(answers) == LIMIT and all("2270822" in a for a in answers)
    wait = re.fullmatch(r".*请在 (\d+) 秒后再问.*", refusal)
    assert wait and 1 <= int(wait.group(1)) <= 60, refusal


async def test_button_presses_do_not_count_against_questions(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, HOTLINE_QUESTION)
    for _ in range(3 * LIMIT):
        await _feed(app, callback_update(buttons["查看原文"], bot_message(CITIZEN_USER.id, "回答")))
    recorder.clear()
    for _ in range(LIMIT - 1):
        await _feed(app, text_update(HOTLINE_QUESTION))
    assert [("2270822" in text) for text in _texts(recorder)] == [True] * (LIMIT - 1)


async def test_a_button_key_works_only_in_the_chat_that_received_the_answer(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, f"{PERSONAL_TEXT}。{HOTLINE_QUESTION}")
    for label in ("查看原文", "相关文件", "如何申请", "👍"):
        await _feed(app, callback_update(buttons[label], bot_message(STRANGER.id, "回答"), user=STRANGER))
        # A client may also claim the citizen's private chat as the message it pressed under.
        await _feed(app, callback_update(buttons[label], bot_message(CITIZEN_USER.id, "回答"), user=STRANGER))
    assert recorder.sent() == [] and recorder.sent("editMessageText") == []
    assert all(text for text in _alerts(recorder))  # each press answered politely
    assert not (app.bot_data.services.feedback.path).exists()
    recorder.clear()
    group_buttons = await _ask(app, recorder, f"@{BOT_USERNAME} {HOTLINE_QUESTION}", chat=GROUP)
    await _feed(app, callback_update(group_buttons["查看原文"], bot_message(GROUP.id, "回答"), user=STRANGER))
    assert "2270822" in _texts(recorder)[0]  # anyone in the chat that received it may press


async def test_one_vote_per_user_and_answer(offline):
    from bot.records import FeedbackStore, Vote, read_feedback

    app, recorder = offline
    services = app.bot_data.services
    buttons = await _ask(app, recorder, f"@{BOT_USERNAME} {HOTLINE_QUESTION}", chat=GROUP)
    message = bot_message(GROUP.id, "回答")
    for label in ("👍", "👍", "👎", "👎"):
        await _feed(app, callback_update(buttons[label], message))
    await _feed(app, callback_update(buttons["👍"], message, user=STRANGER))
    assert services.feedback.counts() == {Vote.UP: 1, Vote.DOWN: 1}
    assert FeedbackStore(services.settings.data_dir).counts() == {Vote.UP: 1, Vote.DOWN: 1}
    assert sorted(line.vote for line in read_feedback(services.settings.data_dir)) == [Vote.DOWN, Vote.UP]
    assert str(CITIZEN_USER.id) not in services.feedback.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data", ["", "drf", "x" * 200, "pg:abc:notanumber", "ask:abc:-1", "ex:99999999999999999999", "\x00:\x00"]
)
async def test_empty_or_malformed_callback_data_does_nothing_but_answer(offline, data):
    app, recorder = offline
    await _feed(app, callback_update(data, bot_message(CITIZEN_USER.id, "回答")))
    assert recorder.sent() == []  # no draft started, no apology for an error
    assert len(recorder.sent("answerCallbackQuery")) == 1
    assert len(app.bot_data.services.drafts) == 0


async def test_a_valid_key_with_a_malformed_number_does_nothing_but_answer(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, HOTLINE_QUESTION)
    key = buttons["查看原文"].split(":")[1]
    for data in (f"pg:{key}:-5", f"ask:{key}:-1", f"pg:{key}:{10**30}"):
        await _feed(app, callback_update(data, bot_message(CITIZEN_USER.id, "回答")))
    assert recorder.sent() == [] and recorder.sent("editMessageText") == []
    assert len(recorder.sent("answerCallbackQuery")) == 3


# --- bounds on every text a user sends -------------------------------------------------------


async def test_an_over_long_search_is_refused_politely_before_it_is_searched(offline):
    app, recorder = offline
    started = time.perf_counter()
    await _feed(app, text_update("/search " + "1234567890" * 400))
    [reply] = _texts(recorder)
    assert "上限" in reply and "4000" in reply and time.perf_counter() - started < 1
    recorder.clear()
    await _feed(app, text_update("/search 热线电话"))  # a short one is still searched
    assert "第 1" in _texts(recorder)[0]


async def test_an_over_long_inline_query_gets_a_button_saying_so(offline):
    app, recorder = offline
    await _feed(app, inline_update("热线" * 300))
    [answer] = recorder.sent("answerInlineQuery")
    assert answer.params["results"] == []
    assert "256" in answer.params["button"]["text"]


@pytest.mark.parametrize("start", [None, "/draft"])
async def test_a_message_longer_than_telegram_allows_is_refused_even_while_drafting(offline, start):
    app, recorder = offline
    if start:
        await _feed(app, text_update(start))
    recorder.clear()
    await _feed(app, text_update(PERSONAL_TEXT * 500))
    [reply] = _texts(recorder)
    assert "4096" in reply and MOBILES[0] not in reply
