"""/reload and /stats: admins only; reload swaps the index and drains the old one."""

from __future__ import annotations

import logging

from bot.channels.telegram import texts
from bot.errors import IndexUnavailable
from tests.telegram.factories import ADMIN, CITIZEN, text_update
from tests.telegram.scripted import fake_kb


async def test_a_citizen_is_refused_politely_and_the_attempt_is_logged(feed, recorder, versions, caplog):
    versions.append(fake_kb("v2", 5))
    with caplog.at_level(logging.WARNING):
        await feed(text_update("/reload", user=CITIZEN))
        await feed(text_update("/stats", user=CITIZEN))
    assert [c.text for c in recorder.sent()] == [texts.NOT_ADMIN, texts.NOT_ADMIN]
    assert f"user {CITIZEN.id} tried /reload" in caplog.text
    assert not versions[0].backend.closed  # nothing was reloaded


async def test_reload_switches_to_the_new_index_and_closes_the_old(feed, recorder, scripted, versions):
    old = versions[0]
    versions.append(fake_kb("v2", 5))
    await feed(text_update("/reload", user=ADMIN))
    [reply] = recorder.sent()
    assert "<code>v1</code>（3 份文件） → <code>v2</code>（5 份文件）" in reply.text
    assert old.backend.closed
    await feed(text_update("问题"))
    assert scripted.calls[-1][:2] == ("answer", "v2")


async def test_a_failed_reload_keeps_the_current_index_and_says_why(feed, recorder, scripted, versions):
    versions.append(IndexUnavailable("no built index in var/index"))
    await feed(text_update("/reload", user=ADMIN))
    [reply] = recorder.sent()
    assert "重新加载失败，继续使用 <code>v1</code>" in reply.text
    assert "no built index in var/index" in reply.text
    versions.append(ValueError("corrupt segment"))
    await feed(text_update("/reload", user=ADMIN))
    assert "corrupt segment" in recorder.sent()[-1].text
    await feed(text_update("问题"))
    assert scripted.calls[-1][:2] == ("answer", "v1")


async def test_stats_counts_questions_declines_and_feedback(feed, recorder, scripted):
    await feed(text_update("张店区安监局的电话？"))
    scripted.found = False
    await feed(text_update("我的身份证370303199001011234能查吗"))
    await feed(text_update("我的身份证370303199001011234能查吗"))
    recorder.clear()
    await feed(text_update("/stats", user=ADMIN))
    [reply] = recorder.sent()
    assert "回答 3 个问题，其中未找到答案 2 个（67%）" in reply.text
    assert "2× 我的身份证******************能查吗" in reply.text
    assert "👍 0" in reply.text and "<code>v1</code>" in reply.text
