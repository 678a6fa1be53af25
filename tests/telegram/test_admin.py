"""/reload and /stats over a real index that grows between reloads; admins only."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from bot.channels.telegram import texts
from bot.corpus import load_corpus
from index.store import CURRENT, publish
from tests.telegram.factories import ADMIN, CITIZEN, text_update

HUAIAN = "淮安市人民政府2024年一共收到多少件信息公开申请？"  # only the reports/ folder answers it


@pytest.fixture
def corpus_copy(tmp_path: Path, corpus_dir: Path) -> Path:
    """A corpus the test may grow: at first the agency registry, the 张店 seed report, the guides
    and the 条例 (how to apply is answered from it, whatever else the corpus holds)."""
    copy = tmp_path / "corpus"
    for folder in ("seed", "guides", "law"):
        shutil.copytree(corpus_dir / folder, copy / folder)
    shutil.copy(corpus_dir / "agencies.toml", copy / "agencies.toml")
    return copy


@pytest.fixture
def index_dir(tmp_path: Path, corpus_copy: Path) -> Path:
    """An index of the small corpus, which `grow` rebuilds bigger."""
    folder = tmp_path / "index"
    publish(load_corpus(corpus_copy), folder)
    return folder


@pytest.fixture
def grow(corpus_copy: Path, corpus_dir: Path, index_dir: Path):
    """Add the annual reports to the corpus and build a new index version, as `gongkai build` does."""

    def rebuild() -> None:
        shutil.copytree(corpus_dir / "reports", corpus_copy / "reports")
        publish(load_corpus(corpus_copy), index_dir)

    return rebuild


def _version_and_count(text: str) -> list[tuple[str, int]]:
    found = re.findall(r"<code>(\S+)</code>（(\d+) 份文件）", text)
    return [(version, int(count)) for version, count in found]


async def test_a_citizen_is_refused_politely_and_the_attempt_is_logged(feed, recorder, app, grow, caplog):
    served = app.bot_data.services.holder.info.version
    grow()
    with caplog.at_level(logging.WARNING):
        await feed(text_update("/reload", user=CITIZEN))
        await feed(text_update("/stats", user=CITIZEN))
    assert [c.text for c in recorder.sent()] == [texts.NOT_ADMIN, texts.NOT_ADMIN]
    assert f"user {CITIZEN.id} tried /reload" in caplog.text
    assert app.bot_data.services.holder.info.version == served  # nothing was reloaded


async def test_reload_switches_to_the_rebuilt_index(feed, recorder, app, grow):
    await feed(text_update(HUAIAN))
    assert "3119" not in recorder.sent()[-1].text  # the small index has no 淮安 report
    old = app.bot_data.services.holder.info
    grow()
    await feed(text_update("/reload", user=ADMIN))
    reply = recorder.sent()[-1]
    assert "索引已重新加载" in reply.text
    [(old_version, old_count), (new_version, new_count)] = _version_and_count(reply.text)
    assert (old_version, old_count) == (old.version, old.documents)
    assert new_version != old_version and new_count > old_count
    await feed(text_update(HUAIAN))
    assert "3119" in recorder.sent()[-1].text  # answered from the new index


async def test_the_examples_of_start_follow_the_served_index(feed, recorder, grow):
    await feed(text_update("/start"))
    before = [label for label, _ in recorder.sent()[-1].buttons]
    grow()
    await feed(text_update("/reload", user=ADMIN))
    await feed(text_update("/start"))
    after = [label for label, _ in recorder.sent()[-1].buttons]
    # The richest agency's 2024 report came with the new folder: its figure is the example now.
    # The seed's 2017 report counts no applications: no figure example before the reports came.
    assert not any("年收到" in label for label in before) and "2024年收到" in after[0]
    assert after[1:] == before  # the phone and how-to-apply examples stay


async def test_a_failed_reload_keeps_the_current_index_and_says_why(feed, recorder, app, index_dir):
    served = app.bot_data.services.holder.info.version
    pointer = index_dir / CURRENT
    pointer.unlink()
    pointer.symlink_to("versions/never-built")
    await feed(text_update("/reload", user=ADMIN))
    reply = recorder.sent()[-1]
    assert f"重新加载失败，继续使用 <code>{served}</code>" in reply.text
    assert "never-built is missing" in reply.text
    await feed(text_update("张店区安监局的热线电话是多少？"))
    assert "0533-2270822" in recorder.sent()[-1].text


async def test_stats_counts_questions_declines_unanswered_and_feedback(feed, recorder, app):
    await feed(text_update("张店区安监局的热线电话是多少？"))
    for _ in range(2):
        await feed(text_update("北京市朝阳区的电话是多少？我的身份证370303199001011234"))
    recorder.clear()
    await feed(text_update("/stats", user=ADMIN))
    [reply] = recorder.sent()
    assert "回答 3 个问题，其中未找到答案 2 个（67%）" in reply.text
    assert "2× 北京市朝阳区的电话是多少？我的身份证******************" in reply.text
    assert "👍 0" in reply.text
    assert f"<code>{app.bot_data.services.holder.info.version}</code>" in reply.text
