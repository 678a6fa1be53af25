"""A synthetic corpus of any size, scaled from the real sample corpus, for benchmarks.

Copies keep the real text shapes (sections, tables, sentences) and vary what differs
between real reports: the agency (region + kind of office), the year and the
numbers. Nothing here is used outside the benchmark.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from bot.corpus.models import Agency, AgencyRegistry, Corpus, Document, Section
from index.records import document_records

_REGION_TEXT = """
淮安市 平潭县 张店区 昭化区 金水区 浑南区 汉阳区 从化区 屯昌县 道里区 甘州区 杨凌区
晋安区 延平区 鼓楼区 仓山区 思明区 湖里区 海曙区 江北区 余杭区 萧山区 姑苏区 吴中区
玄武区 秦淮区 建邺区 历下区 市中区 槐荫区 天桥区 高新区 南岗区 香坊区 和平区 沈河区
铁西区 皇姑区 雁塔区 碑林区 莲湖区 新城区 城关区 七里河区 西固区 武侯区 锦江区 青羊区
"""
_OFFICE_TEXT = """
人民政府办公室 应急管理局 财政局 自然资源局 生态环境局 住房和城乡建设局 交通运输局
教育局 民政局 司法局 审计局 卫生健康委员会 市场监督管理局 人力资源和社会保障局
街道办事处 行政审批局 发展和改革委员会 国有资产监督管理委员会
"""
REGIONS = tuple(_REGION_TEXT.split())
OFFICES = tuple(_OFFICE_TEXT.split())

_NUMBER = re.compile(r"\d+")


def synthetic_corpus(base: Corpus, passages: int, seed: int = 2024) -> Corpus:
    """Copies of base's documents, varied, until they hold at least `passages` records."""
    rng = random.Random(seed)
    documents: list[Document] = []
    agencies: dict[str, Agency] = {}
    records = copy = 0
    while records < passages and base.documents:
        for doc in base.documents:
            new = _vary(doc, copy, rng)
            if new.meta.agency:
                agencies.setdefault(new.meta.agency, Agency(name=new.meta.agency))
            documents.append(new)
            records += sum(1 for _ in document_records(new))
            if records >= passages:
                break
        copy += 1
    registry = AgencyRegistry(agencies=list(agencies.values()))
    return Corpus(root=f"synthetic:{passages}", documents=documents, agencies=registry)


def _vary(doc: Document, copy: int, rng: random.Random) -> Document:
    agency = f"{rng.choice(REGIONS)}{rng.choice(OFFICES)}"
    year = rng.randint(2012, 2024)

    def text(value: str) -> str:
        if doc.meta.agency:
            value = value.replace(doc.meta.agency, agency)
        if doc.meta.year:
            value = value.replace(str(doc.meta.year), str(year))
        return _NUMBER.sub(lambda m: _number_like(m.group(), year, rng), value)

    meta = doc.meta.model_copy(
        update={"agency": agency if doc.meta.agency else None, "year": year, "title": text(doc.meta.title)}
    )
    return doc.model_copy(
        update={
            "id": f"synthetic/{copy:05d}/{doc.id}",
            "meta": meta,
            "text": text(doc.text),
            "sections": [_vary_section(s, text) for s in doc.sections],
            "statistics": [
                s.model_copy(update={"value": float(rng.randint(0, 999))}) for s in doc.statistics
            ],
        }
    )


def _vary_section(section: Section, text: Callable[[str], str]) -> Section:
    return section.model_copy(
        update={
            "heading": text(section.heading),
            "path": [text(p) for p in section.path],
            "text": text(section.text),
            "children": [_vary_section(c, text) for c in section.children],
        }
    )


def _number_like(number: str, year: int, rng: random.Random) -> str:
    if number == str(year) or len(number) > 12:
        return number
    return str(rng.randint(10 ** (len(number) - 1) if len(number) > 1 else 0, 10 ** len(number) - 1))
