"""Find documents that disagree on how to reach an agency's receiving office (受理机构).

Two receiving-office contacts are the same office when they belong to the same agency;
contacts whose agency is unknown are the same office when they share a phone number or
e-mail address. Contacts of two agencies are never compared, even when they share a
number (a department's guide may print its government's hotline): a conflict names one
agency, and every value in it is that agency's. Across documents they disagree on:

- address, postcode, e-mail: both state one and they differ (an address that only adds
  the province to the other is the same address);
- phone: both state phones and no number is common;
- fax: the fax numbers differ, counting a document that lists the office's phones but
  no fax as saying it has none (a citizen would fax a number the other page lacks).

Both values are kept, with their documents and dates, so an answer can cite both.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bot.corpus.models import AgencyRegistry, Conflict, ConflictValue, Contact, Document
from bot.text import fold

RECEIVING = "受理机构"
NO_FAX = "未列出传真"
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,3}省")
_PHONE_KINDS = frozenset({"phone", "phone_fax", "hotline", "mobile"})
_FAX_KINDS = frozenset({"fax", "phone_fax"})

Entry = tuple[Document, Contact]


def find_conflicts(documents: list[Document], registry: AgencyRegistry) -> list[Conflict]:
    """Every field on which documents disagree about the same receiving office."""
    entries = [(doc, c) for doc in documents for c in doc.contacts if c.role == RECEIVING]
    conflicts = []
    for group in _same_office(entries, registry):
        if len({doc.id for doc, _ in group}) > 1:
            conflicts.extend(_disagreements(group, registry))
    return conflicts


def _same_office(entries: list[Entry], registry: AgencyRegistry) -> list[list[Entry]]:
    """Group contacts of one office: same agency, or a shared number or e-mail (union-find)."""
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owners: dict[str, int] = {}
    for i, (_, contact) in enumerate(entries):
        for key in _keys(contact, registry):
            if key in owners:
                parent[root(i)] = root(owners[key])
            else:
                owners[key] = i
    groups: dict[int, list[Entry]] = defaultdict(list)
    for i, entry in enumerate(entries):
        groups[root(i)].append(entry)
    return list(groups.values())


def _keys(contact: Contact, registry: AgencyRegistry) -> set[str]:
    if contact.agency:
        return {f"agency:{registry.canonical(contact.agency)}"}
    return {f"phone:{p.display}" for p in contact.phones} | (
        {f"email:{contact.email}"} if contact.email else set()
    )


def _disagreements(group: list[Entry], registry: AgencyRegistry) -> list[Conflict]:
    first: dict[str, Entry] = {}
    for doc, contact in group:
        first.setdefault(doc.id, (doc, contact))
    per_doc = list(first.values())
    agency = next((registry.canonical(c.agency) for _, c in per_doc if c.agency), per_doc[0][1].office or "")
    conflicts = []
    for name in ("address", "postcode", "email", "phone", "fax"):
        values = [(doc, value) for doc, contact in per_doc if (value := _value(name, contact)) is not None]
        if len(values) > 1 and _disagree(name, [v for _, v in values]):
            conflicts.append(
                Conflict(agency=agency, field=name, values=[_cited(doc, v) for doc, v in values])
            )
    return conflicts


def _value(name: str, contact: Contact) -> str | None:
    """A contact's value of a field as shown to people; None when the contact is silent."""
    if name == "phone":
        phones = sorted({p.display for p in contact.phones if p.kind in _PHONE_KINDS})
        return "、".join(phones) or None
    if name == "fax":
        faxes = sorted({p.display for p in contact.phones if p.kind in _FAX_KINDS})
        return "、".join(faxes) if faxes else NO_FAX if contact.phones else None
    value: str | None = getattr(contact, name)
    return value


def _disagree(name: str, values: list[str]) -> bool:
    if name == "phone":
        sets = [set(v.split("、")) for v in values]
        return any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    if name == "address":
        keys = [_address_key(v) for v in values]
        return any(not (a in b or b in a) for i, a in enumerate(keys) for b in keys[i + 1 :])
    return len({fold(v) for v in values}) > 1


def _address_key(address: str) -> str:
    return _PROVINCE.sub("", re.sub(r"\s+", "", fold(address)))


def _cited(doc: Document, value: str) -> ConflictValue:
    return ConflictValue(value=value, document=doc.id, title=doc.meta.title, published=doc.meta.published)
