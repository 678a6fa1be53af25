"""The drafting conversation in-process: the real Application and handlers, the offline Bot API.

Drafting reads the agency registry and receiving offices of the real index of the
bundled corpus; questions go to the real engine through a wrapper that records every
question, so a draft answer that leaked into the question path would show up there.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from typing import Any

import pytest
from docx import Document
from telegram.request import RequestData

from bot.channels.drafting import DOCX_NAME
from bot.channels.telegram import texts
from bot.channels.telegram.context import GongkaiApplication
from bot.channels.telegram.keyboards import DRAFT_LABEL
from bot.serving import AnswerFunctions
from bot.settings import Settings
from tests.telegram.engines import Recording
from tests.telegram.factories import CITIZEN, GROUP, bot_message, callback_update, text_update
from tests.telegram.offline import RecordingRequest

ID_NUMBER = "11010519491231002X"
NAME = "测试申请人"
PHONE = "13800138000"
WANTED = "平潭综合实验区管委会2023年发布的关于规范性文件清理的通知"
WRONG_ID = "110105194912310021"  # the check digit fails
# The answers after the agency, up to the review, with a wrong ID number on the way.
TO_REVIEW = [WANTED, "纸质", "当面领取", "公民", NAME, "身份证", WRONG_ID, ID_NUMBER, PHONE, "跳过", "跳过"]
TIMEOUT = 0.5


class DocumentRecorder(RecordingRequest):
    """The offline Bot API, which also takes uploaded documents and keeps their bytes by file name."""

    def __init__(self) -> None:
        super().__init__()
        self.uploads: dict[str, bytes] = {}

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        if url.endswith("/sendDocument") and request_data is not None:
            for file_name, content, _mime in request_data.multipart_data.values():
                self.uploads[str(file_name)] = bytes(content)
        return await super().do_request(url, method, request_data, **kwargs)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method != "sendDocument":
            return super()._result(method, params)
        chat_id = int(params["chat_id"])
        document = {"file_id": "f1", "file_unique_id": "u1", "file_name": DOCX_NAME}
        return {
            "message_id": 900,
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "document": document,
        }


@pytest.fixture
def recorder() -> DocumentRecorder:
    return DocumentRecorder()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Three questions a minute, and drafts dropped after half a second of silence."""
    return settings.model_copy(update={"draft_timeout_seconds": TIMEOUT, "rate_limit_questions": 3})


@pytest.fixture
def recording() -> Recording:
    """Every question that reached the engine."""
    return Recording()


@pytest.fixture
def engine(recording: Recording) -> AnswerFunctions:
    return recording.engine()


@pytest.fixture
async def running(app: GongkaiApplication) -> AsyncIterator[GongkaiApplication]:
    """The application with its job queue running, as run_polling starts it (timeouts need it)."""
    assert app.job_queue is not None
    await app.job_queue.start()
    yield app
    await app.job_queue.stop(wait=False)


async def say(feed, recorder: DocumentRecorder, *texts_: str, **kwargs: Any) -> list[str]:
    """Feed messages in order; return the texts the bot sent meanwhile."""
    recorder.clear()
    for text in texts_:
        await feed(text_update(text, **kwargs))
    return [call.text for call in recorder.sent()]


def reply_buttons(recorder: RecordingRequest) -> list[str]:
    """The labels of the reply keyboard of the last message."""
    markup = recorder.sent()[-1].params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("keyboard", []) for button in row]


