"""`gongkai run` as a newcomer meets it: settings checked, index built when stale, then chat or bot."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.telegram import texts
from tests.ship.conftest import REPO, clean_environment, gongkai_command
from tests.telegram.e2e.emulator import EmulatorClient, Person, running_emulator

QUESTION = "张店区安监局的热线电话是多少？"
SIDECAR = REPO / "corpus" / "seed" / "zhangdian_ajj_2017_annual_report.meta.json"
SOURCE_TITLE = json.loads(SIDECAR.read_text(encoding="utf-8"))["title"]


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, str]:
    """Settings that keep everything `run` writes inside this test's folder."""
    return {
        "GONGKAI_CORPUS_DIR": str(REPO / "corpus"),
        "GONGKAI_INDEX_DIR": str(tmp_path / "index"),
        "GONGKAI_DATA_DIR": str(tmp_path / "data"),
    }


@pytest.mark.parametrize(
    ("name", "value"), [("GONGKAI_WEBHOOK_PORT", "http"), ("GONGKAI_ADMIN_IDS", "12,ab")]
)
def test_an_invalid_setting_stops_run_naming_it(gongkai, folders, name, value):
    result = gongkai("run", **folders, **{name: value})
    assert result.returncode == 2
    assert name in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr
    assert not Path(folders["GONGKAI_INDEX_DIR"]).exists()  # stopped before building anything


def test_an_invalid_setting_in_dotenv_is_named_too(gongkai, folders, tmp_path):
    (tmp_path / ".env").write_text("GONGKAI_RATE_LIMIT_SECONDS=-1\n", encoding="utf-8")
    result = gongkai("run", **folders)
    assert result.returncode == 2
    assert "GONGKAI_RATE_LIMIT_SECONDS" in result.stderr


def test_a_corpus_folder_that_is_not_there_is_named(gongkai, folders, tmp_path):
    result = gongkai("run", **{**folders, "GONGKAI_CORPUS_DIR": str(tmp_path / "nowhere")})
    assert result.returncode == 2
    assert "GONGKAI_CORPUS_DIR" in result.stderr and "nowhere" in result.stderr


@pytest.mark.slow
def test_a_newcomer_without_a_token_gets_the_terminal_chat_over_a_fresh_index(gongkai, folders):
    first = gongkai("run", stdin=f"{QUESTION}\n/quit\n", **folders)
    assert first.returncode == 0, first.stderr
    # Which index is served, once, on stderr: the version just built.
    where = f"索引：{folders['GONGKAI_INDEX_DIR']}（版本 "
    [announced] = [line for line in first.stderr.splitlines() if line.startswith(where)]
    current = (Path(folders["GONGKAI_INDEX_DIR"]) / "current").readlink().name
    assert announced == f"{where}{current}）"
    # The welcome with example questions, then the answer with its source.
    welcome, _, rest = first.stdout.partition("问> ")
    assert "可以这样问" in welcome and welcome.count("？") >= 2
    assert "2270822" in rest
    assert "来源" in rest and SOURCE_TITLE in rest

    again = gongkai("run", stdin="/quit\n", **folders)
    assert again.returncode == 0, again.stderr
    assert announced in again.stderr.splitlines()  # same version: nothing was rebuilt
    assert "可以这样问" in again.stdout


@pytest.mark.slow
def test_run_rebuilds_a_stale_index_and_falls_back_when_it_cannot(gongkai, folders, tmp_path):
    from index.locks import acquire_build_lock

    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus" / "seed", corpus / "seed")
    shutil.copytree(REPO / "corpus" / "guides", corpus / "guides")
    folders["GONGKAI_CORPUS_DIR"] = str(corpus)
    first = gongkai("run", stdin="/quit\n", **folders)
    assert first.returncode == 0, first.stderr
    version = _announced_version(first.stderr)

    (corpus / "guides" / "new.txt").write_text(
        "某某局政府信息公开指南\n咨询电话：0533-1234567\n", encoding="utf-8"
    )
    lock = acquire_build_lock(Path(folders["GONGKAI_INDEX_DIR"]) / "build.lock")  # a nightly rebuild runs
    try:
        locked = gongkai("run", stdin=f"{QUESTION}\n/quit\n", **folders)
    finally:
        lock.close()
    assert locked.returncode == 0, locked.stderr
    assert "继续使用现有索引" in locked.stderr and _announced_version(locked.stderr) == version
    assert "2270822" in locked.stdout

    (corpus / "guides" / "broken.pdf").write_bytes(b"not a PDF at all")
    rebuilt = gongkai("run", stdin="/quit\n", **folders)
    assert rebuilt.returncode == 0, rebuilt.stderr  # a broken document is listed and skipped
    assert "FAIL  guides/broken.pdf" in rebuilt.stderr
    assert _announced_version(rebuilt.stderr) != version


def _announced_version(stderr: str) -> str:
    [line] = [line for line in stderr.splitlines() if line.startswith("索引：")]
    return line.split("版本 ", 1)[1].split("）", 1)[0]


@pytest.fixture
def emulator() -> Iterator[str]:
    """The Telegram Bot API emulator of tests/emulator, on 127.0.0.1."""
    with running_emulator() as url:
        yield url


@pytest.mark.e2e
@pytest.mark.slow
def test_with_a_token_run_serves_telegram(emulator, folders, tmp_path, built_index):
    token = "8200001:ship-test-token"
    client = EmulatorClient(emulator, token)
    folders["GONGKAI_INDEX_DIR"] = str(built_index)
    env = clean_environment(**folders, GONGKAI_BOT_TOKEN=token, GONGKAI_TELEGRAM_API_URL=emulator)
    log = tmp_path / "run.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*gongkai_command(), "run"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        client.wait_until("the bot to poll", lambda s: s["commands"] and s["getUpdatesCalls"])
        citizen = Person(5001)
        client.say(citizen, QUESTION)
        [reply] = client.replies(citizen)
        assert "2270822" in reply.text
        client.say(citizen, "/stats")  # how the README finds a user id: refused, and logged
        assert [m.text for m in client.replies(citizen)] == [texts.NOT_ADMIN]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        client.close()
    output = log.read_text(encoding="utf-8")
    assert "up to date" in output  # the prebuilt index was current: no rebuild
    assert token.split(":")[1] not in output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [documented] = set(re.findall(r"user \d+ tried /stats without being an admin", readme))
    assert re.sub(r"\d+", str(citizen.id), documented) in output
