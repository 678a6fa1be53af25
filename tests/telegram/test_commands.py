"""The citizens' commands, inline mode, and the commands announced at start-up."""

from __future__ import annotations

from bot.channels.telegram import texts
from tests.telegram.factories import bot_message, callback_update, inline_update, text_update


async def test_the_commands_are_registered_at_start_up(app, recorder, settings, scripted, opener):
    from bot.channels.telegram.app import build_application

    fresh = build_application(settings, opener=opener, engine=scripted.engine(), request=recorder)
    async with fresh:
        await fresh.post_init(fresh)
        [call] = recorder.sent("setMyCommands")
        await fresh.post_shutdown(fresh)
    names = [c["command"] for c in call.params["commands"]]
    assert names == ["start", "help", "hotline", "apply", "draft", "search", "about"]


async def test_start_offers_three_example_questions_that_can_be_pressed(feed, recorder, scripted):
    await feed(text_update("/start"))
    [reply] = recorder.sent()
    assert texts.INTRO[:10] in reply.text
    examples = reply.buttons
    assert len(examples) == 3 and "张店区安监局" in examples[0][0]
    recorder.clear()
    await feed(callback_update(examples[0][1], bot_message(reply.params["chat_id"])))
    [answer] = recorder.sent()
    assert "2270822" in answer.text
    assert answer.buttons[0][0] == "查看原文"


async def test_help_and_unknown_commands(feed, recorder):
    await feed(text_update("/help"))
    await feed(text_update("/nonsense"))
    assert [c.text for c in recorder.sent()] == [texts.HELP, texts.HELP]


async def test_hotline_and_apply_pass_the_agency(feed, recorder, scripted):
    await feed(text_update("/hotline 张店区安监局"))
    await feed(text_update("/apply"))
    hotline, apply = recorder.sent()
    assert "☎️ <b>张店区安监局</b>" in hotline.text and "0533-2270822" in hotline.text
    assert "申请渠道" in apply.text
    assert [c for c, _, _ in scripted.calls] == ["contact:张店区安监局", "procedure:None"]


async def test_search_needs_words_and_pages_the_results(feed, recorder):
    await feed(text_update("/search"))
    await feed(text_update("/search 规范性文件"))
    usage, page = recorder.sent()
    assert usage.text == texts.SEARCH_USAGE
    assert "“规范性文件”：第 1–5 条，共 12 条" in page.text
    assert '<a href="https://example.gov.cn/0">文件0</a>' in page.text
    assert [label for label, _ in page.buttons] == ["下一页 ▶"]


async def test_about_lists_agencies_and_years(feed, recorder):
    await feed(text_update("/about"))
    [reply] = recorder.sent()
    assert "张店区安监局：年度报告 2017；公开指南 1 份" in reply.text
    assert "v1" in reply.text


async def test_inline_mode_offers_the_answer_and_documents(feed, recorder):
    await feed(inline_update("张店区安监局 电话"))
    [call] = recorder.sent("answerInlineQuery")
    results = call.params["results"]
    assert results[0]["title"] == texts.INLINE_ANSWER
    assert "2270822" in results[0]["input_message_content"]["message_text"]
    assert [r["title"] for r in results[1:]] == [f"文件{n}" for n in range(5)]
    assert all(len(r["id"].encode()) <= 64 for r in results)


async def test_an_empty_inline_query_gets_no_results(feed, recorder, scripted):
    await feed(inline_update("  "))
    [call] = recorder.sent("answerInlineQuery")
    assert call.params["results"] == []
    assert scripted.calls == []
