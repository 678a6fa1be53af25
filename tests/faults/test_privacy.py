"""Failure 2 of issue 15: personal data typed into questions was kept unmasked.

Every spelling of every value the suite sends (tests/faults/personal.py) goes into a
question the records cannot answer, through the real Telegram application (offline Bot
API, real index and engine); then a 👎, /stats and `gongkai export` (table and JSON). Their
output, the data folder and the log of the test process are all under `fault_dir`, and
`leaks()` must find none of the values there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answer import Answer
from bot.channels import chat as chat_channel
from bot.channels.plain import APOLOGY
from bot.cli import main
from bot.commands import ask as ask_command
from bot.records import FEEDBACK_FILE, UNANSWERED_FILE
from bot.serving import AnswerFunctions
from index import open_index
from index.backend import KnowledgeBase
from tests.faults import telegram_bot
from tests.faults.personal import all_spellings, leaks
from tests.faults.telegram_bot import DECLINED, BotFactory
from tests.telegram.factories import ADMIN, CITIZEN, bot_message, callback_update, text_update

bot_factory = telegram_bot.bot_factory


@pytest.fixture(scope="module")
def kb(built_index: Path) -> Iterator[KnowledgeBase]:
    """The opened index of the bundled corpus."""
    knowledge = open_index(built_index)
    yield knowledge
    knowledge.backend.close()


def export_output(data_dir: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main(["export", "--data", str(data_dir), *options]) == 0
    return capsys.readouterr().out


async def test_no_spelling_of_a_sent_value_reaches_records_stats_or_export(
    fault_dir: Path, bot_factory: BotFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = fault_dir / "data"
    bot = await bot_factory(data_dir)
    spellings = list(all_spellings())
    for spelling in spellings:
        await bot.send(text_update(DECLINED.format(spelling)))
    buttons = dict(bot.recorder.sent()[-1].buttons)
    assert await bot.send(callback_update(buttons["👎"], bot_message(CITIZEN.id))) == "谢谢您的反馈！"
    stats = await bot.send(text_update("/stats", user=ADMIN))
    (fault_dir / "stats.html").write_text(stats, encoding="utf-8")
    (fault_dir / "export.txt").write_text(export_output(data_dir, capsys), encoding="utf-8")
    (fault_dir / "export.json").write_text(export_output(data_dir, capsys, "--json"), encoding="utf-8")

    stored = (data_dir / UNANSWERED_FILE).read_text(encoding="utf-8").splitlines()
    assert len(stored) == len(spellings)  # every question was recorded, masked
    assert "未能写入" not in stats and "北京市朝阳区的电话是多少？我的" in stats
    assert leaks(fault_dir) == []


async def test_records_kept_unmasked_by_an_earlier_version_are_masked_at_start(
    fault_dir: Path, bot_factory: BotFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """What an earlier version stored unmasked is masked in the files when the bot starts."""
    data_dir = fault_dir / "legacy"
    data_dir.mkdir()
    spellings = list(all_spellings())
    lines = [
        {"time": "2026-11-30T08:00:00Z", "intent": "contact", "question": DECLINED.format(s)}
        for s in spellings
    ]
    (data_dir / UNANSWERED_FILE).write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    vote = {"time": "2026-11-30T08:00:00Z", "answer_id": "a1", "vote": "down", "found": False}
    (data_dir / FEEDBACK_FILE).write_text(
        "".join(json.dumps({**vote, "intent": "contact", "question": s}, ensure_ascii=False) + "\n"
                for s in spellings) + f"not json {spellings[0]}\n",
        encoding="utf-8",
    )  # fmt: skip
    bot = await bot_factory(data_dir)
    stats = await bot.send(text_update("/stats", user=ADMIN))
    (fault_dir / "stats.html").write_text(stats, encoding="utf-8")
    (fault_dir / "export.json").write_text(export_output(data_dir, capsys, "--json"), encoding="utf-8")
    assert f"👎 {len(spellings)}" in stats
    assert leaks(fault_dir) == []


def quoting_engine_bug(kb: KnowledgeBase, question: str, **_: object) -> Answer:
    """An engine failure whose message quotes the question, as pydantic and int() errors do.

    The real engine has no such bug to trigger on purpose; the logging around it is tested.
    """
    raise ValueError(f"cannot read {question!r}")


@pytest.mark.parametrize("channel", ["ask", "chat"])
def test_a_failure_quoting_the_question_is_logged_masked(
    fault_dir: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    questions = [DECLINED.format(spelling) for spelling in all_spellings()]
    if channel == "ask":
        monkeypatch.setattr(ask_command, "answer", quoting_engine_bug)
        replies = [ask_command._safe_answer(q, kb, None, 2000).answer for q in questions]
    else:
        monkeypatch.setattr(chat_channel, "answer", quoting_engine_bug)
        chat = chat_channel.Chat(kb, drafts=fault_dir / "drafts", charts=fault_dir / "charts")
        replies = [chat.respond(q) or "" for q in questions]
    assert set(replies) == {APOLOGY}
    log = (fault_dir / "test-process.log").read_text(encoding="utf-8")
    assert log.count("ValueError: cannot read") == len(questions)
    assert leaks(fault_dir) == []


# What a citizen types that no pattern can mask: a name and an address in Chinese.
NAME_AND_ADDRESS = "我叫欧阳明月，住在幸福路88号3单元"


@pytest.mark.parametrize("channel", ["telegram", "ask", "chat"])
async def test_a_failure_quoting_a_name_or_address_logs_where_and_what_but_not_the_text(
    fault_dir: Path, kb: KnowledgeBase, bot_factory: BotFactory, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    question = f"{NAME_AND_ADDRESS}，北京市朝阳区的电话是多少？"
    if channel == "telegram":
        bot = await bot_factory(fault_dir / "data")
        services = bot.app.bot_data.services
        monkeypatch.setattr(services, "answers", AnswerFunctions(answer=quoting_engine_bug))
        reply = await bot.send(text_update(question))
        assert "抱歉" in reply
    elif channel == "ask":
        monkeypatch.setattr(ask_command, "answer", quoting_engine_bug)
        assert ask_command._safe_answer(question, kb, None, 2000).answer == APOLOGY
    else:
        monkeypatch.setattr(chat_channel, "answer", quoting_engine_bug)
        chat = chat_channel.Chat(kb, drafts=fault_dir / "drafts", charts=fault_dir / "charts")
        assert chat.respond(question) == APOLOGY
    log = (fault_dir / "test-process.log").read_text(encoding="utf-8")
    # Where it failed and what kind of failure stay; the words of the citizen do not.
    assert "quoting_engine_bug" in log and "ValueError: cannot read" in log
    assert not any(part in log for part in ("欧阳明月", "幸福路", "朝阳区的电话")), log
