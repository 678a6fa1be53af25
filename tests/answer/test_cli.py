"""`gongkai ask` and `gongkai chat` as a person and a script use them: real processes, real index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

QUESTIONS = [
    "张店区安监局的热线电话是多少？",
    "a:b AND (c*)",
    "淮安市2024年新收政府信息公开申请多少件？",
]


def gongkai(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_ask_json_reads_stdin_and_answers_each_line_in_order(built_index: Path) -> None:
    run = gongkai("ask", "--json", "-", "--index", str(built_index), stdin="\n".join(QUESTIONS) + "\n")
    assert run.returncode == 0, run.stderr
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(replies) == len(QUESTIONS)
    hotline, odd, figure = replies
    assert "2270822" in hotline["answer"] and hotline["found"] is True
    assert hotline["citations"][0]["title"].startswith("张店区应急管理局")
    assert {"answer", "found", "intent", "citations", "contacts"} <= set(odd)
    assert "3119" in figure["answer"]
    assert figure["citations"][0]["year"] == 2024


def test_ask_json_lists_the_facts_it_states_with_their_sources(built_index: Path) -> None:
    questions = [
        "淮安市2024年新收政府信息公开申请多少件？",
        "平潭公安局的电话",
        "岚综管规〔2024〕4号是哪个文件",
    ]
    run = gongkai("ask", "--json", "-", "--index", str(built_index), stdin="\n".join(questions) + "\n")
    figure, contact, item = (json.loads(line)["facts"] for line in run.stdout.splitlines())
    [new] = [f for f in figure if f["kind"] == "figure"]
    assert (new["agency"], new["year"], new["field"], new["value"]) == (
        "淮安市人民政府",
        2024,
        "applications.new.total",
        3119,
    )
    assert new["verified"] is True and new["source"]["doc_id"].endswith("huaian_2024_annual_report.pdf")
    phone = next(f for f in contact if f["field"] == "phone")
    assert phone["agency"] == "平潭综合实验区公安局" and phone["value"] == "0591-62561036"
    assert "public_security" in phone["source"]["doc_id"]
    fields = {f["field"]: f["value"] for f in item}
    assert fields["doc_no"] == "岚综管规〔2024〕4号" and fields["index_no"] == "PZ00101-1700-2024-00452"
    assert fields["written"] == "2024-05-14" and all(f["kind"] == "item" for f in item)


def test_ask_for_a_person_prints_the_answer_and_its_sources(built_index: Path) -> None:
    run = gongkai("ask", "張店區安監局的熱線電話", "--index", str(built_index))
    assert run.returncode == 0, run.stderr
    assert "0533-2270822" in run.stdout
    assert "来源" in run.stdout and "张店区应急管理局2017年度政府信息公开年报" in run.stdout


def test_ask_builds_the_index_on_first_use(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "index"
    run = gongkai("ask", "--json", "淮安的邮箱", "--index", str(index_dir), "--corpus", str(corpus_dir))
    assert run.returncode == 0, run.stderr
    assert "hazwgkc@163.com" in json.loads(run.stdout)["answer"]
    assert "构建" in run.stderr  # it says what it is doing the first time


def test_ask_without_index_or_corpus_says_what_to_do(tmp_path: Path) -> None:
    run = gongkai("ask", "问题", "--index", str(tmp_path / "none"), "--corpus", str(tmp_path / "none"))
    assert run.returncode == 1
    assert "gongkai build" in run.stderr
    assert "Traceback" not in run.stderr


def test_chat_answers_questions_and_commands(built_index: Path) -> None:
    lines = [
        "/help",
        "张店区安监局的热线电话是多少？",
        "/hotline 淮安",
        "/search 代建管理费",
        "/about",
        "/nope",
        "/quit",
    ]
    run = gongkai("chat", "--index", str(built_index), stdin="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "可以这样问" in out  # the welcome shows example questions
    assert "/hotline" in out  # help
    assert "0533-2270822" in out
    assert "0517-83605210" in out
    assert "代建管理费" in out
    assert "张店区应急管理局：年度报告 2017" in out
    assert "未知命令 /nope" in out


def test_chat_ends_quietly_at_end_of_input(built_index: Path) -> None:
    run = gongkai("chat", "--index", str(built_index), stdin="你好\n")
    assert run.returncode == 0, run.stderr
    assert "政府信息公开问答助手" in run.stdout
    assert "Traceback" not in run.stderr


def test_ask_rebuilds_when_the_corpus_changed(tmp_path: Path, corpus_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "seed", corpus / "seed")
    args = (
        "ask",
        "--json",
        "淮安市人民政府办公室的电话",
        "--index",
        str(tmp_path / "index"),
        "--corpus",
        str(corpus),
    )
    before = json.loads(gongkai(*args).stdout)
    assert not before["found"]  # the 淮安 report is not in this corpus yet
    shutil.copytree(corpus_dir / "reports", corpus / "reports")
    run = gongkai(*args)
    assert "重建索引" in run.stderr
    assert "0517-83605210" in json.loads(run.stdout)["answer"]


def test_chat_follows_up_on_the_previous_question(built_index: Path) -> None:
    lines = ["淮安2024年收到多少件信息公开申请？", "那平潭呢？", "他们电话多少？", "/quit"]
    run = gongkai("chat", "--index", str(built_index), stdin="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    replies = run.stdout.split("问> ")[1:]  # after the welcome, one reply per question
    assert "3119" in replies[0]
    assert replies[1].startswith("按上一问的2024年") and "平潭" in replies[1]
    assert replies[2].startswith("按上一问的平潭") and "0591-" in replies[2]
