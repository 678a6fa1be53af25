"""End-to-end fixtures: the emulator for the session, `gongkai serve` as a subprocess."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.telegram.e2e.emulator import EmulatorClient, running_emulator

_bot_ids = itertools.count(8100001)


@pytest.fixture(scope="session")
def emulator_url() -> Iterator[str]:
    """The Bot API emulator on a free port of 127.0.0.1, for the whole session."""
    with running_emulator() as url:
        yield url


@pytest.fixture
def token() -> str:
    """A bot token of its own for each test, so bots do not share emulator state."""
    return f"{next(_bot_ids)}:e2e-secret-token"


@pytest.fixture
def client(emulator_url: str, token: str) -> Iterator[EmulatorClient]:
    """The users' side of the emulator for this test's bot."""
    users = EmulatorClient(emulator_url, token)
    yield users
    users.close()


@dataclass
class Served:
    """A running `gongkai serve` process."""

    process: subprocess.Popen[str]
    log: Path

    def stop(self) -> str:
        """Stop it like an operator would (SIGTERM) and return its log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def environment(tmp_path: Path, emulator_url: str, token: str) -> dict[str, str]:
    """The environment of `gongkai serve` and `gongkai build`: GONGKAI_* only from here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        GONGKAI_BOT_TOKEN=token,
        GONGKAI_TELEGRAM_API_URL=emulator_url,
        GONGKAI_INDEX_DIR=str(tmp_path / "index"),
        GONGKAI_DATA_DIR=str(tmp_path / "data"),
    )
    return env


@pytest.fixture
def gongkai(tmp_path: Path, environment: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run one `gongkai` command to completion, in a folder of its own (no stray .env)."""

    def run(*args: str, timeout: float = 240, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=tmp_path,
            env={**environment, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def serve(
    tmp_path: Path, environment: dict[str, str], client: EmulatorClient
) -> Iterator[Callable[..., Served]]:
    """Start `gongkai serve` (polling) and wait until it announced its commands."""
    started: list[Served] = []

    def start(*, wait: bool = True, **env: str) -> Served:
        log = tmp_path / f"serve-{len(started)}.log"
        with log.open("w", encoding="utf-8") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "-v", "serve"],
                cwd=tmp_path,
                env={**environment, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
            )
        served = Served(process, log)
        started.append(served)
        if wait:
            client.wait_until("the bot to start polling", lambda s: s["commands"] and s["getUpdatesCalls"])
        return served

    yield start
    for served in started:
        served.stop()
