"""Drafting an application from a channel: the glue between a served index and bot/assist.

    draft, reply = start_draft(kb, agency, today=china_today())
    reply = draft.handle(text)            # until reply.done or reply.cancelled
    result = finish(draft)                # preview (ID masked), .docx bytes, how to submit

Agencies come from the index's registry, receiving offices from its documents
(read once per opened index version). Nothing here logs or stores what a citizen types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from bot.assist.agency import OfficeLookup, office_lookup, registry_search
from bot.assist.docx_render import docx_bytes
from bot.assist.draft import ApplicationDraft, DraftReply
from bot.assist.render import render_submission, render_text
from index.backend import KnowledgeBase, PerVersion

DOCX_NAME = "政府信息公开申请.docx"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMAND_HINT = "需要的话，可以用 /draft 一步步起草政府信息公开申请表（生成可打印的 Word 文件）。"

_CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991


@dataclass(frozen=True)
class Finished:
    """A confirmed application, ready to show and send."""

    preview: str  # plain text, identity number masked
    docx: bytes  # the form to print and sign, identity number in full
    submission: str  # how to submit it to the receiving office


def china_today() -> date:
    """Today in China, the date written on the form."""
    return datetime.now(UTC).astimezone(_CHINA).date()


# The receiving offices of an opened index version, read once.
offices_of: PerVersion[OfficeLookup] = PerVersion(office_lookup)


def start_draft(
    kb: KnowledgeBase, agency: str | None = None, *, today: date
) -> tuple[ApplicationDraft, DraftReply]:
    """A new drafting conversation over the index's agencies, and its first reply."""
    offices = offices_of(kb)
    draft = ApplicationDraft(registry_search(kb.agencies, offices), today=today, offices=offices)
    return draft, draft.start(agency)


def finish(draft: ApplicationDraft) -> Finished:
    """The preview, the .docx and the submission steps of a confirmed draft."""
    app = draft.application
    if app is None:
        raise ValueError("the draft is not confirmed yet")
    return Finished(preview=render_text(app), docx=docx_bytes(app), submission=render_submission(app.office))
