"""Start the Telegram Bot API emulator (tests/emulator) and act as its users.

The emulator is telegram-test-api behind a shim (see tests/emulator/README.md); it
listens on a free port of 127.0.0.1 and is stopped when the session ends. Tests talk
to it as users through `EmulatorClient`; the bot talks to it as to api.telegram.org.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

EMULATOR_DIR = Path(__file__).resolve().parents[2] / "emulator"
INSTALL_HINT = "the Telegram emulator is not installed: run `make test` (it runs npm ci in tests/emulator)"

_COMMAND = re.compile(r"^/\w+(?:@\w+)?")
_TAG = re.compile(r"<[^>]+>")


@contextmanager
def running_emulator() -> Iterator[str]:
    """Run the emulator; yield its base URL."""
    node = shutil.which("node")
    if node is None or not (EMULATOR_DIR / "node_modules" / "telegram-test-api").is_dir():
        raise RuntimeError(INSTALL_HINT if node else "Node.js is needed for the end-to-end tests")
    process = subprocess.Popen(
        [node, "server.js", "--port", "0"], cwd=EMULATOR_DIR, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the emulator did not start (exit code {process.wait(5)})")
        yield f"http://127.0.0.1:{json.loads(line)['port']}"
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout:
            process.stdout.close()


@dataclass(frozen=True)
class Person:
    """A Telegram user chatting with the bot in private (chat id = user id)."""

    id: int
    name: str = "群众"

    def as_user(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": self.name}

    def private_chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.name}


@dataclass
class BotMessage:
    """A message the bot sent, as the emulator stored it."""

    message_id: int
    chat_id: int
    html: str
    buttons: dict[str, str]  # label -> callback data

    @property
    def text(self) -> str:
        """The text without markup, as a user reads it."""
        return _TAG.sub("", self.html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    def as_telegram(self, bot_id: int) -> dict[str, Any]:
        """The message as a callback query carries it."""
        return {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private"},
            "from": {"id": bot_id, "is_bot": True, "first_name": "Gongkai"},
            "text": self.text,
        }


class EmulatorClient:
    """The users' side of the emulator."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self._http = httpx.Client(base_url=url, timeout=10)
        self._dates = itertools.count(int(time.time()))

    def close(self) -> None:
        self._http.close()

    def say(self, person: Person, text: str) -> None:
        """Send a text message (a /command gets its entity) to the bot."""
        message: dict[str, Any] = {
            "botToken": self.token,
            "from": person.as_user(),
            "chat": person.private_chat(),
            "date": next(self._dates),
            "text": text,
        }
        if match := _COMMAND.match(text):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": match.end()}]
        self._post("/sendMessage", message)

    def press(self, person: Person, message: BotMessage, label: str) -> str:
        """Press a button under a bot message; return the callback query id."""
        query = {
            "botToken": self.token,
            "from": person.as_user(),
            "message": message.as_telegram(self.bot_id),
            "data": message.buttons[label],
        }
        return str(self._post("/sendCallback", query)["callback_query_id"])

    def inline(self, person: Person, query: str) -> str:
        """Type `@bot query` in a chat; return the inline query id."""
        body = {"botToken": self.token, "from": person.as_user(), "query": query}
        return str(self._post("/sendInlineQuery", body)["inline_query_id"])

    def send_update(self, update: dict[str, Any]) -> int:
        """Deliver any update object as Telegram would (the emulator numbers it); return its update_id."""
        return int(self._post("/sendUpdate", {"botToken": self.token, "update": update})["update_id"])

    def replies(self, person: Person, count: int = 1, timeout: float = 60) -> list[BotMessage]:
        """Wait for `count` new messages of the bot in a person's chat."""
        found: list[BotMessage] = []
        deadline = time.monotonic() + timeout
        while len(found) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(found)} of {count} replies after {timeout}s: {found}")
            new = self._post("/getUpdates", {"token": self.token, "chatId": person.id})
            found += [_bot_message(stored) for stored in new]
            if len(found) < count:
                time.sleep(0.05)
        return found

    def history(self, person: Person) -> list[BotMessage]:
        """Every message of the bot in a person's chat, as edited since."""
        stored = self._post("/getUpdatesHistory", {"token": self.token})
        return [
            _bot_message(s)
            for s in stored
            if "chat_id" in s.get("message", {}) and int(s["message"]["chat_id"]) == person.id
        ]

    def bot_state(self) -> dict[str, Any]:
        """What the bot told the API: commands, callback and inline answers, webhook."""
        return dict(self._http.get(f"/_bots/{self.token}").json()["result"])

    def wait_until(self, condition: str, check: Any, timeout: float = 60) -> Any:
        """Poll bot_state until check(state) is truthy."""
        deadline = time.monotonic() + timeout
        while not (result := check(self.bot_state())):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {condition}")
            time.sleep(0.05)
        return result

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = self._http.post(path, json=body)
        response.raise_for_status()
        return response.json()["result"]


def _bot_message(stored: dict[str, Any]) -> BotMessage:
    message = stored["message"]
    markup = message.get("reply_markup") or {}
    buttons = {
        b["text"]: b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row
    }
    return BotMessage(stored["messageId"], int(message["chat_id"]), message.get("text", ""), buttons)
