"""`gongkai serve`: run the Telegram bot; long polling, or a webhook when one is configured."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from bot.errors import SettingsError
from bot.settings import Settings, check_folders, env_name, load_settings


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("serve", help="运行 Telegram 机器人 (run the Telegram bot)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the settings, then serve until interrupted."""
    return serve(load_settings())


def serve(settings: Settings) -> int:
    """Run the Telegram bot of these settings until interrupted."""
    # python-telegram-bot is imported here, not at start-up of every other command.
    from telegram.error import InvalidToken, NetworkError

    protect_secrets(settings)
    check_folders(settings)  # a folder it cannot write fails now, named, not at a citizen's question
    try:
        _serve(settings)
    except InvalidToken:
        raise SettingsError(env_name("bot_token"), "the Bot API refused the token") from None
    except NetworkError:
        # The exception may quote the request URL, which embeds the token: not shown.
        reason = f"the Bot API at {settings.telegram_api_url} cannot be reached"
        raise SettingsError(env_name("telegram_api_url"), reason) from None
    return 0


def _serve(settings: Settings) -> None:
    from telegram import Update

    from bot.channels.telegram.app import build_application

    app = build_application(settings)
    if settings.webhook_url:
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)


def protect_secrets(settings: Settings) -> None:
    """Keep tokens and citizens' messages out of every log line, even with -v."""
    from bot.channels.telegram.logs import guard_library_logs

    secrets = [s.get_secret_value() for s in (settings.bot_token, settings.webhook_secret) if s is not None]
    # PTB and httpx log updates and request URLs (the token): their levels and a filter on each logger.
    guard_library_logs(secrets)
    redactor = _Redactor(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)


class _Redactor(logging.Filter):
    """Replace secrets in a record's formatted message with a placeholder."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            record.msg, record.args = self._redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text, so the traceback is redacted once, here.
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
        return True

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[secret]")
        return text
