"""The catalogue of documents: by agency, year and kind, the way answers look them up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from bot.answer.reading.agencies import AgencyMatcher
from bot.corpus.models import DocKind
from index.backend import DocumentSummary


class Catalogue:
    """The documents of one index version, grouped the ways answers need them."""

    def __init__(self, documents: Iterable[DocumentSummary], matcher: AgencyMatcher) -> None:
        self.documents = {d.id: d for d in documents}
        self.matcher = matcher
        self.agency_of: dict[str, str | None] = {
            d.id: matcher.canonical(d.meta.agency) or matcher.canonical(d.meta.publisher) or d.meta.agency
            for d in self.documents.values()
        }
        self._by_agency: dict[str, list[DocumentSummary]] = defaultdict(list)
        for doc in self.documents.values():
            agency = self.agency_of[doc.id]
            if agency:
                self._by_agency[agency].append(doc)

    def of_agencies(self, agencies: Iterable[str], kinds: Iterable[DocKind] = ()) -> list[DocumentSummary]:
        """Documents of the given agencies, optionally of some kinds, newest first."""
        wanted = set(kinds)
        docs = [
            doc
            for agency in agencies
            for doc in self._by_agency.get(agency, [])
            if not wanted or doc.meta.kind in wanted
        ]
        return sorted(docs, key=_newest_first)

    def of_kind(self, *kinds: DocKind) -> list[DocumentSummary]:
        """Every document of these kinds, newest first."""
        return sorted((d for d in self.documents.values() if d.meta.kind in kinds), key=_newest_first)

    def reports(self, agencies: Sequence[str]) -> dict[int, list[DocumentSummary]]:
        """Annual reports of the agencies by the year they cover, complete ones first."""
        order = {agency: rank for rank, agency in enumerate(agencies)}
        by_year: dict[int, list[DocumentSummary]] = defaultdict(list)
        for doc in self.of_agencies(agencies, [DocKind.REPORT]):
            if doc.meta.year:
                by_year[doc.meta.year].append(doc)
        for docs in by_year.values():
            docs.sort(
                key=lambda d: (order.get(self.agency_of[d.id] or "", 0), not d.meta.complete, -d.statistics)
            )
        return dict(by_year)

    def display_name(self, doc: DocumentSummary) -> str:
        """The agency of a document as citizens should read it: the registry's name."""
        return self.agency_of.get(doc.id) or doc.meta.agency or ""

    def ranked(self, agencies: Iterable[str]) -> list[str]:
        """Agencies, those with the most documents first."""
        counts = {a: len(self._by_agency.get(a, [])) for a in agencies}
        return sorted(counts, key=lambda a: (-counts[a], a))

    def regulations(self) -> list[DocumentSummary]:
        """The law texts, the 政府信息公开条例 first."""
        laws = self.of_kind(DocKind.LAW)
        return sorted(laws, key=lambda d: ("条例" not in d.meta.title, d.id))

    def agencies_with_documents(self) -> list[str]:
        """Agencies with documents, those with the most documents first (law bodies excluded)."""
        counts: dict[str, int] = defaultdict(int)
        for doc_id, agency in self.agency_of.items():
            if agency and self.documents[doc_id].meta.kind is not DocKind.LAW:
                counts[agency] += 1
        return sorted(counts, key=lambda a: (-counts[a], a))

    def agencies_with(self, kind: DocKind) -> list[str]:
        """Agencies that have at least one document of a kind."""
        return sorted(
            {a for doc_id, a in self.agency_of.items() if a and self.documents[doc_id].meta.kind == kind}
        )


def _newest_first(doc: DocumentSummary) -> tuple[int, str]:
    stamp = doc.meta.published or doc.meta.written
    return (-(doc.meta.year or (stamp.year if stamp else 0)), doc.id)
