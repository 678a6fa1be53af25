"""Answers about disclosed items: find a document by 文号, 索引号 or title words."""

from __future__ import annotations

import re

from bot.answer.compose import cite_hit, reply
from bot.answer.declines import not_found
from bot.answer.kinds.passages import answers
from bot.answer.knowledge import Knowledge
from bot.answer.matching.overlap import Weights, coverage, grams
from bot.answer.matching.sentences import SHAPED_COVERAGE, best_sentences, expected_shape
from bot.answer.models import Answer, Intent, Item
from bot.answer.reading.question import Question
from bot.text import fold
from index.backend import Hit, RecordKind, SearchFilters

TITLE_COVERAGE = 0.55
LIST_COVERAGE = 0.8  # listed items cover nearly as much of the question as the best one
LIST_SIZE = 5
_ASKS_LIST = ("哪些", "有什么文件", "列出")
_ASKS_DOC_NO = ("文号", "发文字号", "字号")
_ASKS_INDEX_NO = ("索引号",)
_ASKS_VALIDITY = ("有效", "废止", "失效")
_ASKS_DATE = ("什么时候", "日期", "哪天", "何时")
_ASKS_PUBLISHER = re.compile(r"发文机关|发文单位|发布机构|(哪个|什么|哪一个)(单位|部门|机关)|谁发")
_ASKS_WHEN = re.compile(r"(哪天|哪一天|什么时候|何时|日期|几号)")
CONTENT_COVERAGE = 0.5
ITEMS = 20
ITEMS_BY_YEAR = 100  # titles rarely hold the year: look further, then keep that year's
_DOCUMENT_NOUNS = frozenset("文件 通知 决定 通告 规定 办法 意见 方案".split())
_COUNT_CUE = re.compile(r"几(件|个|条|项|份)|多少")
_COUNT = re.compile(r"(?<!\d)\d+\s*(件|个|条|项|份)")  # from a run's first digit only: linear
# Words that ask which document, not what it says.
_ITEM_WORDS = frozenset(
    "文件 通知 决定 通告 文号 发文字号 索引号 对应 标题 名称 内容 全文 有效 有效性 废止 失效".split()
)
# What is asked of a document rather than which one: never a word of its title.
_META_WORDS = frozenset(
    "文号 发文字号 字号 索引号 对应 标题 名称 全文 有效性 成文 成文日期 发文 发布日期 日期 发文机关".split()
)


