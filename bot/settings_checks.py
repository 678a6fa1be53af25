"""Checks of setting values that pydantic's types do not make: each returns the reason a
value is refused, or None. The reasons never repeat a secret's value."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

# RFC 1123 host names; a final label of digits only is a mistyped IP address ("999.1.1.1").
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_PATH_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_BOT_TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")
_BLANK = re.compile(r"[\s\x00-\x1f\x7f]")


def url_error(value: str, schemes: tuple[str, ...]) -> str | None:
    """Why value is not a URL of one of these schemes with a host, or None."""
    wanted = " or ".join(f"{scheme}://" for scheme in schemes)
    if _BLANK.search(value):
        return "must not contain spaces or control characters"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (reading it checks it: a port out of range raises)
    except ValueError as exc:
        return f"is not a URL: {exc}"
    if parts.scheme not in schemes:
        only_https = " (Telegram's Bot API calls webhooks over https only)" if schemes == ("https",) else ""
        return f"must start with {wanted}{only_https}"
    if not parts.hostname:
        return f"has no host name, e.g. {schemes[-1]}://bot.example.org"
    return None


def url_path_error(path: str) -> str | None:
    """Why path is not a safe local URL path (segments of letters, digits, . _ ~ -), or None."""
    if not path:
        return None
    for segment in path.split("/"):
        if not _PATH_SEGMENT.fullmatch(segment) or set(segment) == {"."}:
            return "must be path segments of letters, digits, . _ ~ - separated by /, never . or .."
    return None


def listen_error(address: str) -> str | None:
    """Why address cannot be listened on (not an IP address, nor a host name that resolves), or None."""
    try:
        ipaddress.ip_address(address)
        return None
    except ValueError:
        pass
    numeric_end = address.rstrip(".").rsplit(".", 1)[-1].isdigit()
    if len(address) > 253 or not _HOST_NAME.fullmatch(address) or numeric_end:
        return "must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name"
    try:
        socket.getaddrinfo(address, None, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:
        return f"host name {address} does not resolve ({exc})"
    return None


def bot_token_error(token: str) -> str | None:
    """Why token is not a bot token as @BotFather gives it, or None; never quoting it."""
    if _BLANK.search(token):
        return "contains a space, tab or line break: copy the token again from @BotFather"
    if not _BOT_TOKEN.fullmatch(token):
        return "is not a bot token: @BotFather gives the form 123456789:AAE…"
    return None
