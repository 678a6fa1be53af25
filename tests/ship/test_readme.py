"""The README promises only what exists: commands, flags, settings, make targets, files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answer.models import Answer, Intent
from bot.channels.telegram.app import handlers
from bot.records import FeedbackStore, UnansweredLog, Vote
from bot.settings import load_settings
from tests.ship.conftest import DEPLOY, GONGKAI_NAME, REPO, SETTING_NAMES

README = (REPO / "README.md").read_text(encoding="utf-8")
# Commands of BotFather (Telegram's), which the README walks the operator through.
BOTFATHER = {"newbot", "revoke", "setdescription", "setuserpic", "setinline", "setcommands"}


def code_fragments(markdown: str) -> list[str]:
    """Inline `code` and indented code blocks: where commands are shown."""
    blocks = re.findall(r"(?:^(?: {4}|\t).*\n?)+", markdown, re.M)
    spans = re.findall(r"`([^`\n]+)`", markdown)
    return [*blocks, *spans]


def shown_commands() -> dict[str, set[str]]:
    """gongkai subcommand -> the flags shown with it anywhere in the README."""
    shown: dict[str, set[str]] = {}
    for fragment in code_fragments(README):
        for line in fragment.splitlines():
            # gongkai as the program of a shell command: first, after && or ;, a venv's bin/,
            # or after `compose exec SERVICE`.
            program = r"(?:^\s*|&&\s*|;\s*|\bbin/|\bexec\s+\S+\s+)gongkai"
            for match in re.finditer(program + r"\s+(?:-v\s+)?([a-z][a-z-]*)(.*)", line):
                rest = re.split(r"&&|\s#|;|\s\|\s", match[2])[0]
                shown.setdefault(match[1], set()).update(re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest))
    return shown


def test_the_quick_start_is_the_two_make_commands_and_ci_runs_the_second():
    quick = README.split("## 快速开始", 1)[1].split("\n## ", 1)[0].split("\n---", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines() if line.startswith("    ")]
    assert commands == ["make run", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_readme_shows_every_command():
    assert set(shown_commands()) >= {"run", "chat", "ask", "check", "build", "serve", "export"}


@pytest.mark.parametrize("command", sorted(shown_commands()))
def test_every_command_and_flag_shown_exists(command: str):
    result = subprocess.run(
        [sys.executable, "-m", "bot", command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for flag in shown_commands()[command]:
        assert re.search(rf"(?<![\w-]){flag}(?![\w-])", result.stdout), f"gongkai {command} {flag}"


def test_the_settings_docs_flags_shown_exist():
    result = subprocess.run(
        [sys.executable, "-m", "bot.settings_docs", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for flag in re.findall(r"bot\.settings_docs (--[a-z]+)", README):
        assert flag in result.stdout, flag


def test_every_setting_named_in_the_docs_exists():
    for path in [REPO / "README.md", *sorted(p for p in DEPLOY.rglob("*") if p.is_file())]:
        unknown = set(GONGKAI_NAME.findall(path.read_text(encoding="utf-8"))) - SETTING_NAMES
        assert not unknown, f"{path.name}: {sorted(unknown)}"


def test_every_make_target_shown_exists():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    shown = {m for fragment in code_fragments(README) for m in re.findall(r"\bmake ([a-z][\w-]*)", fragment)}
    assert shown >= {"run", "test"}
    assert shown <= targets, shown - targets


def test_every_repository_file_shown_exists():
    paths = {
        span
        for span in re.findall(r"`([\w./-]+)`", README)
        if re.match(r"(deploy|corpus|bot|tests|\.ci)/", span) or span in {".dockerignore", "Makefile"}
    }
    assert "deploy/systemd/gongkai.service" in paths
    operators_copy = "deploy/gongkai.env"  # made from the example, never committed
    assert operators_copy in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    missing = [p for p in sorted(paths - {operators_copy}) if not (REPO / p).exists()]
    assert not missing, missing


def test_every_bot_command_shown_exists():
    from bot.channels import chat

    telegram = {name for _, handler in handlers(load_settings()) for name in getattr(handler, "commands", ())}
    terminal = set(re.findall(r"/([a-z]+)", chat.HELP)) | {"quit"}
    # `/stats`, `/hotline 机关`: a command alone or with its arguments (not a path like /etc/x).
    shown = set(re.findall(r"`/([a-z]+)(?: [^`]*)?`", README))
    assert {"reload", "stats", "hotline", "quit"} <= shown
    assert shown <= telegram | terminal | BOTFATHER, shown - telegram - terminal - BOTFATHER


def test_the_feedback_file_is_described_truthfully(tmp_path: Path):
    store = FeedbackStore(tmp_path)
    reply = Answer(id="a1", answer="……", found=False, intent=Intent.GENERAL)
    store.record("张店区的电话 13912345678", reply, Vote.DOWN)
    [line] = store.path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert f"`{store.path.name}`" in README
    for key in record:
        assert f"`{key}`" in README, key
    assert "13912345678" not in line  # as documented: phone numbers masked


def test_the_unanswered_file_is_described_truthfully(tmp_path: Path):
    log = UnansweredLog(tmp_path)
    reply = Answer(id="a1", answer="抱歉", found=False, intent=Intent.CONTACT, agency="某局", year=2020)
    log.record("某局的电话 zhang@example.com", reply)
    [line] = log.path.read_text(encoding="utf-8").splitlines()
    assert f"`{log.path.name}`" in README
    for key in json.loads(line):
        assert f"`{key}`" in README, key
    assert "zhang@example.com" not in line  # as documented: e-mail addresses masked


@pytest.fixture
def jq_pipeline() -> Callable[[Path], str]:
    """The README's jq example, run over a feedback file."""
    [command] = [line.strip() for line in README.splitlines() if line.strip().startswith("jq ")]

    def run(data_dir: Path) -> str:
        import shutil

        if shutil.which("jq") is None:
            pytest.skip("jq is not installed here")
        return subprocess.run(
            command, shell=True, cwd=data_dir.parent.parent, capture_output=True, text=True, check=True
        ).stdout

    return run


