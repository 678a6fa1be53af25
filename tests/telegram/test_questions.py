"""Free-text questions through the real Application, handlers, engine and index, offline."""

from __future__ import annotations

import asyncio
import logging
import re
import threading

import pytest

from bot.answer import answer
from bot.channels.telegram import texts
from bot.channels.telegram.handlers.reply import reply_html
from bot.channels.telegram.keyboards import answer_keyboard
from bot.channels.telegram.render import answer_html
from bot.channels.telegram.render import split_html as _split
from tests.telegram.engines import Recording, failing
from tests.telegram.factories import (
    GROUP,
    bot_message,
    callback_update,
    make_message,
    message_update,
    sticker_update,
    text_update,
)
from tests.telegram.offline import BOT_USERNAME

HOTLINE = "张店区安监局的热线电话是多少？"


def visible(html: str) -> str:
    """What shows before a reader unfolds anything: the text outside expandable quotes."""
    return re.sub(r"<blockquote expandable>.*?</blockquote>", "", html, flags=re.DOTALL)


async def test_a_question_gets_the_fact_its_source_and_six_buttons(feed, recorder):
    await feed(text_update(HOTLINE))
    [reply] = recorder.sent()
    fact, _, source = reply.text.partition("📄 来源：")
    assert "0533-2270822" in fact
    assert "张店区应急管理局2017年度政府信息公开年报" in source
    labels = [label for label, _ in reply.buttons]
    assert labels == ["查看原文", "如何申请", "联系电话", "相关文件", "👍", "👎"]
    assert all(len(data.encode()) <= 64 for _, data in reply.buttons)
    assert not recorder.sent("sendChatAction")  # an answer in milliseconds needs no "typing…"


@pytest.mark.parametrize(
    ("question", "fact", "source"),
    [
        # A figure from a report table: the table path is in the 来源 line.
        ("淮安市人民政府2024年一共收到多少件信息公开申请？", "3119", "表三"),
        # A fee calculated by the 2020 measures, cited to the regulations.
        ("一个月申请15件要交多少钱", "500元", "第四十二条"),
        # A document number looked up in the catalogue.
        ("岚综管规〔2024〕4号是哪个文件", "代建管理费", "PZ00101-1700-2024-00452"),
        # A complaint redirected, with the article that says why.
        ("我要投诉邻居违建", "12345", "第三十九条"),
    ],
)
async def test_real_answers_show_the_fact_before_the_source(feed, recorder, question, fact, source):
    await feed(text_update(question))
    [reply] = recorder.sent()
    assert fact in visible(reply.text).split("📄 来源")[0]
    assert source in reply.text


async def test_a_deadline_shows_the_date_and_folds_the_reasoning(feed, recorder):
    await feed(text_update("我11月20日网上提交的申请什么时候答复"))
    [reply] = recorder.sent()
    lead = visible(reply.text).split("📄 来源")[0]
    assert re.search(r"应在\d{4}年\d{1,2}月\d{1,2}日（星期.）前答复", lead)
    assert "依据" not in lead and "依据" in reply.text  # the steps are folded, not lost
    assert "<blockquote expandable>" in reply.text
    assert "第三十三条" in reply.text.split("📄 来源")[1]
    assert "（出处：" not in reply.text  # the 来源 line replaces the engine's own note


async def test_an_honest_decline_says_where_to_ask_and_is_remembered(feed, recorder, app):
    await feed(text_update("北京市朝阳区的政府信息公开电话"))
    [reply] = recorder.sent()
    assert "抱歉" in reply.text and "12345" in reply.text
    assert "📄 来源" not in reply.text
    assert [label for label, _ in reply.buttons] == ["如何申请", "联系电话", "相关文件", "👍", "👎"]
    assert app.bot_data.services.unanswered.top() == [("北京市朝阳区的政府信息公开电话", 1)]


async def test_a_decline_with_a_known_agency_gives_its_phone(feed, recorder):
    await feed(text_update("张店区安监局2019年主动公开了几条信息"))
    [reply] = recorder.sent()
    assert "2017" in reply.text and "0533-2270822" in reply.text


async def test_a_clarification_offers_its_suggestions_as_buttons_that_ask_them(feed, recorder, kb):
    await feed(text_update("电话是多少"))
    [reply] = recorder.sent()
    suggestions = [(label, data) for label, data in reply.buttons if label.startswith("❓")]
    assert 1 <= len(suggestions) <= 3
    label, data = suggestions[0]
    suggested = answer(kb, label.removeprefix("❓ "))
    recorder.clear()
    await feed(callback_update(data, bot_message(reply.params["chat_id"])))
    [asked] = recorder.sent()
    assert asked.text == answer_html(suggested)  # pressing asked exactly the suggested question
    assert suggested.found and re.search(r"0\d{2,3}-\d{7,8}", asked.text)