async def test_a_whole_draft_ends_with_the_docx_and_nothing_kept(running, feed, recorder, recording):
    services = running.bot_data.services
    [first] = await say(feed, recorder, "/draft 平潭")
    assert "找到以下机关" in first and CITIZEN.id in services.drafts
    assert reply_buttons(recorder)[0] == "平潭综合实验区管委会办公室"  # the one with a receiving office
    assert reply_buttons(recorder)[-2:] == ["返回", "取消"]
    await say(feed, recorder, "1", WANTED)
    assert reply_buttons(recorder) == ["纸质", "电子", "返回", "取消"]
    replies = await say(feed, recorder, *TO_REVIEW[1:])
    assert any("校验未通过" in text for text in replies)
    assert "1101**********002X" in replies[-1] and ID_NUMBER not in replies[-1]

    preview, final = await say(feed, recorder, "确认")
    assert ID_NUMBER not in preview and "1101**********002X" in preview
    assert "如何提交" in final
    [sent] = recorder.sent("sendDocument")
    assert sent.params["caption"] == texts.DRAFT_CAPTION
    [(file_name, data)] = recorder.uploads.items()
    assert file_name == DOCX_NAME
    cells = [cell.text for row in Document(io.BytesIO(data)).tables[0].rows for cell in row.cells]
    assert ID_NUMBER in cells and NAME in cells and PHONE in cells
    assert len(services.drafts) == 0
    assert recording.calls == []  # no answer was a question
    assert services.stats.answered == 0 and not services.feedback.path.exists()
    assert recorder.sent()[0].params["reply_markup"] == {"remove_keyboard": True}


async def test_draft_answers_are_not_rate_limited_questions(running, feed, recorder, recording):
    # Three questions a minute; /draft is the first, the twelve answers after it are none.
    replies = await say(feed, recorder, "/draft 平潭综合实验区管委会办公室", *TO_REVIEW)
    assert not any("秒后再问" in reply for reply in replies) and "请核对" in replies[-1]
    replies = await say(feed, recorder, "取消", "问题一", "问题二", "问题三")
    assert "已取消" in replies[0] and "秒后再问" in replies[-1]  # questions still count
    assert [question for question, _ in recording.calls] == ["问题一", "问题二"]


@pytest.mark.parametrize("word", ["取消", "/cancel"])
async def test_cancelling_clears_the_draft(running, feed, recorder, recording, word):
    services = running.bot_data.services
    await say(feed, recorder, "/draft", "平潭综合实验区管委会办公室", WANTED)
    assert CITIZEN.id in services.drafts
    [cancelled] = await say(feed, recorder, word)
    assert "已取消" in cancelled and CITIZEN.id not in services.drafts
    assert recorder.sent()[-1].params["reply_markup"] == {"remove_keyboard": True}
    await say(feed, recorder, "张店区安监局的热线电话是多少？")
    assert recording.calls[-1][0] == "张店区安监局的热线电话是多少？"  # a question again


async def test_a_silent_draft_is_dropped_after_the_timeout(running, feed, recorder, recording):
    services = running.bot_data.services
    await say(feed, recorder, "/draft", "平潭综合实验区管委会办公室", NAME)
    assert CITIZEN.id in services.drafts
    recorder.clear()
    for _ in range(40):
        await asyncio.sleep(TIMEOUT / 5)
        if recorder.sent():
            break
    [notice] = recorder.sent()
    assert notice.text == texts.DRAFT_TIMEOUT.format(minutes=1)
    assert notice.params["reply_markup"] == {"remove_keyboard": True}
    assert CITIZEN.id not in services.drafts
    await say(feed, recorder, "张店区安监局的热线电话是多少？")
    assert recording.calls[-1][0] == "张店区安监局的热线电话是多少？"  # the draft is over: a question


async def test_drafting_happens_in_private_chats_only(running, feed, recorder):
    [refused] = await say(feed, recorder, "/draft", chat=GROUP)
    assert refused == texts.DRAFT_PRIVATE
    assert len(running.bot_data.services.drafts) == 0


async def test_the_draft_button_under_apply_starts_a_draft(running, feed, recorder):
    await say(feed, recorder, "/apply 平潭综合实验区管委会办公室")
    [(label, data)] = recorder.sent()[-1].buttons
    assert label == DRAFT_LABEL and data.startswith("drf:")
    recorder.clear()
    await feed(callback_update(data, bot_message(CITIZEN.id)))
    assert "我来帮您起草" in recorder.sent()[-1].text
    assert CITIZEN.id in running.bot_data.services.drafts
