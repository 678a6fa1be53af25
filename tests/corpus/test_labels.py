"""The metadata label table (bot/corpus/labels.toml): every example is read as its field."""

from __future__ import annotations

import pytest

from bot.corpus.formats.clean import meta_pairs
from bot.corpus.header import canonical_label, parse_label_line
from bot.corpus.labels import label_key, labels

EXAMPLES = [(label.key, example) for label in labels() for example in label.examples]


@pytest.mark.parametrize(("key", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_every_example_is_read_as_its_field(key: str, example: str) -> None:
    values = parse_label_line(example)
    assert values is not None and values.get(key), example
    assert "|" not in values[key]
    pairs = meta_pairs(example)  # the web-page and text-file readers
    assert pairs is not None
    ((printed, value),) = pairs.items()
    assert label_key(printed) == key and value == values[key]


def test_printed_labels_map_to_their_keys() -> None:
    assert canonical_label("索 引 号") == "索引号"
    assert canonical_label("生成日期") == canonical_label("发文日期") == "成文日期"
    assert canonical_label("责任部门") == "责任部门"
    assert canonical_label("受理机构") is None  # body text, never a header label


def test_pipe_rows_and_markdown_rows() -> None:
    assert parse_label_line("发布机构:中原区审计局 | 发布日期:2023-01-10 | 索引号:4101-2023-01 |") == {
        "发布机构": "中原区审计局",
        "发布时间": "2023-01-10",
        "索引号": "4101-2023-01",
    }
    assert parse_label_line("| 索引号 | 000014349/2019-00012 | 发文机关 | 国务院办公厅 |") == {
        "索引号": "000014349/2019-00012",
        "发文机关": "国务院办公厅",
    }


def test_a_page_flattened_after_a_label_is_not_a_header_line() -> None:
    line = "当前位置： 首页政务公开 来源： 时间：2023-01-09 19:36 " + "根据《条例》编制本报告。" * 40
    assert parse_label_line(line) is None
    assert meta_pairs(line) is None


def _header(text: str) -> dict[str, str]:
    from bot.corpus.header import read_header
    from bot.corpus.raw import RawDocument

    return read_header(RawDocument(path="x.txt", format="txt", text=text)).fields


def test_labels_alone_on_their_line_as_list_items_and_glued() -> None:
    fields = _header(
        "首页 > 某县人民政府信息公开 > 信息浏览\n"
        "• 索引号:\n0001/2023-01\n• 主题分类:\n• 发文机构:\n某县财政局\n"
        "标题\n某县财政局关于某事的通知发文字号\n某财发〔2023〕5号\n正文第一段，现将有关事项通知如下。"
    )
    assert fields == {
        "索引号": "0001/2023-01",
        "发文机关": "某县财政局",
        "标题": "某县财政局关于某事的通知",
        "发文字号": "某财发〔2023〕5号",
    }


def test_stretched_labels_without_colons() -> None:
    fields = _header(
        "信息公开\n索 引 号 A1/2024-3 发布机构 某镇人民政府\n文  号 公开日期 2024-02-03\n名  称 某镇指南\n"
    )
    assert fields == {
        "索引号": "A1/2024-3",
        "发布机构": "某镇人民政府",
        "发布时间": "2024-02-03",
        "标题": "某镇指南",
    }
