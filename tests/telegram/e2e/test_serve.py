"""`gongkai serve` as in production (a subprocess, long polling) against the emulator.

The tests act as users over HTTP; the bot builds and serves a real index of corpus/.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.channels.telegram import texts
from tests.telegram.e2e.emulator import EmulatorClient, Person

pytestmark = pytest.mark.e2e

ADMIN = Person(3001, "管理员")
CITIZEN = Person(3002)
QUESTION = "张店区安监局的热线电话是多少？"
HUAIAN = "淮安市人民政府2024年一共收到多少件信息公开申请？"  # only reports/ answers it
# Questions of different kinds, each with the fact its answer must state.
FACTS = {
    QUESTION: "0533-2270822",
    HUAIAN: "3119",
    "平潭综合实验区受理政府信息公开申请的邮箱": "pzxxgkb@163.com",
    "岚综管规〔2024〕4号是哪个文件": "代建管理费",
    "一个月申请15件要交多少钱": "500元",
}


def test_serve_without_a_token_stops_with_one_clear_message(gongkai):
    result = gongkai("serve", GONGKAI_BOT_TOKEN="")
    assert result.returncode == 1
    assert "GONGKAI_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_with_an_invalid_setting_names_it(gongkai):
    result = gongkai("serve", GONGKAI_WEBHOOK_PORT="http")
    assert result.returncode == 1
    assert "GONGKAI_WEBHOOK_PORT" in result.stderr.splitlines()[-1]


def test_serve_without_an_index_says_so_and_never_logs_the_token(gongkai, token):
    result = gongkai("-v", "serve")
    assert result.returncode == 1
    assert "index" in result.stderr.splitlines()[-1]
    assert token not in result.stderr
    assert token.split(":")[1] not in result.stderr


@pytest.fixture
def corpus_copy(tmp_path: Path, corpus_dir: Path) -> Path:
    """A corpus the test may change: at first the agency registry, the 张店 seed report and the guides."""
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "seed", copy / "seed")
    shutil.copytree(corpus_dir / "guides", copy / "guides")
    shutil.copy(corpus_dir / "agencies.toml", copy / "agencies.toml")
    return copy


@pytest.fixture
def build(gongkai, corpus_copy: Path):
    """Run `gongkai build` over the corpus copy into this test's index folder."""

    def run() -> None:
        result = gongkai("build", GONGKAI_CORPUS_DIR=str(corpus_copy))
        assert result.returncode == 0, result.stderr

    return run


def test_a_citizen_asks_for_the_hotline_and_gets_it_with_a_citation(build, serve, client: EmulatorClient):
    build()
    serve()
    client.say(CITIZEN, QUESTION)
    [reply] = client.replies(CITIZEN)
    fact, _, source = reply.text.partition("📄 来源：")
    assert "2270822" in fact
    assert "张店区应急管理局2017年度政府信息公开年报" in source
    client.press(CITIZEN, reply, "查看原文")
    [quoted] = client.replies(CITIZEN)
    assert "我局专门了设立热线电话（2270822）" in quoted.text
    client.press(CITIZEN, reply, "如何申请")
    [procedure] = client.replies(CITIZEN)
    assert "0533-2270822" in procedure.text and "第二十九条" in procedure.text


def test_reload_by_admin_and_refusal_of_a_citizen(build, serve, client, corpus_copy, corpus_dir):
    build()
    served = serve(GONGKAI_ADMIN_IDS=f"[{ADMIN.id}]")
    client.say(ADMIN, "/stats")
    [stats] = client.replies(ADMIN)
    old_version = re.search(r"索引 (\S+)（", stats.text).group(1)

    shutil.copytree(corpus_dir / "reports", corpus_copy / "reports")
    build()
    client.say(CITIZEN, "/reload")
    assert [m.text for m in client.replies(CITIZEN)] == [texts.NOT_ADMIN]
    client.say(ADMIN, "/reload")
    [reloaded] = client.replies(ADMIN)
    assert "索引已重新加载" in reloaded.text
    old, new = re.findall(r"(\S+)（(\d+) 份文件）", reloaded.text)
    assert old[0] == old_version and new[0] != old_version and int(new[1]) > int(old[1])

    client.say(CITIZEN, HUAIAN)
    assert "3119" in client.replies(CITIZEN)[0].text  # answered from the new index
    shutil.rmtree(Path(served.log).parent / "index")
    client.say(ADMIN, "/reload")
    [failed] = client.replies(ADMIN)
    assert "重新加载失败" in failed.text and new[0] in failed.text
    client.say(CITIZEN, QUESTION)
    assert "2270822" in client.replies(CITIZEN)[0].text
    assert f"user {CITIZEN.id} tried /reload" in served.stop()


