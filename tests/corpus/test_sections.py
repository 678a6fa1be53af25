"""The section tree: numbered headings on their own lines, run into flattened text, and law articles."""

from __future__ import annotations

from bot.corpus.models import Corpus, Section
from bot.corpus.sections import build_sections
from tests.corpus.conftest import document


def numbers(sections: list[Section]) -> list[str]:
    return [s.number for s in sections]


def test_seed_has_eleven_top_sections(corpus: Corpus) -> None:
    seed = document(corpus, "seed/zhangdian_ajj_2017_annual_report.txt")
    preamble, *top = seed.sections
    assert preamble.level == 0 and "本年度报告是根据《中华人民共和国政府信息公开条例》" in preamble.text
    assert numbers(top) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    assert all(s.level == 1 for s in top)
    assert "张店区应急管理局2017年度政府信息" not in preamble.text  # the title is not a section
    five = top[4]
    assert five.heading == "主动公开政府信息情况及公开平台建设情况"
    assert five.text == "截止2017年底，区安监局累计主动公开政府信息26条，全文电子化率达100%。"
    assert numbers(five.children) == ["（一）", "（二）", "（三）"]
    assert [c.heading for c in five.children] == ["公开的内容", "公开的形式", "平台建设情况"]
    legal_office = five.children[1].children[1]
    assert legal_office.path == [
        "五、主动公开政府信息情况及公开平台建设情况",
        "（二）公开的形式",
        "2、区安监局法规科",
    ]
    assert "法规科查询" in legal_office.text


def test_flattened_headings_of_pingtan_2017_are_split(corpus: Corpus) -> None:
    report = document(corpus, "reports/pingtan_2017_annual_report.txt")
    top = [s for s in report.sections if s.level == 1]
    assert [(s.number, s.heading) for s in top[:4]] == [
        ("一", "概述"),
        ("二", "主动公开政府信息情况"),
        ("三", "政府信息依申请公开工作情况"),
        ("四", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
    ]
    overview = top[0]
    assert overview.text.startswith("2017年，在省政府办公厅的关心和指导下")
    organise, focus = overview.children
    assert organise.heading == "加强组织领导,精心部署安排"
    assert [(c.number, c.heading) for c in organise.children] == [
        ("1", "高度重视"),
        ("2", "及时部署"),
        ("3", "拓展载体"),
    ]
    economy = focus.children[0]
    assert economy.heading == "推进经济发展信息公开"
    assert numbers(economy.children) == ["（1）", "（2）", "（3）", "（4）", "（5）"]
    assert economy.children[1].heading == "推进财政资金信息公开"
    assert "其中政府预决算公开19条" in economy.children[1].text
    assert top[2].text == "2017年未收到有关政府信息公开申请。"


def test_law_articles_are_sections(corpus: Corpus) -> None:
    law = document(corpus, "law/prc_ogi_regulations_2019.md")
    article = next(s for s in law.walk_sections() if s.number == "第二十九条")
    assert article.path == ["第四章 依申请公开", "第二十九条"]
    assert article.text.startswith("公民、法人或者其他组织申请获取政府信息的")
    assert "申请人可以口头提出" in article.text
    # The enumeration the article introduces ("应当包括下列内容：") is its text, not sub-sections.
    assert "(一)申请人的姓名或者名称、身份证明、联系方式；" in article.text
    assert article.children == []
    chapters = [s for s in law.sections if s.level == 1]
    assert [s.number for s in chapters] == ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章"]
    assert sum(1 for s in law.walk_sections() if s.number.endswith("条")) == 56


def test_numbers_and_list_items_inside_sentences_do_not_split() -> None:
    body = (
        "一、总体情况全年公开信息1.5万条，统一、规范发布。"
        "依照第二十条第（一）项公开。"
        "申请应当包括下列内容：1.姓名或者名称；2.联系方式；3.所需信息的描述。"
        "二、收费情况不收取费用。"
    )
    tree = build_sections(body)
    assert numbers(tree.sections) == ["一", "二"]
    first = tree.sections[0]
    assert first.children == []
    assert "1.5万条" in first.heading + first.text and "1.姓名或者名称；2.联系方式" in first.text


def test_half_width_and_spaced_markers() -> None:
    body = "\n".join(
        [
            "一、总体情况",
            "(一)主动公开。全年发布信息20条。",
            "1、 网站",
            "发布15条。",
            "(二)依申请公开。未收到申请。",
            "二、存在的问题",
            "无。",
        ]
    )
    tree = build_sections(body)
    assert [(s.number, s.heading) for s in tree.sections] == [("一", "总体情况"), ("二", "存在的问题")]
    first = tree.sections[0]
    assert [(c.number, c.heading, c.text) for c in first.children] == [
        ("(一)", "主动公开", "全年发布信息20条。"),
        ("(二)", "依申请公开", "未收到申请。"),
    ]
    website = first.children[0].children[0]
    assert (website.number, website.heading, website.text, website.level) == ("1", "网站", "发布15条。", 3)


def test_numbered_top_headings_without_chinese_numerals(corpus: Corpus) -> None:
    report = document(corpus, "reports/partial/xixian_zhengyang_subdistrict_2023_annual_report_excerpt.txt")
    top = [s for s in report.sections if s.level]
    assert [(s.number, s.heading) for s in top[:3]] == [
        ("1", "总体情况"),
        ("1", "主动公开"),
        ("2", "依申请公开"),
    ]


def test_a_table_row_repeating_a_heading_number_is_no_section() -> None:
    body = "\n".join(
        [
            "三、收到和处理申请情况",
            "文字。",
            "三、",
            "本 2.其他 30 1 0 0 0 0 31",
            "四、结转下年度继续办理 103 0 0 0 0 0 103",
            "四、行政复议情况",
            "无。",
        ]
    )
    tree = build_sections(body)
    assert [(s.number, s.heading) for s in tree.sections] == [
        ("三", "收到和处理申请情况"),
        ("四", "行政复议情况"),
    ]


def test_an_enumeration_after_a_colon_stays_in_its_paragraph() -> None:
    body = "\n".join(
        [
            "一、申请",
            "申请应当包括下列内容：",
            "（一）姓名；",
            "（二）联系方式。",
            "二、其他",
            "1、主动公开。全年公开信息四十余条。",
        ]
    )
    tree = build_sections(body)
    first, second = tree.sections
    assert "（一）姓名；\n（二）联系方式。" in first.text
    assert first.children == []
    assert [c.heading for c in second.children] == ["主动公开"]  # a run-in heading is still one
