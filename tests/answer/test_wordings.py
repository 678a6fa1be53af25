"""Every template slot and every contact field, asked five ways, reaches the same fact.

The wordings are made from the lexicon's own words for the row and column (template.toml)
or the field (questions.toml), each asked in plain words, in 繁體, with full-width
digits, colloquially (一共 … 了), and with a short agency name; the facts come from the
real 淮安 2024 report (every cell verified) and the real 平潭公安局 guide.
"""

from __future__ import annotations

import pytest
from opencc import OpenCC

from bot.lexicon.questions import question_lexicon
from bot.lexicon.template import Slot, load_template

from .conftest import Ask, lead

TEMPLATE = load_template()
SLOTS = [s for table in TEMPLATE.tables for s in TEMPLATE.slots_in(table, "2021")]
TRADITIONAL = OpenCC("s2t")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def slot_wordings(slot: Slot) -> list[str]:
    """Five ways to ask for one cell of 淮安's 2024 report."""
    row, column = TEMPLATE.row(slot.table, slot.row), TEMPLATE.column(slot.table, slot.column)
    first, other = row.asked[0], row.asked[1] if len(row.asked) > 1 else row.asked[0]
    named = "" if column.id == "total" else column.asked[0]
    named2 = "" if column.id == "total" else column.asked[min(1, len(column.asked) - 1)]
    plain = f"淮安2024年{first}{named}有多少件？"
    return [
        plain,
        TRADITIONAL.convert(plain),
        f"淮安2024年{first}{named}是多少".translate(FULL_WIDTH),
        f"淮安市2024年一共{other}了多少件{named2}",
        f"淮安市政府2024年{named2}{other}的数量",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("slot", SLOTS, ids=[s.id for s in SLOTS])
def test_every_slot_asked_five_ways_gives_its_cell(ask: Ask, slot: Slot):
    for question in slot_wordings(slot):
        reply = ask(question)
        assert reply.figures, question
        assert reply.figures[0].slot == slot.id and reply.figures[0].verified, (question, reply.figures[0])


# Each contact field of the 平潭公安局 guide: the value its card must state, and five
# ways to ask for it (colloquial, 繁體, short name, full name, with particles).
FIELDS = {
    "phone": (
        "0591-62561036",
        [
            "平潭公安局的电话是多少",
            "平潭公安局信息公开打哪个电话",
            "平潭公安的聯繫電話",
            "区公安局咨询热线多少",
            "我想问一下平潭综合实验区公安局怎么联系啊",
        ],
    ),
    "email": (
        "pingtangongan110@163.com",
        [
            "平潭公安局的邮箱是多少",
            "平潭公安局電子郵箱",
            "区公安局email",
            "想给平潭公安局发邮件，邮件地址是啥",
            "平潭综合实验区公安局的电子信箱呢",
        ],
    ),
    "address": (
        "天山北路1号",
        [
            "平潭公安局地址在哪",
            "平潭公安局在哪裡",
            "区公安局办公地点",
            "平潭综合实验区公安局受理申请的地方在哪条路",
            "去平潭公安局递申请要去哪里啊",
        ],
    ),
    "postcode": (
        "350400",
        [
            "平潭公安局邮编",
            "平潭公安局郵政編碼是多少",
            "区公安局的邮编多少",
            "寄信给平潭公安局邮政编码写什么",
            "平潭综合实验区公安局邮编是啥呀",
        ],
    ),
    "hours": (
        "8：00-12：00",
        [
            "平潭公安局几点上班",
            "平潭公安局受理時間",
            "区公安局办公时间是什么时候",
            "平潭综合实验区公安局周末受理吗",
            "想去平潭公安局，上午几点开门呀",
        ],
    ),
}


@pytest.mark.parametrize("field", list(FIELDS))
def test_every_contact_field_asked_five_ways_gives_its_value(ask: Ask, field: str):
    value, wordings = FIELDS[field]
    assert field in question_lexicon().contact_fields
    for question in wordings:
        reply = ask(question)
        assert reply.found and value in lead(reply), (question, reply.answer)
