"""Find the agency a citizen names, and the office that receives its applications.

The registry of agencies is built elsewhere; the drafting conversation takes either
a list of names or a callable that returns candidate names for a query. Receiving
offices come from any source of documents with contacts and procedures: a loaded
`Corpus` or an opened `KnowledgeBase` (its document summaries).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from bot.assist.application import ReceivingOffice
from bot.corpus.models import AgencyRegistry, Contact, DocKind, DocumentMeta, Procedure
from bot.text import fold

AgencySource = Sequence[str] | Callable[[str], Sequence[str]]
OfficeLookup = Callable[[str], ReceivingOffice | None]

MIN_SIMILARITY = 0.5
# A place's general government and its office, which a place named alone most likely means.
_GOVERNMENT = re.compile(r"(?:人民政府|政府|管委会|管理委员会)(?:办公室|办公厅)?$")
RECEIVING_ROLES = ("受理", "申请")  # a contact whose role names these receives applications


class _Document(Protocol):
    @property
    def meta(self) -> DocumentMeta: ...
    @property
    def contacts(self) -> Sequence[Contact]: ...
    @property
    def procedure(self) -> Procedure | None: ...


class OfficeSource(Protocol):
    """Documents with contacts and procedures, and the agency registry: a Corpus or a KnowledgeBase."""

    @property
    def documents(self) -> Sequence[_Document]: ...
    @property
    def agencies(self) -> AgencyRegistry: ...


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


def registry_search(
    registry: AgencyRegistry, offices: OfficeLookup, limit: int = 5
) -> Callable[[str], list[str]]:
    """An AgencySource over the registry: a known name alone, else matches (those with an office first)."""
    aliases = {name: agency.name for agency in registry.agencies for name in (agency.name, *agency.aliases)}

    def search(query: str) -> list[str]:
        known = registry.resolve(query)
        if known is not None:
            return [known.name]
        found = list(
            dict.fromkeys(aliases[name] for name in match_agencies(query, list(aliases), len(aliases)))
        )
        # Those with a receiving office first; among them the place's government before its departments.
        return sorted(found, key=lambda name: (offices(name) is None, not _GOVERNMENT.search(name)))[:limit]

    return search


def office_lookup(source: OfficeSource) -> OfficeLookup:
    """Receiving offices, read once: a contact whose role names 受理 or 申请, with its guide's channels."""
    registry = source.agencies
    offices = receiving_offices(source)
    return lambda agency: offices.get(_key(registry.canonical(agency)))


def receiving_offices(source: OfficeSource) -> dict[str, ReceivingOffice]:
    """Each agency's receiving office, keyed by the matching form of its canonical name."""
    registry = source.agencies
    contacts: dict[str, tuple[Contact, _Document, str]] = {}
    procedures: dict[str, tuple[bool, Procedure]] = {}  # key -> (from a guide, procedure)
    for doc in source.documents:
        owner = doc.meta.agency or ""
        if doc.procedure and doc.procedure.channels and owner:
            key, guide = _key(registry.canonical(owner)), doc.meta.kind is DocKind.GUIDE
            if key not in procedures or (guide and not procedures[key][0]):
                procedures[key] = (guide, doc.procedure)
        for contact in doc.contacts:
            agency = registry.canonical(contact.agency or owner)
            if agency and _receives(contact):
                current = contacts.get(_key(agency))
                if current is None or _rank(contact, doc) < _rank(*current[:2]):
                    contacts[_key(agency)] = (contact, doc, agency)
    return {
        key: ReceivingOffice.from_contact(contact, _procedure_for(doc, key, procedures), agency)
        for key, (contact, doc, agency) in contacts.items()
    }


def _receives(contact: Contact) -> bool:
    return any(word in (contact.role or "") for word in RECEIVING_ROLES)


def _rank(contact: Contact, doc: _Document) -> tuple[bool, bool, bool]:
    # An office with an address, stated in the guide that also says how to apply, is the one
    # its submission channels name; the first of equal rank wins.
    with_channels = bool(doc.procedure and doc.procedure.channels)
    return (not contact.address, not with_channels, doc.meta.kind is not DocKind.GUIDE)


def _procedure_for(
    doc: _Document, key: str, procedures: dict[str, tuple[bool, Procedure]]
) -> Procedure | None:
    if doc.procedure and doc.procedure.channels:
        return doc.procedure
    return procedures[key][1] if key in procedures else None
