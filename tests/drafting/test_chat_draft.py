"""/draft in `gongkai chat`, as a person uses it: a real process, stdin lines, the real index."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

from docx import Document

from bot.channels.drafting import COMMAND_HINT, DOCX_NAME

NAME = "测试申请人"
ID_NUMBER = "11010519491231002X"  # the worked example of GB 11643-1999
PHONE = "13800138000"
EMAIL = "applicant@example.com"
WANTED = "平潭综合实验区管委会2023年发布的关于规范性文件清理的通知"
PERSONAL = [NAME, ID_NUMBER, PHONE, EMAIL, WANTED]


def chat(built_index: Path, drafts: Path, *lines: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `gongkai chat` in the folder `cwd` with these input lines."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--index", str(built_index), "--drafts", str(drafts)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")},
    )


def form_fields(path: Path) -> dict[str, str]:
    """The (label, value) rows of a saved form."""
    [table] = Document(io.BytesIO(path.read_bytes())).tables
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def test_a_citizen_drafts_with_mistakes_goes_back_and_gets_the_form(built_index: Path, tmp_path: Path):
    drafts = tmp_path / "drafts"
    run = chat(
        built_index, drafts,
        "平潭怎么申请公开",
        "/draft", "平潭", "1",
        "所有文件",  # too vague: asked again
        WANTED, "纸质", "电子邮件",  # paper cannot be e-mailed: asked again
        "返回", "电子", "电子邮件",
        "个人", NAME, "身份证", ID_NUMBER, PHONE, "跳过", EMAIL,
        "/help",  # commands wait while drafting
        "确认",
        "/draft 淮安市人民政府", "取消",
        "/quit",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert COMMAND_HINT in out.split("我来帮您起草")[0]  # the answer on how to apply mentions /draft
    assert "太笼统" in out and "纸质材料不能通过电子邮件" in out and "回到上一步" in out
    assert "正在起草申请" in out
    assert "证件号码：1101**********002X" in out and ID_NUMBER not in out
    saved = drafts / DOCX_NAME
    assert f"申请表已保存：{saved.resolve()}" in out
    assert "如何提交" in out and "平潭综合实验区金井湾营运中心7号楼14层（邮编350400）" in out
    assert "受理机关：淮安市人民政府" in out and "已取消" in out
    assert sorted(p.name for p in drafts.iterdir()) == [DOCX_NAME]  # the cancelled draft wrote nothing
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # it holds the full ID number

    fields = form_fields(saved)
    assert fields["受理机关"] == "平潭综合实验区管委会办公室"
    assert fields["受理机构"] == "平潭综合实验区管委会政府信息公开领导小组办公室"
    assert fields["所需政府信息的名称、文号或特征描述"] == WANTED
    assert fields["信息的载体形式"] == "电子" and fields["获取信息的方式"] == "电子邮件"
    assert fields["姓名"] == NAME and fields["证件号码"] == ID_NUMBER
    assert fields["联系电话"] == PHONE and fields["电子邮箱"] == EMAIL
    for value in PERSONAL:
        assert value not in run.stderr


def test_a_second_form_never_overwrites_the_first(built_index: Path, tmp_path: Path):
    drafts = tmp_path / "drafts"
    answers = [WANTED, "电子", "电子邮件", "公民", NAME, "身份证", ID_NUMBER, PHONE, "跳过", EMAIL, "确认"]
    run = chat(
        built_index,
        drafts,
        "/draft 平潭综合实验区管委会办公室",
        *answers,
        "/draft 平潭",
        "1",
        *answers,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert {p.name for p in drafts.iterdir()} == {DOCX_NAME, "政府信息公开申请-2.docx"}


def test_an_unwritable_drafts_folder_is_named_before_any_question(built_index: Path, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = chat(built_index, blocker / "drafts", "/draft", "平潭", "/quit", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert f"无法把申请表保存到 {blocker / 'drafts'}" in run.stdout and "--drafts" in run.stdout
    assert "向哪个行政机关申请" not in run.stdout


def test_apply_mentions_draft(built_index: Path, tmp_path: Path):
    run = chat(built_index, tmp_path / "drafts", "/apply 平潭", "/help", "/quit", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert COMMAND_HINT in run.stdout and "/draft 机关" in run.stdout
