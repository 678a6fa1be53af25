"""Fixtures for the application helper: a fixed today and the 平潭 receiving office."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.assist.application import ReceivingOffice
from bot.corpus.models import Channel, Contact, Phone, Procedure
from bot.text import to_halfwidth

TODAY = date(2026, 11, 27)  # a Friday; passed in, never read from the clock


@pytest.fixture
def today() -> date:
    """The session's today, as every assist function takes it."""
    return TODAY


@pytest.fixture(scope="session")
def pingtan_office(corpus_dir: Path) -> ReceivingOffice:
    """The 平潭 receiving office as its guide states it; every value is checked against the guide."""
    guide = to_halfwidth((corpus_dir / "guides" / "pingtan_disclosure_guide.txt").read_text(encoding="utf-8"))
    contact = Contact(
        agency="平潭综合实验区管委会",
        office="平潭综合实验区管委会政府信息公开领导小组办公室",
        role="受理机构",
        phones=[Phone(number="23165385", area_code="0591")],
        address="平潭综合实验区金井湾营运中心7号楼14层",
        postcode="350400",
        email="pzxxgkb@163.com",
        evidence="受理机构：平潭综合实验区管委会政府信息公开领导小组办公室",
    )
    procedure = Procedure(
        channels=[
            Channel(
                kind="online",
                text="申请人可登录“平潭综合实验区党工委管委会”政府门户网站直接填写并递交电子版"
                "《平潭综合实验区政府信息公开申请表》",
            ),
            Channel(kind="written", text="填写后附身份证明邮寄"),
            Channel(kind="oral", text="采用书面形式申请确有困难的申请人可以口头提出"),
        ]
    )
    for value in (contact.office, contact.address, contact.postcode, contact.email, "0591-23165385"):
        assert value and value in guide, value
    for channel in procedure.channels:
        assert channel.text in guide, channel.text
    return ReceivingOffice.from_contact(contact, procedure)
