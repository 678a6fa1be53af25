"""Find the agency a citizen names among the names the caller knows.

The registry of agencies is built elsewhere; the drafting conversation takes either
a list of names or a callable that returns candidate names for a query.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from bot.assist.application import ReceivingOffice
from bot.corpus.models import Corpus, Procedure
from bot.text import fold

AgencySource = Sequence[str] | Callable[[str], Sequence[str]]
OfficeLookup = Callable[[str], ReceivingOffice | None]

MIN_SIMILARITY = 0.5


def _key(name: str) -> str:
    return re.sub(r"[\s\W_]+", "", fold(name))


def match_agencies(query: str, names: Sequence[str], limit: int = 5) -> list[str]:
    """Names that match `query`: an exact match alone, else containing, else similar ones."""
    key = _key(query)
    if not key:
        return []
    keyed = [(name, _key(name)) for name in names]
    exact = [name for name, k in keyed if k == key]
    if exact:
        return exact[:1]
    containing = sorted(
        (name for name, k in keyed if key in k or (len(k) >= 2 and k in key)),
        key=lambda name: abs(len(_key(name)) - len(key)),
    )
    if containing:
        return containing[:limit]
    scored = [(difflib.SequenceMatcher(None, key, k).ratio(), name) for name, k in keyed]
    return [name for score, name in sorted(scored, reverse=True) if score >= MIN_SIMILARITY][:limit]


def find_agencies(query: str, source: AgencySource, limit: int = 5) -> list[str]:
    """Candidates for `query` from a list of names or from the caller's own search."""
    if callable(source):
        return list(source(query))[:limit]
    return match_agencies(query, source, limit)


def is_exact(query: str, name: str) -> bool:
    """True when the citizen typed the name itself (ignoring spaces, width and script)."""
    return _key(query) == _key(name)


def office_lookup(corpus: Corpus) -> OfficeLookup:
    """Receiving offices from the corpus: a contact whose role names 受理, with its guide's channels."""

    def lookup(agency: str) -> ReceivingOffice | None:
        for doc in corpus.documents:
            for contact in doc.contacts:
                owner = contact.agency or doc.meta.agency or ""
                if "受理" in (contact.role or "") and is_exact(agency, owner):
                    procedure = doc.procedure or _procedure(corpus, agency)
                    return ReceivingOffice.from_contact(contact, procedure, owner)
        return None

    return lookup


def _procedure(corpus: Corpus, agency: str) -> Procedure | None:
    return next(
        (d.procedure for d in corpus.documents if d.procedure and is_exact(agency, d.meta.agency or "")),
        None,
    )
