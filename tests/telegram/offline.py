"""An offline Bot API for in-process handler tests, as python-telegram-bot tests itself.

`RecordingRequest` is a `BaseRequest`: the real Application and handlers run, and every
Bot API call they make is recorded and answered from memory. A method it does not
know fails the test, and it never opens a connection.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from telegram.request import BaseRequest, RequestData

from bot.settings import Settings

BOT_ID = 7000001
BOT_USERNAME = "GongkaiTestBot"
TOKEN = f"{BOT_ID}:offline-test-token"
API_URL = "http://bot-api.invalid"  # never resolved: the request layer answers itself


def offline_settings(index_dir: Path, data_dir: Path, **overrides: Any) -> Settings:
    """Settings of a bot on the offline API: its index and data folders, no env file; `overrides` win.

    Call it after removing GONGKAI_* from the environment (monkeypatch.delenv): the environment
    would override these values.
    """
    values: dict[str, Any] = {
        "bot_token": TOKEN, "telegram_api_url": API_URL, "index_dir": index_dir, "data_dir": data_dir,
    }  # fmt: skip
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]


@dataclass
class Call:
    """One Bot API call made by the bot."""

    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        """The text of a sendMessage or editMessageText call."""
        return str(self.params.get("text", ""))

    @property
    def caption(self) -> str:
        """The caption of a sendPhoto call."""
        return str(self.params.get("caption", ""))

    @property
    def plain(self) -> str:
        """The text as a user reads it: without markup, entities resolved."""
        return unescape(re.sub(r"<[^>]+>", "", self.text))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of the inline keyboard, row by row."""
        markup = self.params.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


class RecordingRequest(BaseRequest):
    """Records every Bot API call and answers it like Telegram would."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._message_ids = itertools.count(500)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        if not url.startswith(f"{API_URL}/bot{TOKEN}/"):
            pytest.fail(f"unexpected request to {url}")
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(api_method, params))
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def sent(self, *methods: str) -> list[Call]:
        """The calls of the given methods (default: sendMessage), in order."""
        wanted = methods or ("sendMessage",)
        return [call for call in self.calls if call.method in wanted]

    def clear(self) -> None:
        """Forget the calls so far."""
        self.calls.clear()

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": BOT_ID, "is_bot": True, "first_name": "Gongkai", "username": BOT_USERNAME}
        if method in ("sendMessage", "editMessageText"):
            message_id = params.get("message_id") or next(self._message_ids)
            chat_id = int(params["chat_id"])
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "text": params.get("text", ""),
            }
        if method == "sendPhoto":  # a chart: the photo's sizes as Telegram makes them, and its caption
            chat_id = int(params["chat_id"])
            size = {"file_id": "photo1", "file_unique_id": "uphoto1", "width": 1000, "height": 600}
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "photo": [size],
                "caption": params.get("caption", ""),
            }
        if method in {
            "setMyCommands", "answerCallbackQuery", "answerInlineQuery", "sendChatAction", "deleteWebhook",
        }:  # fmt: skip
            return True
        pytest.fail(f"the offline Bot API does not know {method}")
