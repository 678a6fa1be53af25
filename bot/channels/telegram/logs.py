"""Keep python-telegram-bot's and httpx's own log records free of updates and tokens.

PTB logs raw updates in places we do not control (a batch it cannot parse, a webhook
body it cannot read: at CRITICAL, whatever the level), and httpx logs request URLs,
which embed the bot token. `guard_library_logs` sets their levels and puts a filter on
each of their loggers, so every handler, present or added later, gets clean records:
arguments that are not plain numbers or short strings are withheld, strings and
tracebacks lose personal numbers (bot.privacy) and secrets.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.privacy import mask_personal

WITHHELD = "[withheld]"
SECRET = "[secret]"
# Loggers of the libraries that see raw updates or the token, and the level they log at.
LIBRARY_LEVELS = {
    "telegram": logging.INFO,  # DEBUG logs whole updates
    "httpx": logging.WARNING,  # INFO logs every request URL, token included
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,  # INFO names every drafting conversation's timeout job
}
_MAX_ARG_CHARS = 200  # longer strings are content, not a library's own wording


class _Withheld:
    """What stands for a withheld argument, under %s and %r alike."""

    def __repr__(self) -> str:
        return WITHHELD

    __str__ = __repr__


class WithholdContent(logging.Filter):
    """Rewrite a record so that no update, personal number or secret reaches a handler."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.msg if isinstance(record.msg, str) else WITHHELD
        args = record.args if isinstance(record.args, tuple) else (record.args,) if record.args else ()
        try:
            text = message % tuple(self._arg(arg) for arg in args) if args else message
        except (TypeError, ValueError):
            text = message
        record.msg, record.args = self.clean(text), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.clean(logging.Formatter().formatException(record.exc_info))
        return True

    def clean(self, text: str) -> str:
        """The text without personal numbers and secrets."""
        for secret in self.secrets:
            text = text.replace(secret, SECRET)
        return mask_personal(text)

    def _arg(self, arg: object) -> object:
        if arg is None or isinstance(arg, int | float):
            return arg
        if isinstance(arg, str) and len(arg) <= _MAX_ARG_CHARS:
            return arg
        return _Withheld()  # an update, a batch of them, a request body, a long text


def guard_library_logs(secrets: Iterable[str] = ()) -> WithholdContent:
    """Set the libraries' log levels and filter every logger they have; return the filter."""
    import telegram.ext  # noqa: F401  (creates PTB's loggers, so each gets the filter)

    guard = WithholdContent(secrets)
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)
    for logger in _library_loggers():
        for old in [f for f in logger.filters if isinstance(f, WithholdContent)]:
            logger.removeFilter(old)
        logger.addFilter(guard)
    return guard


def _library_loggers() -> list[logging.Logger]:
    roots = tuple(LIBRARY_LEVELS)
    names = [n for n in logging.Logger.manager.loggerDict if n.split(".")[0] in roots]
    return [logging.getLogger(name) for name in sorted({*names, *roots})]
