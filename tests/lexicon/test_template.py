"""template.toml: the national template as data, validated and its examples run."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.errors import LexiconError
from bot.lexicon.template import TEMPLATE_FILE, Template, label_key, load_template, read_template
from bot.text import fold

TEMPLATE = load_template()


def test_slot_ids_follow_the_scheme_and_are_unique() -> None:
    ids = list(TEMPLATE.slots)
    assert len(ids) == len(set(ids))
    combos = [
        (name, row.id, column.id)
        for name in TEMPLATE.tables
        for row in TEMPLATE.rows[name]
        for column in {c.id: c for e in row.editions for c in TEMPLATE.row_columns(name, row, e)}.values()
    ]
    assert len(combos) == len(ids)
    # the ids the rest of the product depends on
    for slot in ("applications.new.total", "applications.withheld.third_party.legal",
                 "applications.other.unpaid_fee.other_org", "applications.carried_forward.natural",
                 "proactive.normative.in_force", "proactive.fees.amount", "review.pending",
                 "litigation.direct.upheld", "litigation.after_review.total"):  # fmt: skip
        assert slot in TEMPLATE.slots
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", slot) for slot in ids)
    for slot in TEMPLATE.slots.values():
        assert slot.row_path[-1] in slot.labels and slot.column_path[-1] in slot.column_labels
        assert slot.asked and slot.column_asked and all(e.slot == slot.id for e in slot.examples)
    made = TEMPLATE.slots["proactive.normative.made"]  # 2019 only: the 2019 wording
    assert (made.row_path, made.column_path) == (["第二十条第（一）项", "规范性文件"], ["本年新制作数量"])
    assert len(TEMPLATE.slots["applications.new.total"].examples) >= 3


def test_each_edition_has_the_templates_cells() -> None:
    counts = {(t, e): len(TEMPLATE.slots_in(t, e)) for t in TEMPLATE.tables for e in ("2021", "2019")}
    assert counts[("applications", "2021")] == 25 * 7
    assert counts[("applications", "2019")] == 23 * 7  # （六）其他处理 is one row
    assert counts[("review_litigation", "2021")] == counts[("review_litigation", "2019")] == 15
    assert counts[("proactive", "2021")] == 10
    assert counts[("proactive", "2019")] == 22


def test_slots_shared_by_both_editions_mean_the_same_figure() -> None:
    both = {s.id for s in TEMPLATE.slots.values() if not s.edition_only()}
    assert "proactive.punishment.decisions" in both  # 处理决定数量 = 本年处理决定数量
    assert "proactive.normative.issued" not in both and "proactive.normative.made" not in both
    assert "applications.other.total" not in both and "applications.other.other.total" not in both
    assert "applications.new.natural" in both


def test_every_identity_names_existing_slots_of_its_editions() -> None:
    assert TEMPLATE.identities
    for identity in TEMPLATE.identities:
        for slot in identity.slots():
            assert all(edition in TEMPLATE.slots[slot].editions for edition in identity.editions), identity.id
    applications = TEMPLATE.identities_in("applications", "2021")
    kinds = Counter(identity.id.split("[")[0] for identity in applications)
    assert kinds == {"applications.row_total": 25, "applications.balance": 7, "applications.results": 7}
    results = next(i for i in applications if i.id == "applications.results[total]")
    assert len(results.right) == 21  # every result leaf, no group header
    assert len(TEMPLATE.identities_in("review_litigation", "2021")) == 3


def test_every_label_variant_names_exactly_one_row_or_column() -> None:
    for name in TEMPLATE.tables:
        for kind, lines, find in (
            ("row", TEMPLATE.rows[name], TEMPLATE.find_row),
            ("column", TEMPLATE.columns[name], TEMPLATE.find_column),
        ):
            owners: dict[str, str] = {}
            for line in lines:
                for label in line.labels():
                    assert owners.setdefault(label_key(label), line.id) == line.id, (kind, label)
                    assert find(name, label) is line
                    # the printed variants that need no entry of their own
                    assert find(name, f" {label.replace('（', '(').replace('）', ')')} ") is line


def test_label_matching_ignores_markers_spacing_and_script() -> None:
    withheld = TEMPLATE.row("applications", "withheld.state_secret")
    printed_forms = (
        "1.属于国家秘密",
        "1、属于国家秘密",
        "（1）属于 国家秘密",
        "1．屬於國家秘密",
        "属于国家秘密",
    )
    for printed in printed_forms:
        assert TEMPLATE.find_row("applications", printed) is withheld
    assert TEMPLATE.find_column("proactive", "本年废纸件数").id == "repealed"  # a typo in a real report
    assert TEMPLATE.find_row("proactive", "规范性文件").id == "normative"  # the 2019 wording
    assert TEMPLATE.find_row("applications", "（三）不予公开") is None  # a group header is no row


def _mentions(question: str, words: list[str]) -> bool:
    folded = fold(question)
    return any(fold(word) in folded for word in words)


def test_examples_ask_for_their_slot_in_the_words_of_its_row_and_column() -> None:
    examples = list(TEMPLATE.examples())
    assert len(examples) >= 80
    for _, line, example in examples:
        slot = TEMPLATE.slots[example.slot]
        assert line in (slot.row, slot.column)
        assert _mentions(example.q, slot.asked), (example.q, slot.asked)
        row = TEMPLATE.row(slot.table, slot.row)
        only = any(len(TEMPLATE.row_columns(slot.table, row, e)) == 1 for e in slot.editions)
        if slot.column != "total" and not only:  # a breakdown names its column
            assert _mentions(example.q, slot.column_asked), (example.q, slot.column_asked)


def test_every_row_family_has_examples_and_paraphrases() -> None:
    for name in TEMPLATE.tables:
        for line in [*TEMPLATE.rows[name], *TEMPLATE.columns[name]]:
            assert line.examples and len(line.asked) >= 2, (name, line.id)
    asked = {row.id: row.asked for row in TEMPLATE.rows["applications"]}
    assert {"新收", "收到", "受理", "有多少人申请", "申请量"} <= set(asked["new"])
    assert "上年结转过来" in asked["carried_in"]
    assert {"结转到明年", "下一年继续办"} <= set(asked["carried_forward"])
    columns = {column.id: column.asked for column in TEMPLATE.columns["applications"]}
    assert "律师事务所" in columns["legal"] and "老百姓个人" in columns["natural"]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = TEMPLATE_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "template.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "entry", "reason"),
    [
        ('id = "granted"', 'id = "partial"', "rows[applications.partial]", "duplicate id"),
        ('variants = ["（二）部分公开"]', 'variants = ["（一）予以公开"]', "rows[applications.",
         "also names"),
        ('"applications.{row}.legal"', '"applications.{row}.lawyers"', "identities[applications.row_total",
         "no slot"),
        ('asked = ["部分公开", "区分处理", "公开一部分", "只公开了部分"]', "asked = []",
         "rows[applications.partial].asked", "at least 1"),
        ('slot = "applications.partial.total" }', 'slot = "applications.granted.total" }',
         "rows[applications.partial].examples", "is not a slot of"),
        ('columns = ["decisions"]', 'columns = ["decided"]', "rows[proactive.licensing]", "unknown column"),
        ("[[rows]]", "[[rows]\n", "template.toml", "cannot read"),
    ],
)  # fmt: skip
def test_a_broken_file_names_the_entry(tmp_path: Path, old: str, new: str, entry: str, reason: str) -> None:
    with pytest.raises(LexiconError) as raised:
        read_template(_broken(tmp_path, old, new))
    assert entry in raised.value.entry and reason in raised.value.reason, str(raised.value)


def test_the_shipped_file_reads_the_same_twice() -> None:
    again = read_template(TEMPLATE_FILE)
    assert isinstance(again, Template) and list(again.slots) == list(TEMPLATE.slots)