def item_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The item a question refers to, with its metadata; None when it names no item."""
    if q.doc_no or q.index_no:
        hits = knowledge.lookup(doc_no=q.doc_no, index_no=q.index_no)
        if not hits:
            ref = q.doc_no or q.index_no
            return not_found(knowledge, q, f"{ref}对应的文件", Intent.ITEM)
        return _describe(knowledge, q, hits)
    depth = ITEMS_BY_YEAR if q.years else ITEMS
    # The items of the agencies a question names, never another place's (淮安 is not 高青).
    own = [d.id for d in knowledge.catalogue.of_agencies(q.agencies.scope)] if q.agencies.scope else []
    if q.agencies.scope and not own:
        return None
    filters = SearchFilters(records=[RecordKind.ITEM], documents=own)
    hits = _prefer_items(knowledge.search(q.folded, filters, depth))
    if q.years:
        hits = [h for h in hits if _year(h) in q.years or _titled_years(h) & set(q.years)]
    listing = any(cue in q.folded for cue in _ASKS_LIST)
    # A list question names a kind of document ("哪些文件"): the kind is no title word; what
    # is asked of a document (its 文号, its date) is no title word either.
    asked = grams(
        " ".join(t for t in q.terms if t not in _META_WORDS and not (listing and t in _DOCUMENT_NOUNS))
    )
    titles = [grams(_title(h)) for h in hits]
    if not hits or not asked:
        return None
    weights = Weights.over(titles)
    scored = sorted(
        ((coverage(asked, g, weights), i) for i, g in enumerate(titles)), key=lambda pair: (-pair[0], pair[1])
    )
    if scored[0][0] < TITLE_COVERAGE:
        return None
    if listing:
        matching = [hits[i] for cov, i in scored if cov >= LIST_COVERAGE * scored[0][0]][:LIST_SIZE]
        return _list(matching)
    return _describe(knowledge, q, [hits[scored[0][1]]])


def _prefer_items(hits: list[Hit]) -> list[Hit]:
    """One hit per title: the item document (with its 文号) over its catalogue row."""
    best: dict[str, Hit] = {}
    for hit in hits:
        key = fold(_title(hit))
        if key not in best or (best[key].item is None and hit.item is not None):
            best[key] = hit
    return [h for h in hits if best.get(fold(_title(h))) is h]


def _year(hit: Hit) -> int | None:
    """The year an item was issued (written, else published)."""
    when = (
        (hit.item.written or hit.item.published) if hit.item else (hit.entry.published if hit.entry else None)
    )
    return when.year if when else hit.year


def _titled_years(hit: Hit) -> set[int]:
    """The years a document's title says it is about: 万载县2022年统计公报 (issued 2023)."""
    return {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", _title(hit))}


def _list(hits: list[Hit]) -> Answer:
    lines = [f"找到{len(hits)}份相关文件："]
    for n, hit in enumerate(hits, 1):
        meta, entry = hit.item, hit.entry
        ref = (meta.doc_no if meta else None) or (entry.doc_no if entry else None)
        when = (meta.published if meta else None) or (entry.published if entry else None)
        extra = "，".join(x for x in (ref, when.isoformat() if when else None) if x)
        lines.append(f"{n}. 《{_title(hit)}》" + (f"（{extra}）" if extra else ""))
    return reply(Intent.ITEM, "\n".join(lines), found=True, citations=[cite_hit(h) for h in hits])


def _describe(knowledge: Knowledge, q: Question, hits: list[Hit]) -> Answer:
    hit = hits[0]
    title = _title(hit)
    meta = hit.item
    entry = hit.entry
    item = Item(
        title=title,
        agency=hit.agency,
        doc_no=(meta.doc_no if meta else None) or (entry.doc_no if entry else None),
        index_no=(meta.index_no if meta else None) or (entry.index_no if entry else None),
        publisher=meta.publisher if meta else None,
        written=meta.written if meta else None,
        published=(meta.published if meta else None) or (entry.published if entry else None),
        validity=meta.validity if meta else None,
        citation=cite_hit(hit),
    )
    facts = [f"{label}：{value}" for _, label, value in item.fields()]
    # Who issued it or when is its metadata, never a sentence of its body.
    asks_metadata = _ASKS_PUBLISHER.search(q.folded) or _ASKS_WHEN.search(q.folded)
    lead = (None if asks_metadata else _content(knowledge, q, hit, title)) or _lead(q, item)
    text = "\n".join([lead, "；".join(facts)]) if facts else lead
    if len(hits) > 1:
        text += "\n另有" + "、".join(f"《{_title(h)}》" for h in hits[1:4]) + "。"
    return reply(
        Intent.ITEM,
        text,
        found=True,
        agency=hit.agency,
        year=hit.year,
        citations=[cite_hit(h) for h in hits[:3]],
        items=[item],
    )


def _content(knowledge: Knowledge, q: Question, hit: Hit, title: str) -> str | None:
    """When the question asks what a document says (not which one it is), its answering sentence."""
    folded_title = fold(title)
    asked = [t for t in q.terms if t not in _ITEM_WORDS]
    counts = bool(_COUNT_CUE.search(q.folded))
    if not asked or not (counts or any(t not in folded_title for t in asked)):
        return None
    filters = SearchFilters(documents=[hit.doc_id], records=[RecordKind.PASSAGE, RecordKind.ITEM])
    hits = knowledge.search(" ".join(asked), filters, 8)
    shape = _COUNT if counts else expected_shape(q.folded)
    found = best_sentences(" ".join(asked), hits, limit=1, shape=shape)
    if counts and found and not _COUNT.search(found[0].sentence):
        return None
    # A sentence of the shape asked for (a list of places for 哪些地方) needs less of the wording.
    enough = SHAPED_COVERAGE if shape is not None and found and shape.search(found[0].sentence) else None
    if not found or found[0].coverage < (enough or CONTENT_COVERAGE) or not answers(q, found[0]):
        return None
    return f"{found[0].sentence}（《{title}》）"


def _lead(q: Question, item: Item) -> str:
    asked, title, doc_no = q.folded, item.title, item.doc_no
    repeals = "废止《" in title or "失效" in title
    when = item.written or item.published
    if repeals and not (q.doc_no or q.index_no) and any(w in asked for w in _ASKS_VALIDITY):
        by = f"（{doc_no}）" if doc_no else ""
        on = f"于{when.isoformat()}" if when else ""
        return f"已废止：《{title}》{by}{on}宣布废止了该文件。"
    if doc_no and any(w in asked for w in _ASKS_DOC_NO) and not q.doc_no:
        return f"该文件的文号是{doc_no}，标题为《{title}》。"
    if item.index_no and any(w in asked for w in _ASKS_INDEX_NO) and not q.index_no:
        return f"该文件的索引号是{item.index_no}，标题为《{title}》。"
    if item.publisher and _ASKS_PUBLISHER.search(asked):
        return f"《{title}》的发文机关是{item.publisher}。"
    if when and _ASKS_WHEN.search(asked):
        dates = [
            f"{label}{day.isoformat()}"
            for label, day in (("成文日期", item.written), ("发布日期", item.published))
            if day
        ]
        return f"《{title}》{'，'.join(dates)}。"
    if item.validity and any(w in asked for w in _ASKS_VALIDITY):
        return f"《{title}》的有效性：{item.validity}。"
    ref = q.doc_no or q.index_no
    return f"{ref}对应的文件是《{title}》。" if ref else f"找到文件《{title}》。"


def _title(hit: Hit) -> str:
    if hit.item:
        return hit.item.title
    if hit.entry:
        return hit.entry.title
    return hit.title
