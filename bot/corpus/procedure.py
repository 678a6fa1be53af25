"""How to apply for disclosure (依申请公开), as a guide states it.

A guide's 依申请公开 part names the channels (在线申请, 书面申请 by post, 口头申请 ...),
what an application must contain, the time limits (20个工作日), fees and remedies
(行政复议, 行政诉讼). Headings find the parts; where a guide has none, sentences do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.corpus.models import Channel, ChannelKind, Procedure, Section
from bot.corpus.sections import SectionTree

_APPLYING = re.compile(r"依申请|申请公开|申请获取")
_CHANNELS_HEADING = re.compile(r"申请方式|提出申请|申请途径|申请渠道|申请的提出|提交方式|申请形式")
_CONTENT_HEADING = re.compile(r"申请内容|内容要求|申请书内容|应当包[括含]|应包[括含]")
_FEES_HEADING = re.compile(r"收费|费用")
_REMEDY_HEADING = re.compile(r"监督|救济|复议|诉讼|投诉")
_CHANNEL_WORDS: tuple[tuple[ChannelKind, str], ...] = (
    ("online", r"在线|网上|网络|互联网|门户网站|政务服务网|网站"),
    ("email", r"电子邮件|电子邮箱|邮箱"),
    ("fax", r"传真"),
    ("in_person", r"当面|现场|窗口"),
    ("oral", r"口头"),
    ("post", r"信函|邮寄|邮政|寄送"),
    ("written", r"书面"),
)
_CHANNEL_SENTENCE = re.compile(
    r"(?:在线|网上|书面|信函|邮寄|当面|现场|口头|电子邮件|传真)(?:方式)?(?:提出|提交|递交)?申请"
)
_CONTENT_INTRO = re.compile(
    r"(?:应当|应|须|需)(?:包括|包含|载明|写明)(?:下列|以下|如下)?(?:内容|事项)?[:：]?"
)
_LIST_MARKER = re.compile(
    r"(?:^|(?<=[；;。\s：:]))\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,2}[)）])"
)
_TIME_LIMIT = re.compile(r"\d+\s*个工作日|[一二三四五六七八九十]+个工作日|当场(?:予以)?答复|\d+\s*日内")
_FEES = re.compile(r"收费|费用|信息处理费")
_REMEDY = re.compile(r"行政复议|行政诉讼|投诉|举报")
_SENTENCES = re.compile(r"[^。；;\n]+[。；;]?")


def extract_procedure(tree: SectionTree, body: str) -> Procedure | None:
    """The application procedure a guide describes; None when it describes none."""
    sections = [s for top in tree.sections for s in top.walk()]
    applying = next((s for s in sections if s.level == 1 and _APPLYING.search(_label(s))), None)
    scope = list(applying.walk()) if applying else sections
    scope_text = full_text(applying) if applying else body
    procedure = Procedure(
        channels=_channels(scope, scope_text),
        required_content=_required_content(scope, scope_text),
        time_limits=_sentences(scope_text, _TIME_LIMIT),
        fees=_part(sections, _FEES_HEADING) or _joined(_sentences(body, _FEES)),
        remedies=_part(sections, _REMEDY_HEADING, top_only=True) or _joined(_sentences(body, _REMEDY)),
        section=applying.path if applying else [],
    )
    found = procedure.model_dump(exclude={"section"}, exclude_defaults=True)
    return procedure if found else None


def full_text(section: Section) -> str:
    """A section's heading, own text and all its subsections' text."""
    parts = [_label(section), section.text, *(full_text(child) for child in section.children)]
    return "\n".join(part for part in parts if part)


def _label(section: Section) -> str:
    return section.path[-1] if section.path else ""


def _channels(scope: list[Section], text: str) -> list[Channel]:
    """Each way to apply, from the channel headings or else from sentences."""
    heading = next((s for s in scope if _CHANNELS_HEADING.search(_label(s))), None)
    parts = [full_text(child) for child in heading.children] if heading and heading.children else []
    if not parts:
        parts = _sentences(text, _CHANNEL_SENTENCE)
    channels: list[Channel] = []
    for part in parts:
        kind = _channel_kind(part)
        if kind and all(c.kind != kind for c in channels):
            channels.append(Channel(kind=kind, text=part))
        if kind == "written" and re.search(r"邮寄|信函", part) and all(c.kind != "post" for c in channels):
            channels.append(Channel(kind="post", text=part))
    return channels


def _channel_kind(text: str) -> ChannelKind | None:
    """The channel a part names first: "口头申请采用书面形式确有困难…" is oral."""
    start = re.sub(r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,2}[)）])", "", text)[:12]
    hits = [(m.start(), kind) for kind, words in _CHANNEL_WORDS if (m := re.search(words, start))]
    return min(hits)[1] if hits else None


def _required_content(scope: list[Section], text: str) -> list[str]:
    """The items an application must contain."""
    heading = next((s for s in scope if _CONTENT_HEADING.search(_label(s))), None)
    source = full_text(heading) if heading else text
    intro = _CONTENT_INTRO.search(source)
    if intro is None and heading is None:
        return []
    return _list_items(source[intro.end() if intro else 0 :])


def _list_items(text: str) -> list[str]:
    """The numbered items of a list, up to the item that ends the sentence."""
    marks = list(_LIST_MARKER.finditer(text))
    items = []
    for mark, nxt in zip(marks, [*marks[1:], None][: len(marks)], strict=True):
        item = text[mark.end() : nxt.start() if nxt else len(text)].strip()
        end = item.find("。")
        items.append(item[:end] if end >= 0 else item.rstrip("；;，, "))
        if end >= 0:
            break
    return [item.rstrip("；;，, ") for item in items if item]


def _sentences(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The sentences of a text that match, each once, in order."""
    found = [s.group().strip() for s in _SENTENCES.finditer(text) if pattern.search(s.group())]
    return list(dict.fromkeys(found))


def _part(sections: Iterable[Section], heading: re.Pattern[str], top_only: bool = False) -> str | None:
    """The full text of the first section whose heading matches."""
    for section in sections:
        if (not top_only or section.level == 1) and heading.search(_label(section)):
            return full_text(section)
    return None


def _joined(sentences: list[str]) -> str | None:
    return "".join(sentences) or None
