"""Telegram HTML: real answers read fact first; escaping; splitting without breaking markup."""

from __future__ import annotations

import random
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from bot.answer import (
    Answer,
    Citation,
    ContactCard,
    DocumentPage,
    Intent,
    ProcedureCard,
    answer,
    contact_answer,
    procedure_answer,
    search_documents,
)
from bot.channels.telegram import render
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
        tag = rng.choice([None, "b", "i", "code", "blockquote", "blockquote expandable"])
        escaped = word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        pieces.append(f"<{tag}>{escaped}</{tag.split()[0]}>" if tag else escaped)
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


def test_a_folded_quote_cut_in_two_stays_folded_in_both_parts():
    chunks = split_html("事实。\n<blockquote expandable>" + "说明。\n" * 300 + "</blockquote>", 400)
    assert len(chunks) > 2
    assert all(c.count("<blockquote expandable>") == 1 and c.endswith("</blockquote>") for c in chunks)


def test_everything_from_documents_and_users_is_escaped():
    citation = Citation(
        title="<i>标题</i>",
        agency="A&B局",
        url='https://x.gov.cn/"><script>',
        section="表<三>",
        quote="<b>引</b>",
    )
    card = ContactCard(agency="<局>", office="A&B", phones=["<1>"], address="<地址>", conflicts=["<冲突>"])
    procedure = ProcedureCard(agency="<局>", channels=["<在线>"], fees="<费>", sources=[citation])
    reply = Answer(
        id="1", answer="1 < 2 & <b>粗</b>", found=False, intent=Intent.PROCEDURE, citations=[citation],
        contacts=[card], procedure=procedure, suggestions=["<问>"],
    )  # fmt: skip
    html = answer_html(reply)
    assert "1 &lt; 2 &amp; &lt;b&gt;粗&lt;/b&gt;" in html
    assert "&lt;i&gt;标题&lt;/i&gt;" in html and "表&lt;三&gt;" in html and "&lt;1&gt;" in html
    assert 'href="https://x.gov.cn/&quot;&gt;&lt;script&gt;"' in html
    assert "A&amp;B局" in citation_line(citation)
    views = [
        html,
        render.sources_html(reply),
        render.contacts_html(reply),
        render.procedure_html(reply),
        render.page_html(DocumentPage(query="<q>", items=[citation], total=1)),
        render.document_html(citation),
    ]
    for view in views:
        assert _well_formed(view) and "<script>" not in view and "<b>引" not in view, view
        assert not re.search(r"<(?!/?(?:b|a|blockquote|code)\b)", view), view


def test_only_web_links_become_links():
    assert "<a" not in citation_line(Citation(title="标题", url="javascript:alert(1)"))
    assert (
        citation_line(Citation(title="标题", url="https://a.gov.cn"))
        == '《<a href="https://a.gov.cn">标题</a>》'
    )


# Questions of every shape the engine answers: figures from text and tables, contacts with
# conflicts, procedures, deadlines and fees, items and lists of items, declines, redirects.
QUESTIONS = [
    "张店区安监局的热线电话是多少？",
    "淮安市2024年行政诉讼有多少件",
    "平潭2024年收到的申请里有多少件不予公开",
    "平潭综合实验区的政府信息公开电话和地址",
    "我11月20日网上提交的申请什么时候答复",
    "一个月申请15件要交多少钱",
    "岚综管规〔2024〕4号",
    "平潭有哪些规范性文件被废止了",
    "北京市朝阳区的政府信息公开电话",
    "张店区安监局2019年主动公开多少条",
    "我要投诉邻居违建",
    "电话是多少",
    "申请公开被拒绝了怎么办",
    "张店区安监局怎么申请公开",
    "你好",
]


@pytest.fixture(scope="module")
def answers(kb) -> list[Answer]:
    return [answer(kb, q) for q in QUESTIONS]


def _visible(html: str) -> str:
    return re.sub(r"<blockquote expandable>.*?</blockquote>", "", html, flags=re.DOTALL)


def test_real_answers_are_well_formed_and_fit_one_message(answers):
    for reply in answers:
        html = answer_html(reply)
        assert _well_formed(html), reply.answer
        assert len(split_html(html)) == 1


def test_the_fact_comes_first_and_nothing_of_the_answer_is_lost(answers):
    for reply in answers:
        html = answer_html(reply)
        first_line = reply.answer.strip().split("\n")[0]
        assert _text(html).startswith(_text(first_line.replace("&", "&amp;").replace("<", "&lt;")))
        kept = [
            line for line in reply.answer.splitlines() if line.strip() and not line.startswith("（出处：")
        ]
        assert all(line.strip() in unescape(html) for line in kept), reply.answer


def test_long_answers_keep_a_short_lead_and_fold_the_rest(answers):
    for reply in answers:
        body = _visible(answer_html(reply)).split("📄 来源")[0]
        lead = _text(body)
        first_paragraph = reply.answer.strip().split("\n\n")[0].split("\n")[0]
        assert len(lead) <= render.FOLD_OVER or len(lead) <= len(first_paragraph) + 60, reply.answer
    deadline = answers[QUESTIONS.index("我11月20日网上提交的申请什么时候答复")]
    assert "<blockquote expandable>" in answer_html(deadline)


def test_the_source_line_names_each_document_once_with_its_sections(answers):
    deadline = answer_html(answers[QUESTIONS.index("我11月20日网上提交的申请什么时候答复")])
    [source] = [line for line in deadline.splitlines() if line.startswith("📄 来源")]
    assert source.count("政府信息公开条例") == 1 and "第三十一条、第三十三条" in source
    table = answer_html(answers[QUESTIONS.index("平潭2024年收到的申请里有多少件不予公开")])
    assert "表三 · 三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 · 总计" in table
    linked = answer_html(answers[QUESTIONS.index("平潭综合实验区的政府信息公开电话和地址")])
    assert '<a href="https://www.pingtan.gov.cn/' in linked
    for reply in answers:
        assert ("📄 来源" in answer_html(reply)) == bool(reply.citations)
        assert "（出处：" not in answer_html(reply) or not reply.citations


def test_the_agency_phone_is_added_only_where_it_helps_and_never_twice(answers):
    def html_of(question: str) -> str:
        return answer_html(answers[QUESTIONS.index(question)])

    assert "☎️ 张店区应急管理局：0533-2270822" in html_of("张店区安监局怎么申请公开")
    assert html_of("张店区安监局2019年主动公开多少条").count("2270822") == 1  # the decline says it already
    assert "☎️" not in html_of("淮安市2024年行政诉讼有多少件")  # a figure: the button has the contact


def test_buttons_views_of_real_answers_are_well_formed(kb, answers):
    views = [render.sources_html(reply) for reply in answers]
    views += [render.contacts_html(contact_answer(kb, agency)) for agency in (None, "张店区应急管理局")]
    views += [
        render.procedure_html(procedure_answer(kb, agency)) for agency in (None, "平潭综合实验区管委会办公室")
    ]
    views.append(render.page_html(search_documents(kb, "规范性文件", offset=5, limit=5)))
    for html in views:
        assert all(_well_formed(chunk) for chunk in split_html(html)), html


def test_a_procedure_card_lists_each_channel_once(kb):
    html = render.procedure_html(procedure_answer(kb, "平潭综合实验区管委会办公室"))
    channels = html.split("<b>申请渠道</b>")[1].split("<b>")[0]
    bullets = [line for line in channels.splitlines() if line.startswith("• ")]
    assert len(bullets) == len(set(bullets)) >= 3
