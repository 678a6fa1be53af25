"""The citizens' commands and inline mode over the real engine and index."""

from __future__ import annotations

import re

import pytest

from bot.answer import answer, coverage, search_documents
from bot.channels.telegram import texts
from bot.channels.telegram.app import build_application
from bot.channels.telegram.render import answer_html
from tests.telegram.factories import bot_message, callback_update, inline_update, text_update


async def test_the_commands_are_registered_at_start_up(app, recorder, settings):
    fresh = build_application(settings, request=recorder)
    async with fresh:
        await fresh.post_init(fresh)
        [call] = recorder.sent("setMyCommands")
        await fresh.post_shutdown(fresh)
    names = [c["command"] for c in call.params["commands"]]
    assert names == ["start", "help", "hotline", "apply", "draft", "search", "about"]


async def test_start_offers_three_example_questions_the_records_answer(feed, recorder, kb):
    await feed(text_update("/start"))
    [reply] = recorder.sent()
    assert texts.INTRO[:10] in reply.text
    examples = reply.buttons
    assert len(examples) == 3
    for question, _ in examples:
        reply_of_engine = answer(kb, question)
        assert reply_of_engine.found and reply_of_engine.citations, question
    figure, contact, procedure = (question for question, _ in examples)
    assert re.search(r"\d+\s*件", answer(kb, figure).answer)  # a figure question gets a figure
    assert re.search(r"0\d{2,3}-\d{7,8}", answer(kb, contact).answer)
    assert answer(kb, procedure).intent.value in {"procedure", "fee", "time_limit"}


async def test_pressing_an_example_asks_it(feed, recorder, kb):
    await feed(text_update("/start"))
    [reply] = recorder.sent()
    recorder.clear()
    question, data = reply.buttons[1]
    await feed(callback_update(data, bot_message(reply.params["chat_id"])))
    [answer_message] = recorder.sent()
    assert answer_message.text == answer_html(answer(kb, question))
    assert re.search(r"0\d{2,3}-\d{7,8}", answer_message.text)
    assert answer_message.buttons[0][0] == "查看原文"


async def test_help_and_unknown_commands(feed, recorder):
    await feed(text_update("/help"))
    await feed(text_update("/nonsense"))
    assert [c.text for c in recorder.sent()] == [texts.HELP, texts.HELP]


async def test_hotline_names_the_agency_by_its_nickname(feed, recorder):
    await feed(text_update("/hotline 张店区安监局"))
    [reply] = recorder.sent()
    assert "☎️ <b>张店区应急管理局</b>" in reply.text and "0533-2270822" in reply.text


async def test_apply_with_and_without_an_agency(feed, recorder):
    await feed(text_update("/apply 平潭综合实验区"))
    await feed(text_update("/apply"))
    agency, general = recorder.sent()
    assert "申请渠道" in agency.text and "pzxxgkb" not in agency.text  # the card, not the contact
    assert "口头提出" in general.text and "第二十九条" in general.text


async def test_search_needs_words_and_pages_the_results(feed, recorder, kb):
    await feed(text_update("/search"))
    await feed(text_update("/search 规范性文件"))
    usage, page = recorder.sent()
    assert usage.text == texts.SEARCH_USAGE
    expected = search_documents(kb, "规范性文件", offset=0, limit=5)
    assert f"“规范性文件”：第 1–5 条，共 {expected.total} 条" in page.text
    linked = next(c for c in expected.items if c.url)
    assert f'<a href="{linked.url}">' in page.text
    assert [label for label, _ in page.buttons] == ["下一页 ▶"]


async def test_about_lists_the_agencies_and_years_of_the_corpus(feed, recorder, kb):
    await feed(text_update("/about"))
    [reply] = recorder.sent()
    held = coverage(kb)
    assert f"资料库共有 {held.documents} 份文件，涉及 {len(held.agencies)} 个机关" in reply.text
    assert "淮安市人民政府：年度报告 2024" in reply.text
    assert "张店区应急管理局：年度报告 2017" in reply.text
    assert kb.info.version in reply.text


async def test_inline_mode_offers_the_answer_first_then_documents(feed, recorder, kb):
    await feed(inline_update("张店区安监局 热线电话"))
    [call] = recorder.sent("answerInlineQuery")
    first, *documents = call.params["results"]
    assert first["title"].startswith("💡") and "0533-2270822" in first["description"]
    assert "2270822" in first["input_message_content"]["message_text"]
    expected = search_documents(kb, "张店区安监局 热线电话", offset=0, limit=5)
    assert [d["title"] for d in documents] == [c.title[:64] for c in expected.items]
    assert len({r["id"] for r in call.params["results"]}) == len(call.params["results"])


async def test_inline_mode_without_an_answer_offers_only_documents(feed, recorder, kb):
    # A topic, not a question: the engine has no answer, but items about it exist.
    assert not answer(kb, "电动自行车").found
    await feed(inline_update("电动自行车"))
    [call] = recorder.sent("answerInlineQuery")
    results = call.params["results"]
    assert results and not any(r["title"].startswith("💡") for r in results)
    assert "电动自行车" in results[0]["title"]
    assert "电动自行车" in results[0]["input_message_content"]["message_text"]


@pytest.mark.parametrize("query", ["  ", "长" * 501])
async def test_an_empty_or_huge_inline_query_gets_no_results(feed, recorder, app, query):
    await feed(inline_update(query))
    [call] = recorder.sent("answerInlineQuery")
    assert call.params["results"] == []
