"""Lists rather than answers: matching documents, page by page, and what the corpus covers."""

from __future__ import annotations

from bot.answer.compose import cite_hit
from bot.answer.knowledge import Knowledge
from bot.answer.models import AgencyCoverage, Coverage, DocumentPage
from bot.corpus.models import DocKind
from index.backend import RecordKind, SearchFilters

SEARCH_DEPTH = 60


def search_page(knowledge: Knowledge, query: str, offset: int, limit: int) -> DocumentPage:
    """Distinct documents matching a query, one page of them."""
    hits = knowledge.search(query, SearchFilters(records=[RecordKind.PASSAGE, RecordKind.ITEM]), SEARCH_DEPTH)
    seen: dict[str, None] = {}
    citations = []
    for hit in hits:
        key = hit.doc_id if hit.entry is None else f"{hit.doc_id}#{hit.entry.title}"
        if key in seen:
            continue
        seen[key] = None
        citations.append(cite_hit(hit))
    return DocumentPage(
        query=query, items=citations[offset : offset + limit], offset=offset, total=len(citations)
    )


def coverage_of(knowledge: Knowledge) -> Coverage:
    """Per agency: report years, guides and items."""
    per: dict[str, AgencyCoverage] = {}
    for doc_id, agency in knowledge.catalogue.agency_of.items():
        doc = knowledge.catalogue.documents[doc_id]
        if not agency or doc.meta.kind is DocKind.LAW:
            continue
        entry = per.setdefault(agency, AgencyCoverage(agency=agency))
        if doc.meta.kind is DocKind.REPORT and doc.meta.year and doc.meta.year not in entry.report_years:
            entry.report_years.append(doc.meta.year)
        elif doc.meta.kind is DocKind.GUIDE:
            entry.guides += 1
        elif doc.meta.kind in (DocKind.ITEM, DocKind.ITEM_LIST):
            entry.items += 1
    for entry in per.values():
        entry.report_years.sort()
    return Coverage(
        agencies=sorted(per.values(), key=lambda a: a.agency),
        documents=len(knowledge.catalogue.documents),
        index_version=knowledge.version,
    )
