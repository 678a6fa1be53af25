"""`gongkai serve` keeps tokens and citizens' messages out of the logs."""

from __future__ import annotations

import io
import logging

import pytest

from bot.commands.serve import protect_secrets
from bot.settings import Settings

TOKEN = "123456:super-secret-token"


@pytest.fixture
def log_output():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    levels = {
        name: logging.getLogger(name).level for name in ("telegram", "httpx", "httpcore", "apscheduler")
    }
    yield stream
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_the_token_is_redacted_from_messages_and_tracebacks(log_output):
    protect_secrets(Settings(_env_file=None, bot_token=TOKEN))  # type: ignore[call-arg, arg-type]
    log = logging.getLogger("bot.test")
    log.error("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/getUpdates failed")
    except RuntimeError:
        log.exception("polling failed")
    output = log_output.getvalue()
    assert "super-secret-token" not in output
    assert output.count("[secret]") == 2


def test_updates_and_request_urls_are_not_logged_even_when_verbose(log_output):
    protect_secrets(Settings(_env_file=None))  # type: ignore[call-arg]
    assert not logging.getLogger("telegram.ext.Application").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
