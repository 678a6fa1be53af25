"""Contact and procedure cards: how to reach an agency and how to apply to it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.compose import cite_document
from bot.answer.matching.overlap import grams
from bot.answer.models import CONTACT_FIELDS, ContactCard, ProcedureCard
from bot.corpus.models import AgencyRegistry, Conflict, Contact, DocKind, Phone
from index.backend import DocumentSummary

# Roles of a contact, most useful to a citizen with a disclosure question first.
_ROLE_ORDER = ("受理", "咨询", "政府信息公开", "年报", "联系", "主动公开", "查阅")


def contact_cards(
    docs: Sequence[DocumentSummary],
    registry: AgencyRegistry,
    conflicts: Sequence[Conflict],
    wanted: Sequence[str] = (),
    topic: str = "",
) -> list[ContactCard]:
    """Cards of the contacts in these documents, the most useful first; each card one office.

    An office the question names (档案馆, 图书馆, 办公室) comes first; then offices that
    have the asked fields, from guides, receiving applications.
    """
    area_codes = {a.name: a.area_code for a in registry.agencies if a.area_code}
    asked = grams(topic)
    ranked = sorted(
        ((contact, doc) for doc in docs for contact in doc.contacts),
        key=lambda pair: (-_named(asked, pair[0]), *_rank(pair[0], pair[1], wanted)),
    )
    cards: dict[str, ContactCard] = {}
    for contact, doc in ranked:
        agency = contact.agency or doc.meta.agency or ""
        area = area_codes.get(agency) or area_codes.get(doc.meta.agency or "")
        key = contact.office or agency
        card = cards.setdefault(key, ContactCard(agency=agency, office=contact.office))
        _merge(card, contact, area)
        card.sources.append(cite_document(doc, contact.section, contact.evidence))
    out = list(cards.values())
    for card in out:
        card.conflicts = [conflict_sentence(c) for c in conflicts if c.agency in (card.agency, card.office)]
    return out


def has_field(card: ContactCard, field: str) -> bool:
    """Whether a card holds a field (phone, fax, email, address, postcode, hours)."""
    value = {"phone": card.phones, "fax": card.fax}.get(field, getattr(card, field, None))
    return bool(value)


def card_lines(card: ContactCard, fields: Sequence[str] = ()) -> list[str]:
    """The card as lines of text, the asked fields first."""
    return [f"{label}：{value}" for label, value in card.fields(list(fields))]


def procedure_card(doc: DocumentSummary | None, agency: str | None) -> ProcedureCard | None:
    """The procedure card of an agency's guide, if the guide states one."""
    if doc is None or doc.procedure is None or doc.meta.kind is not DocKind.GUIDE:
        return None
    proc = doc.procedure
    return ProcedureCard(
        agency=agency,
        channels=[c.text for c in proc.channels],
        required_content=list(proc.required_content),
        time_limits=list(proc.time_limits),
        fees=proc.fees,
        remedies=proc.remedies,
        sources=[cite_document(doc, proc.section)],
    )


def _named(asked: set[str], contact: Contact) -> int:
    """How many of the question's bigrams the office's name and role hold."""
    return len(asked & grams(f"{contact.office or ''} {contact.role or ''}")) if asked else 0


def _rank(contact: Contact, doc: DocumentSummary, wanted: Sequence[str]) -> tuple[int, int, int, str]:
    missing = sum(1 for f in wanted if not _contact_has(contact, f))
    role = contact.role or contact.office or ""
    role_rank = next((i for i, r in enumerate(_ROLE_ORDER) if r in role), len(_ROLE_ORDER))
    from_guide = 0 if doc.meta.kind is DocKind.GUIDE else 1
    return (missing, from_guide, role_rank, doc.id)


def _contact_has(contact: Contact, field: str) -> bool:
    if field == "phone":
        return any(p.kind != "fax" for p in contact.phones)
    if field == "fax":
        return any(p.kind in ("fax", "phone_fax") for p in contact.phones)
    return bool(getattr(contact, field, None))


def _merge(card: ContactCard, contact: Contact, area: str | None) -> None:
    for phone in contact.phones:
        shown = _dialable(phone, area)
        target = card.fax if phone.kind == "fax" else card.phones
        if shown not in target:
            target.append(shown)
        if phone.kind == "phone_fax" and shown not in card.fax:
            card.fax.append(shown)
    for field in ("address", "postcode", "email", "hours"):
        if not getattr(card, field) and getattr(contact, field):
            setattr(card, field, getattr(contact, field))


def _dialable(phone: Phone, area: str | None) -> str:
    if phone.area_code or len(phone.number) < 7 or phone.kind == "mobile" or not area:
        return phone.display
    return f"{area}-{phone.number}"


def conflict_sentence(conflict: Conflict) -> str:
    """A conflict in words, with the sources and their dates."""
    label = CONTACT_FIELDS.get(conflict.field, conflict.field)
    parts = []
    for v in conflict.values:
        when = f"（{v.published.isoformat()}）" if v.published else ""
        parts.append(f"《{v.title}》{when}为“{v.value}”")
    return f"不同文件所载{label}不一致：" + "；".join(parts) + "。办理前请先电话确认。"
