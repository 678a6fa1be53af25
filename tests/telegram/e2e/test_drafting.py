"""Drafting an application in Telegram, end to end: `gongkai serve` against the emulator.

A citizen asks how to apply, presses 起草申请, answers every question (one wrongly, one
with 返回), confirms, and receives the preview and the .docx, which the test downloads
from the emulator's file server and opens with python-docx. A second draft is cancelled.
Nothing the citizen typed may reach the log or the bot's records.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from docx import Document

from bot.channels.drafting import DOCX_NAME
from bot.channels.telegram import texts
from bot.channels.telegram.keyboards import DRAFT_LABEL
from tests.telegram.e2e.emulator import BotMessage, EmulatorClient, Person

pytestmark = pytest.mark.e2e

CITIZEN = Person(5101)
ADMIN = Person(5109, "管理员")
AGENCY = "平潭综合实验区管委会办公室"
OFFICE = "平潭综合实验区管委会政府信息公开领导小组办公室"  # the guide's 受理机构
WANTED = "平潭综合实验区管委会2023年发布的关于规范性文件清理的通知"
NAME = "测试申请人"
ID_NUMBER = "11010519491231002X"  # the worked example of GB 11643-1999
WRONG_ID = "110105194912310021"  # one digit off: the check digit fails
PHONE = "13800138000"
EMAIL = "applicant@example.com"
PERSONAL = [NAME, ID_NUMBER, WRONG_ID, PHONE, EMAIL, WANTED]


@pytest.fixture
def built(gongkai, tmp_path: Path, corpus_dir: Path) -> None:
    """An index of the guides and the 张店 report, built by `gongkai build`."""
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "guides", corpus / "guides")
    shutil.copytree(corpus_dir / "seed", corpus / "seed")
    result = gongkai("build", GONGKAI_CORPUS_DIR=str(corpus))
    assert result.returncode == 0, result.stderr


def step(client: EmulatorClient, text: str, replies: int = 1) -> list[BotMessage]:
    """Send one message as the citizen and wait for the bot's replies."""
    client.say(CITIZEN, text)
    return client.replies(CITIZEN, replies)


def download(client: EmulatorClient, file_path: str) -> bytes:
    """A document the bot sent, from the emulator's file server (as a Telegram client gets it)."""
    response = httpx.get(f"{client.url}/file/bot{client.token}/{quote(file_path)}", timeout=10)
    response.raise_for_status()
    return response.content


def form_fields(data: bytes) -> dict[str, str]:
    """The (label, value) rows of the .docx form."""
    document = Document(io.BytesIO(data))
    [table] = document.tables
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def test_a_citizen_drafts_an_application_and_receives_the_docx(built, serve, client, tmp_path):
    # Four questions a minute: every draft answer counted as a question would trip the limit.
    served = serve(GONGKAI_RATE_LIMIT_QUESTIONS="4", GONGKAI_ADMIN_IDS=f"[{ADMIN.id}]")
    assert "draft" in [command["command"] for command in client.bot_state()["commands"]]

    [how] = step(client, "平潭怎么申请公开")
    assert DRAFT_LABEL in how.buttons
    client.press(CITIZEN, how, DRAFT_LABEL)
    [first] = client.replies(CITIZEN)
    assert f"受理机关：{AGENCY}" in first.text and OFFICE in first.text  # the answer's agency, found
    assert "第2步" in first.text and "申请公开什么政府信息" in first.text

    assert "太笼统" in step(client, "所有文件")[0].text  # a wrong answer: asked again
    assert "希望以什么形式获取" in step(client, WANTED)[0].text
    assert "希望怎样获取" in step(client, "电子")[0].text
    assert "申请人是" in step(client, "网上获取")[0].text
    back = step(client, "返回")[0].text
    assert "回到上一步" in back and "希望怎样获取" in back
    assert "申请人是" in step(client, "电子邮件")[0].text
    assert "姓名" in step(client, "公民")[0].text
    assert "哪种证件" in step(client, NAME)[0].text
    assert "号码" in step(client, "身份证")[0].text
    assert "校验未通过" in step(client, WRONG_ID)[0].text
    assert "联系电话" in step(client, ID_NUMBER)[0].text
    assert "通信地址" in step(client, PHONE)[0].text
    assert "电子邮箱" in step(client, "跳过")[0].text
    review = step(client, EMAIL)[0].text
    assert "请核对" in review and "1101**********002X" in review and ID_NUMBER not in review

    preview, sent, how_to = step(client, "确认", replies=3)
    assert "政府信息公开申请表（预览）" in preview.text and f"姓名：{NAME}" in preview.text
    assert "证件号码：1101**********002X" in preview.text and ID_NUMBER not in preview.text
    assert "如何提交" in how_to.text and "平潭综合实验区金井湾营运中心7号楼14层" in how_to.text
    [document] = client.bot_state()["documents"]
    assert document["message_id"] == sent.message_id and document["chat_id"] == CITIZEN.id
    assert document["file_name"] == DOCX_NAME and document["caption"] == texts.DRAFT_CAPTION
    fields = form_fields(download(client, document["file_path"]))
    assert fields["受理机关"] == AGENCY and fields["受理机构"] == OFFICE
    assert fields["所需政府信息的名称、文号或特征描述"] == WANTED
    assert fields["信息的载体形式"] == "电子" and fields["获取信息的方式"] == "电子邮件"
    assert fields["姓名"] == NAME and fields["证件号码"] == ID_NUMBER  # in full, for the agency
    assert fields["联系电话"] == PHONE and fields["电子邮箱"] == EMAIL

    # A second draft, cancelled: afterwards a question is a question again.
    assert "向哪个行政机关申请" in step(client, "/draft")[0].text
    assert "找到以下机关" in step(client, "平潭")[0].text
    assert "已取消" in step(client, "取消")[0].text
    assert "2270822" in step(client, "张店区安监局的热线电话是多少？")[0].text

    client.say(ADMIN, "/stats")
    [stats] = client.replies(ADMIN)
    assert "启动以来回答 2 个问题" in stats.text  # the two questions, none of the draft answers
    log = served.stop()
    records = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data").rglob("*") if p.is_file())
    for value in PERSONAL:
        assert value not in log and value not in records and value not in stats.text