def test_sighup_reloads_the_index(build, serve, client, corpus_copy, corpus_dir):
    build()
    served = serve()
    client.say(CITIZEN, HUAIAN)
    assert "3119" not in client.replies(CITIZEN)[0].text
    shutil.copytree(corpus_dir / "reports", corpus_copy / "reports")
    build()
    served.process.send_signal(signal.SIGHUP)
    client.wait_until("the reload", lambda _: "reloaded the index" in served.log.read_text(encoding="utf-8"))
    client.say(CITIZEN, HUAIAN)
    assert "3119" in client.replies(CITIZEN)[0].text


def test_fifty_questions_from_ten_users_at_once_get_fifty_right_answers(gongkai, serve, client, corpus_dir):
    assert gongkai("build", GONGKAI_CORPUS_DIR=str(corpus_dir)).returncode == 0
    serve(GONGKAI_RATE_LIMIT_QUESTIONS="5")
    people = [Person(4000 + n) for n in range(10)]
    questions = list(FACTS)

    def ask_all(person: Person) -> None:
        # Each person asks the five questions, starting at a different one.
        for n in range(5):
            client.say(person, questions[(person.id + n) % 5])

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(ask_all, people))
        answers = list(pool.map(lambda p: client.replies(p, 5, timeout=180), people))
    assert sum(len(a) for a in answers) == 50
    for replies in answers:
        # Replies to one person may come in any order: each fact exactly once, in its answer.
        facts = [
            [fact for fact in FACTS.values() if fact in reply.text.split("📄 来源")[0]] for reply in replies
        ]
        assert sorted(f for found in facts for f in found) == sorted(FACTS.values()), facts
        assert all(len(found) == 1 for found in facts)


def test_a_token_the_api_refuses_is_named(gongkai, emulator_url):
    result = gongkai("serve", GONGKAI_BOT_TOKEN="not-a-token")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("gongkai serve: GONGKAI_BOT_TOKEN")
    assert "not-a-token" not in result.stderr


def test_an_unreachable_api_is_named(gongkai, token):
    result = gongkai("serve", GONGKAI_TELEGRAM_API_URL="http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("gongkai serve: GONGKAI_TELEGRAM_API_URL")
    assert token not in result.stderr


def test_webhook_mode_when_a_webhook_url_is_set(build, serve, client):
    build()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve(
        wait=False,
        GONGKAI_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        GONGKAI_WEBHOOK_PORT=str(port),
        GONGKAI_WEBHOOK_PATH="hook",
        GONGKAI_WEBHOOK_SECRET="e2e_secret",
    )
    client.wait_until("the webhook", lambda s: s["webhook"])
    client.say(CITIZEN, QUESTION)
    assert "2270822" in client.replies(CITIZEN)[0].text


def test_follow_ups_lean_on_each_chats_own_previous_question(gongkai, serve, client, corpus_dir):
    assert gongkai("build", GONGKAI_CORPUS_DIR=str(corpus_dir)).returncode == 0
    serve()
    other = Person(3003)
    client.say(CITIZEN, "淮安2024年收到多少件信息公开申请？")
    assert "3119" in client.replies(CITIZEN)[0].text
    client.say(other, "张店区安监局的热线电话是多少？")  # another chat: its own context
    assert "2270822" in client.replies(other)[0].text
    client.say(CITIZEN, "那平潭呢？")
    [pingtan] = client.replies(CITIZEN)
    assert pingtan.text.startswith("按上一问的2024年") and "平潭" in pingtan.text.split("📄")[0]
    client.say(CITIZEN, "那2024年呢？".replace("2024", "2017"))
    [earlier] = client.replies(CITIZEN)
    assert earlier.text.startswith("按上一问的平潭") and "2017" in earlier.text.split("📄")[0]
    client.say(CITIZEN, "他们电话多少")
    [phone] = client.replies(CITIZEN)
    assert phone.text.startswith("按上一问的平潭") and "0591-" in phone.text
    client.say(other, "邮箱呢？")  # 张店's, which the records do not give
    [mail] = client.replies(other)
    assert "张店区应急管理局" in mail.text and "电子邮箱" in mail.text and "0591" not in mail.text
