"""Questions to weighted terms and whoosh queries, never parsed as query syntax.

A question becomes its analyzer tokens, each with a weight: whole words 1, the
sub-words inside them less, and a token's synonyms (the term list and every
agency's aliases) less again; index/scoring.py ranks records by BM25F over them.
Filters are exact ID terms.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.query.compound import And, Or
from whoosh.query.qcore import Query
from whoosh.query.terms import Term

from bot.corpus.models import AgencyRegistry
from bot.text import fold
from index.analyzer import SYNONYMS, GongkaiAnalyzer, read_word_file
from index.analyzer import Term as Token
from index.backend import SearchFilters

SUB_WORD_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.7


class Synonyms:
    """Groups of interchangeable words, looked up by any folded member."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._groups: dict[str, set[str]] = {}
        for group in groups:
            self.add(group)

    def add(self, group: Iterable[str]) -> None:
        """Make every word of group a synonym of the others (merging existing groups)."""
        merged = {fold(word) for word in group if word.strip()}
        for word in list(merged):
            merged |= self._groups.get(word, set())
        for word in merged:
            self._groups[word] = merged

    def of(self, word: str) -> list[str]:
        """The other words of word's group, sorted."""
        return sorted(self._groups.get(word, set()) - {word})

    @classmethod
    def load(cls, registry: AgencyRegistry) -> Synonyms:
        """The shipped term list plus each agency's name and aliases."""
        synonyms = cls(read_word_file(SYNONYMS))
        for agency in registry.agencies:
            if agency.aliases:
                synonyms.add([agency.name, *agency.aliases])
        return synonyms


def weighted_terms(analyzer: GongkaiAnalyzer, synonyms: Synonyms, text: str) -> dict[str, float]:
    """The question's tokens with their weights: words 1, sub-words and synonyms less."""
    weights: dict[str, float] = {}
    for term in analyzer.terms(text):
        weight = 1.0 if term.main else SUB_WORD_WEIGHT
        weights[term.text] = max(weights.get(term.text, 0.0), weight)
    for word, weight in list(weights.items()):
        for synonym in synonyms.of(word):
            if synonym not in weights and _whole(analyzer, synonym):
                weights[synonym] = weight * SYNONYM_WEIGHT
    return weights


def _whole(analyzer: GongkaiAnalyzer, word: str) -> bool:
    return [t.text for t in analyzer.terms(word) if t.main] == [word]


def phrase_words(analyzer: GongkaiAnalyzer, text: str) -> list[list[list[str]]]:
    """What a record holding text verbatim must hold: per word, alternatives of words all required.

    A document may cut the same characters differently ("政府\n信息公开条例"), so a
    long word also counts as found when all the short words tiling it are; the phrase
    itself is checked against the stored text afterwards.
    """
    terms = analyzer.terms(text)
    needs: list[list[list[str]]] = []
    for word in (term for term in terms if term.main):
        inside = _tiling(word, [t for t in terms if not t.main and t.pos == word.pos])
        needs.append([[word.text], inside] if inside else [[word.text]])
    return needs


def _tiling(word: Token, subs: list[Token]) -> list[str]:
    """Non-overlapping sub-words of word, left to right, shortest first."""
    tiles, cursor = [], word.start
    for sub in sorted(subs, key=lambda t: (t.start, t.end)):
        if sub.start >= cursor:
            tiles.append(sub.text)
            cursor = sub.end
    return tiles


def filter_values(filters: SearchFilters | None) -> list[tuple[str, list[str]]]:
    """(ID field, accepted values) for each restricted field."""
    if filters is None:
        return []
    wanted: list[tuple[str, list[str]]] = [
        ("agency", filters.agencies),
        ("year", [str(year) for year in filters.years]),
        ("doc_kind", [kind.value for kind in filters.doc_kinds]),
        ("record", [kind.value for kind in filters.records]),
        ("doc_id", filters.documents),
    ]
    return [(field, list(dict.fromkeys(values))) for field, values in wanted if values]


def filter_query(filters: SearchFilters | None) -> Query | None:
    """Exact restrictions of a search as a whoosh query; None when nothing is restricted."""
    parts: list[Query] = [
        Or([Term(field, value) for value in values]) if len(values) > 1 else Term(field, values[0])
        for field, values in filter_values(filters)
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
