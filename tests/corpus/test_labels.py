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
