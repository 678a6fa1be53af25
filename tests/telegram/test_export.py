"""`gongkai export`: the feedback and unanswered questions a running bot stored, as a table or JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Update

from bot.cli import main
from bot.records import FEEDBACK_FILE, UNANSWERED_FILE
from tests.telegram.factories import ADMIN, CITIZEN, bot_message, callback_update, text_update

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def recorded(feed, recorder, settings) -> Path:
    """The data folder after citizens asked through the real bot: two declines, two votes (one per answer)."""
    for question in (
        "北京市朝阳区的电话是多少？我的手机13812345678",
        "北京市朝阳区的电话是多少？我的手机13912345678",
        "海淀区2023年收到多少申请",
    ):
        await feed(text_update(question))
    for vote in ("👍", "👎"):
        await feed(text_update("张店区安监局的热线电话是多少？"))
        buttons = dict(recorder.sent()[-1].buttons)
        await feed(callback_update(buttons[vote], bot_message(CITIZEN.id)))
    return settings.data_dir


def test_the_table_lists_the_most_frequent_unanswered_question_first(recorded, capsys):
    assert main(["export", "--data", str(recorded)]) == 0
    out = capsys.readouterr().out
    unanswered, feedback = out.split("反馈")
    rows = [line.split() for line in unanswered.splitlines()[2:] if line.strip()]
    assert rows[0][0] == "2" and rows[0][-1] == "北京市朝阳区的电话是多少？我的手机***********"
    assert rows[1][0] == "1" and "海淀区2023年收到多少申请" in rows[1][-1]
    assert "（👍 1，👎 1）" in feedback and "张店区安监局的热线电话是多少？" in feedback
    assert "1381234" not in out and str(CITIZEN.id) not in out


def test_json_holds_both_records_and_since_filters_by_age(recorded, capsys):
    assert main(["export", "--data", str(recorded), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["count"] for g in data["unanswered"]] == [2, 1]
    assert [(f["vote"], f["found"]) for f in data["feedback"]] == [("up", True), ("down", True)]
    assert not any(key in line for line in data["feedback"] for key in ("user", "chat", "name"))

    # Age every stored line by ten days, then ask for the last week only.
    for name in (FEEDBACK_FILE, UNANSWERED_FILE):
        path = recorded / name
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        old = (datetime.now(UTC) - timedelta(days=10)).isoformat()
        aged = [{**lines[0], "time": old}, *lines[1:]]
        path.write_text("".join(json.dumps(line) + "\n" for line in aged), encoding="utf-8")
    assert main(["export", "--data", str(recorded), "--json", "--since", "7"]) == 0
    recent = json.loads(capsys.readouterr().out)
    assert recent["since"] and len(recent["feedback"]) == 1
    assert [g["count"] for g in recent["unanswered"]] == [1, 1]


async def test_stats_after_a_restart_shows_what_export_shows(recorded, settings, recorder):
    from bot.channels.telegram.app import build_application

    restarted = build_application(settings, request=recorder)
    async with restarted:
        await restarted.post_init(restarted)
        update = text_update("/stats", user=ADMIN)
        await restarted.process_update(Update.de_json(update.to_dict(), restarted.bot))
        await restarted.post_shutdown(restarted)
    stats = recorder.sent()[-1].text
    assert "2× 北京市朝阳区的电话是多少？我的手机***********" in stats and "👍 1　👎 1" in stats


def test_a_broken_line_is_skipped_and_a_missing_folder_is_named(recorded, capsys, tmp_path):
    with (recorded / UNANSWERED_FILE).open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    assert main(["export", "--data", str(recorded), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["unanswered"]) == 2
    assert main(["export", "--data", str(tmp_path / "nowhere")]) == 1
    assert "nowhere" in capsys.readouterr().err


def test_export_reads_the_data_folder_of_the_settings(recorded):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--since", "1"],
        env={**env, "GONGKAI_DATA_DIR": str(recorded), "PYTHONPATH": str(REPO)},
        cwd=recorded,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "北京市朝阳区的电话是多少？" in result.stdout


def test_bad_since_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--since", "-3"])
    assert exit_info.value.code == 2