def test_the_jq_example_counts_the_downvoted_questions(tmp_path: Path, jq_pipeline):
    store = FeedbackStore(tmp_path / "var" / "data")
    for question, vote in [("甲", Vote.DOWN), ("乙", Vote.UP), ("甲", Vote.DOWN), ("丙", Vote.DOWN)]:
        store.record(question, Answer(id="x", answer="…", found=True, intent=Intent.GENERAL), vote)
    counts = [line.split() for line in jq_pipeline(store.path.parent).splitlines()]
    assert counts == [["2", "甲"], ["1", "丙"]]


def section(title: str) -> str:
    """The README text under a heading, up to the next heading of any level."""
    return README.split(title, 1)[1].split("\n#", 1)[0]


def test_the_sidecar_fields_and_kinds_are_the_readers():
    from bot.corpus import sidecar

    rows = re.findall(r"^\| (`.+?`) \| (.*) \|$", section("### 2. 添加文件"), re.M)
    fields = {name for names, _ in rows for name in re.findall(r"`(\w+)`", names)}
    fields |= set(re.findall(r"（`(\w+)` 为", section("### 2. 添加文件")))
    assert fields == sidecar._FIELDS | {"kind", "date"}
    [kinds] = [text for names, text in rows if names == "`kind`"]
    assert set(re.findall(r"`(\w+)`", kinds)) == set(sidecar.SIDECAR_KINDS)


def test_the_sidecar_example_is_read_without_a_warning(tmp_path: Path):
    from bot.corpus.sidecar import read_sidecar

    example = re.search(r"^    (\{.*?\})$", section("### 2. 添加文件"), re.M | re.S)
    assert example is not None
    (tmp_path / "guide.txt").write_text("政府信息公开指南\n", encoding="utf-8")
    (tmp_path / "guide.meta.json").write_text(example[1], encoding="utf-8")
    fields, warnings = read_sidecar(tmp_path / "guide.txt", "guide.txt")
    assert warnings == []
    assert fields["agency"] == "平潭综合实验区管委会办公室"


def test_the_formats_and_size_limit_are_the_loaders():
    from bot.corpus.formats import MAX_FILE_BYTES
    from bot.corpus.load import SUFFIXES

    text = section("### 2. 添加文件").split("**元数据")[0]
    assert set(re.findall(r"`(\.\w+)`", text)) == SUFFIXES
    assert f"不超过 {MAX_FILE_BYTES // 2**20} MB" in text
