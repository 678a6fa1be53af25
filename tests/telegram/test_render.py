"""Telegram HTML: escaping, and splitting under the limit without breaking markup."""

from __future__ import annotations

import random
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from bot.answer import Answer, Citation, Intent
from bot.channels.telegram.render import answer_html, citation_line, split_html


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()


def _well_formed(chunk: str) -> bool:
    parser = _Balance()
    parser.feed(chunk)
    parser.close()
    broken_entity = re.search(r"&[#\w]*(?![#\w;])", chunk)
    return not parser.open and broken_entity is None


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\n", "")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _document(seed: int) -> str:
    rng = random.Random(seed)
    pieces = []
    for _ in range(rng.randint(50, 400)):
        word = rng.choice(
            ["政府信息公开", "A&B", "<小于>", "📄 来源", "表三 · 总计", "x" * rng.randint(1, 90)]
        )
        tag = rng.choice([None, "b", "i", "code", "blockquote"])
        escaped = word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        pieces.append(f"<{tag}>{escaped}</{tag}>" if tag else escaped)
        pieces.append(rng.choice(["", "\n", " "]))
    return '<a href="https://example.gov.cn/?a=1&amp;b=2">标题</a>\n' + "".join(pieces)


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("limit", [120, 700, 4096])
def test_chunks_fit_are_well_formed_and_lose_nothing(seed, limit):
    html = _document(seed)
    chunks = split_html(html, limit)
    assert all(_units(chunk) <= limit for chunk in chunks)
    assert all(_well_formed(chunk) for chunk in chunks)
    assert "".join(_text(chunk) for chunk in chunks) == _text(html)


def test_a_short_message_is_left_alone():
    assert split_html("<b>一</b>\n二") == ["<b>一</b>\n二"]


def test_cuts_fall_on_line_breaks_when_there_are_any():
    lines = [f"第{n}行" + "字" * 30 for n in range(100)]
    chunks = split_html("\n".join(lines), 400)
    assert all(chunk.split("\n")[-1] in lines for chunk in chunks)


def test_a_tag_open_across_a_cut_is_closed_and_reopened():
    chunks = split_html("<blockquote>" + "很长的引文。\n" * 100 + "</blockquote>", 200)
    assert len(chunks) > 1
    assert all(c.startswith("<blockquote>") and c.endswith("</blockquote>") for c in chunks)


def test_everything_from_documents_and_users_is_escaped():
    citation = Citation(
        title="<i>标题</i>", agency="A&B局", url='https://x.gov.cn/"><script>', section="表<三>"
    )
    answer = Answer(
        id="1", answer="1 < 2 & <b>粗</b>", found=True, intent=Intent.GENERAL, citations=[citation]
    )
    html = answer_html(answer)
    assert "1 &lt; 2 &amp; &lt;b&gt;粗&lt;/b&gt;" in html
    assert "&lt;i&gt;标题&lt;/i&gt;" in html and "A&amp;B局" in html and "表&lt;三&gt;" in html
    assert 'href="https://x.gov.cn/&quot;&gt;&lt;script&gt;"' in html
    assert _well_formed(html)


def test_only_web_links_become_links():
    assert "<a" not in citation_line(Citation(title="标题", url="javascript:alert(1)"))
    assert (
        citation_line(Citation(title="标题", url="https://a.gov.cn")) == '<a href="https://a.gov.cn">标题</a>'
    )
