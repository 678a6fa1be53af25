"""The configuration docs (README table, deploy/gongkai.env.example) are the Settings class."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import settings_docs
from bot.settings import Settings, load_settings
from tests.ship.conftest import DEPLOY, REPO, SETTING_NAMES

ENV_LINE = re.compile(r"^(#?)(GONGKAI_[A-Z0-9_]+)=(.*)$")


def env_lines(text: str) -> dict[str, tuple[bool, str]]:
    """NAME -> (commented out, value) of every setting line of an env file."""
    found: dict[str, tuple[bool, str]] = {}
    for line in text.splitlines():
        match = ENV_LINE.match(line)
        if match:
            assert match[2] not in found, f"{match[2]} appears twice"
            found[match[2]] = (bool(match[1]), match[3])
    return found


def test_readme_and_env_example_are_up_to_date():
    result = subprocess.run(
        [sys.executable, "-m", "bot.settings_docs", "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_readme_table_has_one_row_per_setting_with_its_default():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(GONGKAI_[A-Z0-9_]+)` \| (.*?) \| (.*) \|$", readme, re.M)
    assert {name for name, _, _ in rows} == SETTING_NAMES
    assert len(rows) == len(SETTING_NAMES)
    by_name = {name: (default, text) for name, default, text in rows}
    assert by_name["GONGKAI_INDEX_DIR"][0] == "`var/index`"
    assert by_name["GONGKAI_WEBHOOK_PORT"][0] == "`8443`"
    assert by_name["GONGKAI_BOT_TOKEN"][0] == settings_docs.UNSET
    assert "BotFather" in by_name["GONGKAI_BOT_TOKEN"][1]


def test_the_env_example_names_every_setting_once():
    lines = env_lines((DEPLOY / "gongkai.env.example").read_text(encoding="utf-8"))
    assert set(lines) == SETTING_NAMES
    # What an operator must fill in is left open; defaults are shown commented out.
    assert lines["GONGKAI_BOT_TOKEN"] == (False, "")
    assert lines["GONGKAI_ADMIN_IDS"] == (False, "")
    assert lines["GONGKAI_INDEX_DIR"] == (True, "var/index")


def test_the_env_example_loads_as_it_is(no_settings: Path):
    shutil.copy(DEPLOY / "gongkai.env.example", no_settings / ".env")
    settings = load_settings()
    assert settings == Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.bot_token is None and settings.admin_ids == []


def test_the_env_example_with_every_default_uncommented_gives_the_defaults(no_settings: Path):
    text = (DEPLOY / "gongkai.env.example").read_text(encoding="utf-8")
    (no_settings / ".env").write_text(re.sub(r"^#(GONGKAI_)", r"\1", text, flags=re.M), encoding="utf-8")
    assert load_settings() == Settings(_env_file=None)  # type: ignore[call-arg]


def test_a_filled_in_env_example_configures_the_bot(no_settings: Path):
    text = (DEPLOY / "gongkai.env.example").read_text(encoding="utf-8")
    text = text.replace("GONGKAI_BOT_TOKEN=\n", "GONGKAI_BOT_TOKEN=123:abc\n")
    text = text.replace("GONGKAI_ADMIN_IDS=\n", "GONGKAI_ADMIN_IDS=11,22\n")
    text = text.replace("#GONGKAI_WEBHOOK_PORT=8443", "GONGKAI_WEBHOOK_PORT=9443")
    (no_settings / ".env").write_text(text, encoding="utf-8")
    settings = load_settings()
    assert settings.bot_token is not None and settings.bot_token.get_secret_value() == "123:abc"
    assert settings.admin_ids == [11, 22]
    assert settings.webhook_port == 9443


def test_check_notices_a_stale_table_and_write_repairs_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    readme = tmp_path / "README.md"
    example = tmp_path / "gongkai.env.example"
    readme.write_text((REPO / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    example.write_text(settings_docs.env_example(), encoding="utf-8")
    monkeypatch.setattr(settings_docs, "README", readme)
    monkeypatch.setattr(settings_docs, "ENV_EXAMPLE", example)
    assert settings_docs.main(["--check"]) == 0

    readme.write_text(readme.read_text(encoding="utf-8").replace("| `GONGKAI_DATA_DIR` |", "| `X` |"))
    example.write_text(example.read_text(encoding="utf-8").replace("GONGKAI_BOT_TOKEN=", "TOKEN="))
    assert settings_docs.stale_files() == [readme, example]
    assert settings_docs.main(["--check"]) == 1
    settings_docs.main(["--write"])
    assert settings_docs.main(["--check"]) == 0
    assert readme.read_text(encoding="utf-8") == (REPO / "README.md").read_text(encoding="utf-8")


def test_a_readme_without_markers_is_refused():
    with pytest.raises(ValueError, match="markers"):
        settings_docs.readme_with_table("# no table here\n")


def test_printing_the_table_and_the_example(capsys: pytest.CaptureFixture[str]):
    assert settings_docs.main(["--markdown"]) == 0
    assert capsys.readouterr().out == settings_docs.markdown_table()
    assert settings_docs.main(["--env"]) == 0
    assert capsys.readouterr().out == settings_docs.env_example()


@pytest.mark.parametrize(("value", "written"), [("a b", '"a b"'), ("x#y", '"x#y"'), ("plain", "plain")])
def test_values_that_need_quotes_get_them(value: str, written: str):
    assert settings_docs._quoted(value) == written
