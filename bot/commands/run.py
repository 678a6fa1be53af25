"""`gongkai run`: the newcomer's one command (what `make run` calls).

    1. load the settings (environment and .env); a bad one stops here, named, exit 2;
    2. build the index when the corpus changed (`gongkai build --if-stale`);
    3. the Telegram bot (`gongkai serve`) when a bot token is configured, else the
       terminal chat (`gongkai chat`) on the index just built.

A thin orchestrator: each step is the other command's own function, called with the
settings' values, so `run` behaves exactly like typing the three commands.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.backends import current_version, open_knowledge, served_from
from bot.commands.build import build
from bot.commands.chat import chat
from bot.commands.serve import serve
from bot.errors import IndexUnavailable, SettingsError
from bot.settings import Settings, env_name, load_settings


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser(
        "run",
        help="构建索引并启动机器人或终端对话 (build the index if stale, then start)",
        description=(
            "Build the index if the corpus changed, then run the Telegram bot when GONGKAI_BOT_TOKEN "
            "is set, else the terminal chat. Folders and token come from the settings (environment, .env)."
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build if stale, say which index is served, then serve or chat."""
    try:
        settings = load_settings()
        if not settings.corpus_dir.is_dir():
            raise SettingsError(env_name("corpus_dir"), f"{settings.corpus_dir} is not a folder")
        code = _build_if_stale(settings)
        if code != 0:
            return code
        if settings.bot_token is not None:
            _announce(settings, None)
            return serve(settings)
        kb = open_knowledge(settings, fallback=True)
        _announce(settings, kb.info.version)
        return chat(kb, settings)
    except SettingsError as exc:
        print(f"gongkai run: 配置有误 (invalid setting) {exc}", file=sys.stderr)
        return 2


def _build_if_stale(settings: Settings) -> int:
    try:
        return build(settings.corpus_dir, settings.index_dir, if_stale=True)
    except IndexUnavailable as exc:
        # A failed rebuild leaves the served index untouched: start on it if there is one.
        try:
            open_knowledge(settings, fallback=True).backend.close()
        except IndexUnavailable:
            raise exc from None
        print(f"gongkai run: 索引未更新，继续使用现有索引 (build failed: {exc})", file=sys.stderr)
        return 0


def _announce(settings: Settings, version: str | None) -> None:
    """One line for the operator: which index is served."""
    if version is None:
        version = current_version(settings, settings.index_dir) or "?"
    print(f"索引：{served_from(settings, settings.index_dir)}（版本 {version}）", file=sys.stderr)
