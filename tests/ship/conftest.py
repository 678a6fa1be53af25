"""Fixtures for the shipping tests: the repository's own files, commands run as a newcomer would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.settings import Settings, env_name

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
SETTING_NAMES = frozenset(env_name(name) for name in Settings.model_fields)
GONGKAI_NAME = re.compile(r"\bGONGKAI_[A-Z0-9_]+")


def gongkai_command() -> list[str]:
    """The installed `gongkai` script, as a newcomer runs it (else `python -P -m bot`).

    Not plain `python -m bot`: that puts the working directory first on sys.path, where
    a folder named index/ (an index!) would shadow the index package.
    """
    script = Path(sys.executable).with_name("gongkai")
    return [str(script)] if script.is_file() else [sys.executable, "-P", "-m", "bot"]


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any GONGKAI_ setting, plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    return {**env, **extra}


@pytest.fixture
def no_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No GONGKAI_ variable and no .env in the working directory (a folder of its own)."""
    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def gongkai(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `gongkai ARGS` to completion in a folder of its own, with only the given settings."""

    def run(
        *args: str, stdin: str = "", timeout: float = 600, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*gongkai_command(), *args],
            cwd=tmp_path,
            env=clean_environment(**env),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
