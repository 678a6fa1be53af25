"""Contacts read from guides and from reports' contact paragraphs."""

from __future__ import annotations

from bot.corpus import load_document
from bot.corpus.models import Contact, Corpus
from bot.corpus.phones import parse_phones
from bot.text import fold
from tests.corpus.conftest import CopyCorpus, document

GUIDE = "guides/pingtan_disclosure_guide.txt"
OFFICE_PAGE = "guides/pingtan_application_acceptance_office.txt"
SEED = "seed/zhangdian_ajj_2017_annual_report.txt"


def receiving(contacts: list[Contact]) -> Contact:
    return next(c for c in contacts if c.role == "受理机构")


def test_seed_hotline_gets_the_area_code_of_its_agency(corpus: Corpus) -> None:
    (hotline,) = document(corpus, SEED).contacts
    (phone,) = hotline.phones
    assert phone.display == "0533-2270822"
    assert phone.kind == "hotline" and phone.inferred_area_code
    assert hotline.agency == "张店区应急管理局"
    assert hotline.section == ["三、发布解读、回应社会关切以及互动交流情况"]
    assert "热线电话（2270822）" in hotline.evidence


def test_area_code_from_the_registry_when_loading_one_document(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED, agencies=True)
    (hotline,) = load_document(root / SEED, root).contacts
    assert [p.display for p in hotline.phones] == ["0533-2270822"]


def test_pingtan_guide_receiving_office(corpus: Corpus) -> None:
    office = receiving(document(corpus, GUIDE).contacts)
    assert office.office == "平潭综合实验区管委会政府信息公开领导小组办公室"
    assert [p.display for p in office.phones] == ["0591-23165385"]
    assert office.email == "pzxxgkb@163.com"  # printed with a full-width ＠
    assert office.address == "平潭综合实验区金井湾营运中心7号楼14层"
    assert office.postcode == "350400"
    assert office.hours is not None
    assert office.hours.startswith("周一至周五（法定节假日除外），上午8:00至12:00，下午3:00至6:00（夏令时）")
    assert office.section[-2:] == ["（一）受理政府信息公开申请机构", office.section[-1]]


def test_pingtan_guide_lists_each_office_apart(corpus: Corpus) -> None:
    contacts = document(corpus, GUIDE).contacts
    by_office = {c.office: c for c in contacts}
    assert by_office["平潭综合实验区管委会办公室"].role == "主动公开工作机构"
    assert [p.display for p in by_office["区档案馆"].phones] == ["0591-24337112"]
    assert [p.display for p in by_office["区图书馆"].phones] == ["0591-24393912"]
    assert by_office["区图书馆"].address == "平潭综合实验区政府路17号"


def test_phone_that_takes_faxes_and_a_plain_phone(corpus: Corpus) -> None:
    office = receiving(document(corpus, OFFICE_PAGE).contacts)
    assert [(p.display, p.kind, p.note) for p in office.phones] == [
        ("0591-24339101", "phone_fax", "可传真"),
        ("0591-23165385", "phone", None),
    ]
    assert office.office == "平潭综合实验区管委会办公室"
    assert office.hours == "正常上班时间，法定节假日除外"
    assert office.address == "福建省平潭综合实验区金井湾营运中心管委会大楼7号楼14层1407室"


def test_report_contact_paragraph_of_a_pdf(corpus: Corpus) -> None:
    (contact,) = document(corpus, "reports/huaian_2024_annual_report.pdf").contacts
    assert contact.office == "淮安市人民政府办公室"
    assert contact.role == "年报联系"
    assert [p.display for p in contact.phones] == ["0517-83605210"]
    assert (contact.postcode, contact.email) == (
        "223001",
        "hazwgkc@163.com",
    )  # "电\n子邮箱" across a line break


def test_report_contacts_of_excerpts(corpus: Corpus) -> None:
    (nanping,) = document(corpus, "reports/partial/nanping_municipal_2012_annual_report_excerpt.txt").contacts
    assert [(p.display, p.kind) for p in nanping.phones] == [
        ("0599-8830330", "phone"),
        ("0599-8891101", "fax"),
    ]
    assert nanping.office == "南平市政府信息公开工作领导小组办公室"
    (daoli,) = document(
        corpus, "reports/partial/harbin_daoli_jingwei_subdistrict_2022_annual_report_excerpt.txt"
    ).contacts
    assert (daoli.office, daoli.postcode) == ("哈尔滨市道里区经纬街道办事处", "150016")
    (jinan,) = document(
        corpus, "reports/partial/fuzhou_jinan_district_2016_annual_report_excerpt.txt"
    ).contacts
    assert jinan.address is None  # "门户网站地址:http://…" is a web address
    assert [p.display for p in jinan.phones] == ["0591-83926179"]


def test_em_dash_area_code(corpus: Corpus) -> None:
    contacts = document(corpus, "guides/zhengzhou_disclosure_guide_excerpt.txt").contacts
    archive = next(c for c in contacts if c.office == "郑州市档案馆")
    assert [p.display for p in archive.phones] == ["0371-67181271"]
    assert archive.role == "查阅场所"


def test_phone_forms() -> None:
    text = fold("电话：(0591)23165385或13912345678，12345。")
    phones, _ = parse_phones(text, 3, "phone")
    assert [(p.display, p.kind) for p in phones] == [
        ("0591-23165385", "phone"),
        ("13912345678", "mobile"),
        ("12345", "hotline"),
    ]
