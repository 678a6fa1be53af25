"""Settings: environment variables with the GONGKAI_ prefix, one clear error per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import Settings, env_name, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [n for n in __import__("os").environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_every_setting_has_a_default_and_a_description():
    settings = load_settings()
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert not field.is_required(), name
    assert settings.bot_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.webhook_url is None


@pytest.mark.parametrize("value", ["[123, 456]", "123,456", " 123 , 456 "])
def test_admin_ids_as_json_or_comma_separated(monkeypatch, value):
    monkeypatch.setenv("GONGKAI_ADMIN_IDS", value)
    assert load_settings().admin_ids == [123, 456]


def test_values_come_from_the_environment_and_dotenv(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("GONGKAI_BOT_TOKEN=1:from-dotenv\nGONGKAI_WEBHOOK_PORT=9000\n")
    monkeypatch.setenv("GONGKAI_WEBHOOK_PORT", "8080")
    monkeypatch.setenv("GONGKAI_TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings()
    assert settings.bot_token is not None and settings.bot_token.get_secret_value() == "1:from-dotenv"
    assert settings.webhook_port == 8080  # the environment wins over .env
    assert settings.telegram_api_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GONGKAI_WEBHOOK_PORT", "99999"),
        ("GONGKAI_ADMIN_IDS", "12,abc"),
        ("GONGKAI_TELEGRAM_API_URL", "api.telegram.org"),
        ("GONGKAI_WEBHOOK_SECRET", "has spaces"),
        ("GONGKAI_RATE_LIMIT_QUESTIONS", "0"),
    ],
)
def test_an_invalid_value_stops_start_up_naming_the_setting(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert error.value.setting == name
    assert str(error.value).startswith(f"{name}: ")


def test_secrets_never_show(monkeypatch):
    monkeypatch.setenv("GONGKAI_BOT_TOKEN", "123:very-secret")
    monkeypatch.setenv("GONGKAI_WEBHOOK_SECRET", "bad secret!")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "bad secret" not in str(error.value)
    monkeypatch.setenv("GONGKAI_WEBHOOK_SECRET", "good_secret")
    settings = load_settings()
    assert "very-secret" not in repr(settings) and "good_secret" not in str(settings)


def test_env_names():
    assert env_name("bot_token") == "GONGKAI_BOT_TOKEN"
