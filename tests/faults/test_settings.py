"""Settings an unlucky operator writes: refused at start with the setting named, never a traceback.

Failure 12 of issue 15 (and the settings half of failure 4): infinite durations, empty or
unwritable folders, a webhook over http or outside its path, a listen address that does
not resolve, a token with a newline, all accepted until something failed later.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import Settings, check_folders, load_settings

TOKEN = "123456:fault-suite-token"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, fault_dir: Path) -> None:
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(fault_dir)  # no stray .env; var/ lands in the test's folder


def _refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> SettingsError:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert error.value.setting == name
    assert str(error.value).startswith(f"{name}: ") and "\n" not in str(error.value)
    return error.value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GONGKAI_DRAFT_TIMEOUT_SECONDS", "inf"),  # drafts holding personal data would never expire
        ("GONGKAI_DRAFT_TIMEOUT_SECONDS", "1e308"),
        ("GONGKAI_DRAFT_TIMEOUT_SECONDS", "nan"),
        ("GONGKAI_RATE_LIMIT_SECONDS", "inf"),
        ("GONGKAI_RATE_LIMIT_SECONDS", "1e308"),
        ("GONGKAI_OPENSEARCH_TIMEOUT", "inf"),
        ("GONGKAI_OPENSEARCH_TIMEOUT", "1e308"),
        ("GONGKAI_MAX_QUESTION_CHARS", "100000000"),
    ],
)
def test_a_duration_or_size_must_be_finite_and_sane(monkeypatch, name, value):
    _refused(monkeypatch, name, value)


@pytest.mark.parametrize("name", ["GONGKAI_DATA_DIR", "GONGKAI_INDEX_DIR", "GONGKAI_CORPUS_DIR"])
@pytest.mark.parametrize("value", ["", "   "])
def test_a_folder_path_must_not_be_empty(monkeypatch, name, value):
    # Path("") is ".": the data would have gone wherever the bot happened to start.
    _refused(monkeypatch, name, value)


@pytest.mark.parametrize(
    "value",
    [
        "http://",
        "https://",
        "https:///hook",
        "http://bot.example.org/hook",  # Telegram's own Bot API calls webhooks over https only
        "ftp://bot.example.org/hook",
        "https://bot.example.org:99999/hook",
        "https://bot.example.org/hook\nX-Injected: 1",
    ],
)
def test_the_webhook_url_must_be_https_with_a_host(monkeypatch, value):
    _refused(monkeypatch, "GONGKAI_WEBHOOK_URL", value)


def test_a_local_bot_api_server_may_call_an_http_webhook(monkeypatch):
    monkeypatch.setenv("GONGKAI_TELEGRAM_API_URL", "http://127.0.0.1:8081")
    monkeypatch.setenv("GONGKAI_WEBHOOK_URL", "http://127.0.0.1:8443/hook")
    assert load_settings().webhook_url == "http://127.0.0.1:8443/hook"
    _refused(monkeypatch, "GONGKAI_WEBHOOK_URL", "http://")


@pytest.mark.parametrize(
    "value", ["../../x", "..", "a/../b", "hook?x=1", "hook#x", "a b", "%2e%2e", "a//b", "\\x"]
)
def test_the_webhook_path_must_be_safe_path_segments(monkeypatch, value):
    _refused(monkeypatch, "GONGKAI_WEBHOOK_PATH", value)


@pytest.mark.parametrize("value", ["telegram", "/hook/", "bot-1/updates_2", "t.v2"])
def test_ordinary_webhook_paths_are_kept(monkeypatch, value):
    monkeypatch.setenv("GONGKAI_WEBHOOK_PATH", value)
    assert load_settings().webhook_path == value.strip("/")


@pytest.mark.parametrize(
    "value", ["999.1.1.1", "127.0.0.1:8443", "not an address", "::1::2", "-bad-.example", "", "a" * 300]
)
def test_the_webhook_listen_address_must_be_an_address(monkeypatch, value):
    # It gave a raw socket.gaierror once the bot started.
    _refused(monkeypatch, "GONGKAI_WEBHOOK_LISTEN", value)


@pytest.mark.parametrize("value", ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"])
def test_listen_addresses_that_resolve_are_kept(monkeypatch, value):
    monkeypatch.setenv("GONGKAI_WEBHOOK_LISTEN", value)
    assert load_settings().webhook_listen == value


@pytest.mark.parametrize(
    "value",
    [TOKEN + "\n", TOKEN + "\nGONGKAI_X=1", "123456: fault", "123456:fault suite", "\t" + TOKEN + "x"],
)
def test_a_token_with_blanks_is_refused_as_a_token_without_showing_it(monkeypatch, value):
    # It was blamed on GONGKAI_TELEGRAM_API_URL: the newline broke the request URL.
    error = _refused(monkeypatch, "GONGKAI_BOT_TOKEN", value)
    assert "fault" not in str(error) and "123456" not in str(error)


def _unwritable_folders(base: Path) -> list[Path]:
    """Folders no write can reach, for real: under a regular file; a read-only folder when not root."""
    plain_file = base / "a-file"
    plain_file.write_text("not a folder\n", encoding="utf-8")
    folders = [plain_file / "data", plain_file]
    if os.geteuid() != 0:  # root writes through a folder's permission bits
        locked = base / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        folders += [locked, locked / "data"]
    return folders


@pytest.mark.parametrize("field", ["data_dir", "index_dir"])
def test_an_unwritable_folder_is_refused_at_start_naming_it(fault_dir: Path, field: str) -> None:
    folders = _unwritable_folders(fault_dir)
    assert len(folders) >= 2
    for folder in folders:
        settings = Settings(_env_file=None, **{field: folder})  # type: ignore[call-arg]
        with pytest.raises(SettingsError) as error:
            check_folders(settings)
        assert error.value.setting == f"GONGKAI_{field.upper()}", folder
        assert str(folder) in str(error.value)


def test_missing_folders_are_created_and_writable_ones_kept(fault_dir: Path) -> None:
    settings = Settings(_env_file=None, data_dir=fault_dir / "new" / "data", index_dir=fault_dir / "index")  # type: ignore[call-arg]
    check_folders(settings)
    assert (fault_dir / "new" / "data").is_dir() and (fault_dir / "index").is_dir()
    assert list((fault_dir / "new" / "data").iterdir()) == []  # the probe leaves nothing behind
    check_folders(settings)


def _serve(fault_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    environ.update(
        GONGKAI_BOT_TOKEN=TOKEN,
        GONGKAI_TELEGRAM_API_URL="http://127.0.0.1:9",  # nothing listens: never a real network
        GONGKAI_DATA_DIR=str(fault_dir / "data"),
        GONGKAI_INDEX_DIR=str(fault_dir / "index"),
    )
    environ.update(env)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        capture_output=True, text=True, timeout=60, env=environ, cwd=fault_dir,
    )  # fmt: skip
    (fault_dir / "serve.stderr").write_text(run.stderr, encoding="utf-8")
    return run


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GONGKAI_DATA_DIR", "{file}/data"),
        ("GONGKAI_WEBHOOK_LISTEN", "999.1.1.1"),
        ("GONGKAI_BOT_TOKEN", TOKEN + "\n"),
        ("GONGKAI_DRAFT_TIMEOUT_SECONDS", "inf"),
    ],
)
def test_serve_prints_the_setting_at_fault_in_one_line_without_a_traceback(fault_dir, name, value):
    plain_file = fault_dir / "a-file"
    plain_file.write_text("not a folder\n", encoding="utf-8")
    env = {name: value.format(file=plain_file)}
    if name == "GONGKAI_WEBHOOK_LISTEN":
        env["GONGKAI_WEBHOOK_URL"] = "https://bot.example.org/hook"
    run = _serve(fault_dir, **env)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[-1].startswith(f"gongkai serve: {name}: "), run.stderr
    assert "fault-suite-token" not in run.stderr
