"""Documents that disagree on a receiving office, and the rows of an item list."""

from __future__ import annotations

from datetime import date

from bot.corpus.catalogue import extract_catalogue
from bot.corpus.models import Corpus, DocKind
from bot.corpus.raw import RawTable
from tests.corpus.conftest import document

GUIDE = "guides/pingtan_disclosure_guide.txt"
OFFICE_PAGE = "guides/pingtan_application_acceptance_office.txt"


def test_guide_and_office_page_disagree_on_address_and_fax(corpus: Corpus) -> None:
    conflicts = {c.field: c for c in corpus.conflicts if c.agency == "平潭综合实验区管委会办公室"}
    assert set(conflicts) == {"address", "fax"}
    address = {v.document: v.value for v in conflicts["address"].values}
    assert address == {
        GUIDE: "平潭综合实验区金井湾营运中心7号楼14层",
        OFFICE_PAGE: "福建省平潭综合实验区金井湾营运中心管委会大楼7号楼14层1407室",
    }
    fax = {v.document: v.value for v in conflicts["fax"].values}
    assert fax == {GUIDE: "未列出传真", OFFICE_PAGE: "0591-24339101"}
    dates = {v.document: v.published for v in conflicts["fax"].values}
    assert dates == {GUIDE: date(2024, 3, 23), OFFICE_PAGE: date(2023, 11, 16)}


def test_both_contacts_are_kept(corpus: Corpus) -> None:
    guide = [c for c in document(corpus, GUIDE).contacts if c.role == "受理机构"]
    page = [c for c in document(corpus, OFFICE_PAGE).contacts if c.role == "受理机构"]
    assert len(guide) == 1 and len(page) == 1
    assert guide[0].address != page[0].address


def test_item_list_catalogue(corpus: Corpus) -> None:
    listing = document(corpus, "items/pingtan_normative_documents_list.md")
    assert listing.meta.kind is DocKind.ITEM_LIST
    assert len(listing.catalogue) == 50
    first, item_41 = listing.catalogue[0], listing.catalogue[40]
    assert (first.title, first.published) == ("平潭综合实验区管委会关于废止一批文件的决定", date(2026, 7, 27))
    assert (
        item_41.title
        == "平潭综合实验区管委会关于废止《平潭综合实验区城市规划管理技术暂行规定》（2011年版）的通知"
    )
    assert item_41.published == date(2020, 5, 20)
    assert all(doc.catalogue == [] for doc in corpus.documents if doc.meta.kind is not DocKind.ITEM_LIST)


def test_catalogue_from_a_reader_table() -> None:
    table = RawTable(
        number=1,
        rows=[
            ["序号", "索引号", "标题", "发文字号", "成文日期"],
            ["1", "PZ00101-1700-2024-00452", "关于废止某通知的决定", "岚综管规[2024]4号", "2024-05-14"],
            ["2", None, "", None, None],
        ],
    )
    (entry,) = extract_catalogue([table], "")
    assert (entry.index_no, entry.doc_no, entry.published) == (
        "PZ00101-1700-2024-00452",
        "岚综管规〔2024〕4号",
        date(2024, 5, 14),
    )
