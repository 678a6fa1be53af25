"""`gongkai run`: the newcomer's one command (what `make run` calls).

    1. load the settings (environment and .env); a bad one stops here, named, exit 2;
    2. `gongkai build --if-stale` over the configured corpus and index folders;
    3. `gongkai serve` when a bot token is configured, else `gongkai chat`.

A thin orchestrator: each step is the other command's own parser and run(), called
in this process, so `run` behaves exactly like typing the three commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from bot.commands import build, chat, serve
from bot.errors import IndexUnavailable, SettingsError
from bot.knowledge import open_knowledge, served_from
from bot.settings import Settings, env_name, load_settings
from index.segment import set_cache_dir


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
    """Build if stale, say where things live, then serve or chat."""
    try:
        settings = load_settings()
        if not settings.corpus_dir.is_dir():
            raise SettingsError(env_name("corpus_dir"), f"{settings.corpus_dir} is not a folder")
        # The settings may come from .env, which the segmenter cannot see by itself.
        set_cache_dir(settings.cache_dir)
        code = _build_if_stale(settings)
        if code != 0:
            return code
        _announce(settings)
        if settings.bot_token is not None:
            return _call(serve, [])
        return _call(chat, ["--index", str(settings.index_dir), "--corpus", str(settings.corpus_dir)])
    except SettingsError as exc:
        print(f"gongkai run: 配置有误 (invalid setting) {exc}", file=sys.stderr)
        return 2


def _build_if_stale(settings: Settings) -> int:
    folders = ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    try:
        return _call(build, ["--if-stale", *folders])
    except IndexUnavailable as exc:
        # A failed rebuild leaves the served index untouched: start on it if there is one.
        try:
            open_knowledge(settings).backend.close()
        except IndexUnavailable:
            raise exc from None
        print(f"gongkai run: 索引未更新，继续使用现有索引 (build failed: {exc})", file=sys.stderr)
        return 0


def _announce(settings: Settings) -> None:
    """One line for the operator: where the index and the word-segmentation cache live."""
    kb = open_knowledge(settings)
    try:
        version = kb.info.version
    finally:
        kb.backend.close()
    where = served_from(settings, settings.index_dir)
    print(f"索引：{where}（版本 {version}）；分词缓存：{settings.cache_dir}", file=sys.stderr)


def _call(command: ModuleType, argv: Sequence[str]) -> int:
    """Run another command in this process, with its own parser's defaults."""
    parser = argparse.ArgumentParser(prog="gongkai")
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args([_name(command), *argv])
    code: int = args.run(args)
    return code


def _name(command: ModuleType) -> str:
    return command.__name__.rsplit(".", 1)[-1]