async def test_text_typed_by_the_citizen_is_escaped(feed, recorder):
    await feed(text_update("<b>粗体</b>的年报 & <script>数据</script>"))
    [reply] = recorder.sent()
    assert "&lt;b&gt;粗体&lt;/b&gt;的年报 &amp; &lt;script&gt;" in reply.text
    assert "<script>" not in reply.text and reply.params["parse_mode"] == "HTML"


async def test_a_long_reply_is_split_and_the_buttons_go_under_the_last_part(app, recorder, kb):
    # No single answer of the sample corpus passes 4096 characters; many together do.
    questions = ["一个月申请15件要交多少钱", "我11月20日网上提交的申请什么时候答复", HOTLINE] * 4
    html = "\n\n".join(answer_html(answer(kb, q)) for q in questions)
    message = make_message("问题")
    message.set_bot(app.bot)
    sent = await reply_html(message, html, answer_keyboard("abcdefgh"))
    parts = recorder.sent()
    assert len(parts) == len(_split(html)) > 1 and sent.text == parts[-1].text
    assert all(len(p.text.encode("utf-16-le")) // 2 <= 4096 for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  ", texts.EMPTY), (f"@{BOT_USERNAME}", texts.EMPTY), ("长" * 501, texts.TOO_LONG[:4])],
)
async def test_empty_and_very_long_messages_get_a_short_polite_reply(feed, recorder, app, text, expected):
    await feed(text_update(text))
    [reply] = recorder.sent()
    assert reply.text.startswith(expected[:4])
    assert app.bot_data.services.stats.answered == 0  # the engine was not asked


async def test_a_sticker_gets_a_polite_reply(feed, recorder):
    await feed(sticker_update())
    assert [c.text for c in recorder.sent()] == [texts.NON_TEXT]


async def test_in_groups_only_mentions_and_replies_are_answered(feed, recorder):
    await feed(text_update("大家好，今天开会", chat=GROUP))
    assert recorder.sent() == []
    await feed(text_update(f"@{BOT_USERNAME} 张店区安监局的电话？", chat=GROUP))
    replied = bot_message(GROUP.id)
    reply_to_bot = make_message("淮安市人民政府办公室的电话呢？", chat=GROUP, reply_to_message=replied)
    await feed(message_update(reply_to_bot))
    first, second = recorder.sent()
    assert "0533-2270822" in first.text and "0517-83605210" in second.text


async def test_a_flood_is_told_once_when_to_ask_again_then_ignored(feed, recorder, settings):
    for _ in range(settings.rate_limit_questions + 3):
        await feed(text_update(HOTLINE))
    replies = [c.text for c in recorder.sent()]
    told = [r for r in replies if re.fullmatch(texts.RATE_LIMITED.replace("{seconds}", r"\d+"), r)]
    assert len(told) == 1 and len(replies) == settings.rate_limit_questions + 1
    assert all("0533-2270822" in r for r in replies if r not in told)


@pytest.fixture
def recording():
    """Calls of the real engine in this module's tests."""
    return Recording()


@pytest.fixture
def engine(recording):
    """The real engine, recording its calls; it can hold one question until another is answered."""
    return recording.engine()


async def test_the_engine_runs_off_the_event_loop(feed, recorder, recording):
    await feed(text_update(HOTLINE))
    [(question, thread)] = recording.calls
    assert question == HOTLINE and thread != threading.main_thread().name
    assert "0533-2270822" in recorder.sent()[0].text


async def test_updates_are_handled_concurrently(app, recorder, recording):
    # The first question waits inside the engine until the second one reaches it:
    # handled one after another, the first would time out and get the apology.
    recording.blocked = HOTLINE
    await app.start()
    try:
        for text in (HOTLINE, "淮安市人民政府办公室的联系电话"):
            update = text_update(text)
            await app.update_queue.put(update.de_json(update.to_dict(), app.bot))
        await _until(lambda: len(recorder.sent()) == 2)
    finally:
        await app.stop()
    replies = " ".join(c.text for c in recorder.sent())
    assert "0533-2270822" in replies and "0517-83605210" in replies  # neither got the apology


class TestFailures:
    """What the citizen sees when answering fails."""

    @pytest.fixture
    def engine(self):
        # The real engine never raises for any text: the failure has to be injected.
        return failing(RuntimeError("cannot answer 我的电话13812345678"))

    async def test_a_failure_is_logged_without_personal_data_and_the_citizen_gets_an_apology(
        self, feed, recorder, caplog
    ):
        with caplog.at_level(logging.ERROR):
            await feed(text_update("我的电话13812345678，帮我查一下"))
        [reply] = recorder.sent()
        assert reply.text == texts.ERROR and "12345" in reply.text
        assert "RuntimeError" in caplog.text
        assert "13812345678" not in caplog.text


async def test_without_a_served_index_the_citizen_is_told_it_is_unavailable(feed, recorder, app):
    await app.bot_data.services.holder.close()  # what remains after a shutdown began
    await feed(text_update(HOTLINE))
    [reply] = recorder.sent()
    assert reply.text == texts.UNAVAILABLE


async def _until(condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)
