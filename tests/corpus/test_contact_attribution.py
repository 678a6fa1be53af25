"""Every contact belongs to the office its document names, else to the document's agency:
never to a parent or a sibling of either."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.models import Contact, Corpus, Document
from bot.corpus.organs import qualify
from tests.corpus.conftest import Variant, document

TRANSPORT = "reports/pingtan_transport_construction_bureau_2022_annual_report.txt"
POLICE_GUIDE = "guides/pingtan_public_security_bureau_disclosure_guide.txt"
ECONOMY_GUIDE = "guides/pingtan_economic_development_bureau_disclosure_guide.txt"


def allowed_owners(doc: Document, contact: Contact, corpus: Corpus) -> set[str]:
    """The document's agency, and the agency the contact's office names if the registry knows it."""
    registry = corpus.agencies
    owners = {registry.canonical(doc.meta.agency)} if doc.meta.agency else set()
    if contact.office and (named := registry.resolve(qualify(contact.office, doc.meta.agency))):
        owners.add(named.name)
    return owners


def assert_no_contact_crosses_agencies(corpus: Corpus) -> int:
    checked = 0
    for doc in corpus.documents:
        for contact in doc.contacts:
            assert contact.agency in allowed_owners(doc, contact, corpus), (doc.id, contact.office)
            checked += 1
    return checked


def test_no_contact_of_the_bundled_corpus_crosses_agencies(corpus: Corpus) -> None:
    assert assert_no_contact_crosses_agencies(corpus) >= 20


def test_a_department_report_gives_the_department_phone(corpus: Corpus) -> None:
    (contact,) = document(corpus, TRANSPORT).contacts
    assert contact.agency == "平潭综合实验区交通与建设局"
    assert contact.office == "平潭综合实验区交通与建设局办公室"  # "请联系…办公室 (地址：…"
    assert [(p.display, p.kind) for p in contact.phones] == [
        ("0591-23179988", "phone"),
        ("0591-23163420", "fax"),
    ]
    assert contact.role == "年报联系"
    # The report also names the 管委会's portal; none of its numbers is the 管委会's.
    government = {"平潭综合实验区管委会", "平潭综合实验区管委会办公室"}
    for doc in corpus.documents:
        if doc.meta.agency in government:
            assert not {p.display for c in doc.contacts for p in c.phones} & {
                "0591-23179988",
                "0591-23163420",
            }


def test_guides_list_each_office_once_with_its_whole_hours(corpus: Corpus) -> None:
    contacts = document(corpus, ECONOMY_GUIDE).contacts
    assert [(c.office, c.role) for c in contacts] == [
        ("平潭综合实验区经济发展局", "主动公开工作机构"),
        ("区档案馆", "查阅场所"),  # "（区档案馆地址：…"
        ("区图书馆", "查阅场所"),
        ("平潭综合实验区经济发展局办公室", "受理机构"),  # "受理政府信息公开申请的机构…办公室"
    ]
    receiving = contacts[-1]
    assert receiving.hours is not None and receiving.hours.endswith("15:00 - 18:00），节假日、公休日除外")
    assert {c.agency for c in contacts} == {"平潭综合实验区经济发展局"}
    police = document(corpus, POLICE_GUIDE).contacts
    assert next(c for c in police if c.role == "受理机构").office == "平潭综合实验区公安局"


def test_a_department_report_of_another_place(variant: Variant) -> None:
    path = variant(
        TRANSPORT,
        {
            "平潭综合实验区交通与建设局": "漳州市文化和旅游局",
            "平潭综合实验区管委会": "漳州市人民政府",
            "0591-": "0596-",
        },
    )
    corpus = load_corpus(path.parent)
    (doc,) = corpus.documents
    (contact,) = doc.contacts
    assert (doc.meta.agency, contact.agency, contact.office) == ("漳州市文化和旅游局",) * 2 + (
        "漳州市文化和旅游局办公室",
    )
    assert [p.display for p in contact.phones] == ["0596-23179988", "0596-23163420"]
    assert_no_contact_crosses_agencies(corpus)


def test_an_office_named_as_another_agency_is_that_agency(corpus_dir: Path, variant: Variant) -> None:
    """A department's guide that sends applications to the government's office."""
    path = variant(
        POLICE_GUIDE, {"受理申请机构平潭综合实验区公安局": "受理申请机构平潭综合实验区管委会办公室"}
    )
    shutil.copy(corpus_dir / "agencies.toml", path.parent / "agencies.toml")
    shutil.copy(corpus_dir / TRANSPORT, path.parent / "transport.txt")
    corpus = load_corpus(path.parent)
    guide = next(d for d in corpus.documents if d.id == path.name)
    assert guide.meta.agency == "平潭综合实验区公安局"
    by_role = {c.role: c for c in guide.contacts}
    assert by_role["受理机构"].agency == "平潭综合实验区管委会办公室"  # the office it names
    assert by_role["查阅场所"].agency == "平潭综合实验区公安局"  # 区档案馆 is no agency of the registry
    assert_no_contact_crosses_agencies(corpus)


def test_conflicts_stay_within_one_agency(variant: Variant) -> None:
    first = variant(POLICE_GUIDE, {}, name="guide_2021.txt")
    variant(
        POLICE_GUIDE, {"0591-62561036": "0591-62561000", "2021-12-10": "2023-05-06"}, name="guide_2023.txt"
    )
    # Another agency's guide that prints the same e-mail is not the same office.
    variant(
        POLICE_GUIDE,
        {"平潭综合实验区公安局": "福清市公安局", "0591-62561036": "0591-85222110"},
        name="fq.txt",
    )
    corpus = load_corpus(first.parent)
    (conflict,) = corpus.conflicts
    assert (conflict.agency, conflict.field) == ("平潭综合实验区公安局", "phone")
    assert sorted((v.value, v.document, v.published) for v in conflict.values) == [
        ("0591-62561000", "guide_2023.txt", date(2023, 5, 6)),
        ("0591-62561036", "guide_2021.txt", date(2021, 12, 10)),
    ]
