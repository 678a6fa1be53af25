"""Phone and fax numbers as Chinese documents print them.

    0591-23165385    (0591)23165385    0371—67181271    2270822    13912345678    12345
    电话/传真：0591-24339101（可传真）、0591-23165385   -> a phone_fax and a phone

Works on folded text (half-width brackets and digits), which keeps offsets.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.corpus.models import Contact, Phone, PhoneKind

LabelKind = Literal["phone", "fax", "phone_fax", "hotline"]

_NUMBER = re.compile(
    r"\s*\(?\s*(?:(?P<area>0\d{2,3})\s*\)?\s*[-—–‐－~]?\s*)?"
    r"(?P<number>1[3-9]\d{9}|\d{7,8}|12\d{3}|96\d{3})(?!\d)"
    r"(?:\s*(?:-|转)\s*(?P<ext>\d{1,5})(?!\d))?"
)
_NOTE = re.compile(r"\s*\((?![一二三四五六七八九十]+\))([^()\d]{1,12})\)")  # not a heading "(五)"
_SEPARATOR = re.compile(r"\s*(?:、|,|/|或|及|和|;)\s*")
_SERVICE = re.compile(r"^(?:12\d{3}|96\d{3})$")


def parse_phones(folded: str, pos: int, label: LabelKind) -> tuple[list[Phone], int]:
    """The numbers printed after a label at pos, and where they end (pos when none)."""
    phones: list[Phone] = []
    end = pos
    while match := _NUMBER.match(folded, end):
        end = match.end()
        if folded[end : end + 1] == ")" and "(" in folded[pos : match.start("number")]:
            end += 1  # 热线电话（2270822）
        note = _NOTE.match(folded, end)
        if note:
            end = note.end()
        phones.append(_phone(match, note[1].strip() if note else None, label))
        separator = _SEPARATOR.match(folded, end)
        if not separator or not _NUMBER.match(folded, separator.end()):
            break
        end = separator.end()
    if label == "phone_fax" and len(phones) == 1:
        phones[0] = phones[0].model_copy(update={"kind": "phone_fax"})
    return phones, end


def _phone(match: re.Match[str], note: str | None, label: LabelKind) -> Phone:
    number = match["number"] + (f"-{match['ext']}" if match["ext"] else "")
    kind: PhoneKind = "fax" if label == "fax" else "hotline" if label == "hotline" else "phone"
    if note and "传真" in note:
        kind = "phone_fax"
    if len(match["number"]) == 11:
        kind = "mobile"
    elif _SERVICE.match(match["number"]):
        kind = "hotline"
    return Phone(number=number, area_code=match["area"], kind=kind, note=note)


def needs_area_code(phone: Phone) -> bool:
    """A landline printed without its area code (mobiles and 12345-style lines need none)."""
    return phone.area_code is None and phone.kind != "mobile" and not _SERVICE.match(phone.number)


def with_area_code(contact: Contact, area_code: str | None) -> Contact:
    """A contact whose landlines lacking an area code get one: the contact's own, else area_code."""
    printed = {p.area_code for p in contact.phones if p.area_code}
    code = next(iter(printed)) if len(printed) == 1 else area_code
    if code is None or not any(needs_area_code(p) for p in contact.phones):
        return contact
    phones = [
        p.model_copy(update={"area_code": code, "inferred_area_code": True}) if needs_area_code(p) else p
        for p in contact.phones
    ]
    return contact.model_copy(update={"phones": phones})
