"""Properties of bot.privacy.mask_personal, tested with generated personal data and text.

- a generated ID number, mobile, landline or e-mail address, typed in any of the ways
  citizens type them and put into any text, leaves no digit run (or local part) behind;
- masking keeps the length, touches only what it masks, and twice is the same as once;
- text without personal data comes back unchanged: years, 文号, 索引号, counts, codes.
"""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.privacy import MASK, mask_personal
from tests.faults.personal import all_spellings

_FULLWIDTH = {ord(c): ord(c) + 0xFEE0 for c in string.digits + "Xx@"}
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# What citizens put between groups of a number: blanks, dashes, dots, in both widths.
SEPARATORS = st.sampled_from([" ", "-", ".", "－", "．", "\u3000", "—", " - ", "·"])
CHINESE = "我的身份证号码手机电话邮箱是请回复谢谢北京市朝阳区张店政府信息公开申请年件"
# Text around a value: Chinese, Latin letters (ID…, tel…) and punctuation; no digits or @.
AROUND = st.text(alphabet=CHINESE + string.ascii_letters + "，。？！：:、（）() -.+", max_size=12)


def check_digit(first17: str) -> str:
    """The GB 11643 check character of an 18-digit resident ID number."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=n, max_size=n)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = str(draw(st.integers(110000, 659999)))
    if draw(st.booleans()):  # the old 15-digit number: YYMMDD
        born = draw(st.dates(date(1900, 1, 1), date(1999, 12, 31)))
        return region + born.strftime("%y%m%d") + draw(digits(3))
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    first17 = region + born.strftime("%Y%m%d") + draw(digits(3))
    return first17 + check_digit(first17)


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    number = "1" + draw(st.sampled_from("3456789")) + draw(digits(9))
    return draw(st.sampled_from(["", "+86", "86", "0086", "+86 ", "0086-", "+86-"])) + number


@st.composite
def landlines(draw: st.DrawFn) -> str:
    area = draw(
        st.sampled_from(["010", "020", "021", "025", "029"]) | st.from_regex(r"0[3-9]\d\d", fullmatch=True)
    )
    size = 8 if len(area) == 3 else draw(st.sampled_from([7, 8]))
    local = draw(st.sampled_from("23456789")) + draw(digits(size - 1))
    joined = draw(st.sampled_from(["{}-{}", "{}{}", "{} {}", "({}){}", "（{}）{}"])).format(area, local)
    extension = draw(st.sampled_from(["", "转123", "-8", " 分机 4567"]))
    return joined + extension


@st.composite
def emails(draw: st.DrawFn) -> str:
    local = draw(
        st.text(alphabet=string.ascii_letters + string.digits + "._+-", min_size=1, max_size=16)
        | st.text(alphabet="张三李四王五赵六小明", min_size=1, max_size=6)
    )
    labels = draw(st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=2, max_size=3))
    return f"{local}{draw(st.sampled_from(['@', '＠', ' @ ']))}{'.'.join(labels)}"


@st.composite
def typed(draw: st.DrawFn, value: str) -> str:
    """The value as a citizen may type it: digits in groups joined by separators, full-width."""
    if not re.search("[@＠]", value) and draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, len(value) - 1), max_size=3)))
        parts = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]
        if all(any(c.isdigit() for c in part) for part in parts):
            value = "".join(p + (draw(SEPARATORS) if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    if draw(st.booleans()):
        value = value.translate(_FULLWIDTH)
    if value.endswith("X") and draw(st.booleans()):
        value = value[:-1] + "x"
    return value


def needle(value: str) -> re.Pattern[str]:
    """What must not be left: the value's digits with anything but digits between, or the mailbox."""
    if "@" in value or "＠" in value:
        return re.compile(re.escape(re.split(r"\s*[@＠]", value)[0]) + r"\s*[@＠]")
    return re.compile(r"\D{0,3}".join(c for c in value if c.isdigit()))


def halfwidth(text: str) -> str:
    return text.translate({v: k for k, v in _FULLWIDTH.items()})


@settings(max_examples=1000)
@given(st.data(), st.one_of(id_numbers(), mobiles(), landlines(), emails()), AROUND, AROUND)
def test_personal_values_in_any_text_are_masked(
    data: st.DataObject, value: str, before: str, after: str
) -> None:
    text = before + data.draw(typed(value)) + after
    masked = mask_personal(text)
    assert not needle(value).search(halfwidth(masked)), masked


@settings(max_examples=300)
@given(st.lists(st.one_of(id_numbers(), mobiles(), landlines(), emails(), AROUND), max_size=6), st.text())
def test_masking_keeps_length_touches_only_what_it_masks_and_is_idempotent(
    pieces: list[str], noise: str
) -> None:
    text = "".join(pieces) + noise
    masked = mask_personal(text)
    assert len(masked) == len(text)
    assert all(out in (orig, MASK) for orig, out in zip(text, masked, strict=True))
    assert mask_personal(masked) == masked


@given(st.text(alphabet=st.characters(blacklist_characters="@＠", blacklist_categories=("Nd",))))
def test_text_without_digits_or_at_signs_is_unchanged(text: str) -> None:
    assert mask_personal(text) == text


@st.composite
def harmless_numbers(draw: st.DrawFn) -> str:
    """What questions hold that answers need: years, 文号, 索引号, counts, postal codes."""
    year = str(draw(st.integers(1990, 2030)))
    credit_code = draw(digits(17)) + draw(st.sampled_from("ABCDEFGHJKLMNPQRTUWY"))  # 11370303004357457R
    org = draw(st.sampled_from([draw(digits(9)), credit_code]))
    return draw(
        st.sampled_from(
            [
                f"{year}年",
                f"淄张政办发〔{year}〕{draw(st.integers(1, 300))}号",
                f"索引号{org}/{year}-{draw(digits(draw(st.integers(4, 7))))}",
                f"{org}/{year}{draw(digits(2))}-{draw(digits(5))}",
                f"收到申请{draw(st.integers(0, 99_999_999))}件",
                f"{draw(st.integers(0, 99_999_999))}元",
                f"邮编{draw(digits(6))}",
                f"第{draw(st.integers(1, 999))}条",
                f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
            ]
        )
    )


@settings(max_examples=300)
@given(st.lists(st.tuples(harmless_numbers(), st.sampled_from(["，", "的", "？", "和", "。"])), max_size=5))
def test_years_document_numbers_index_numbers_and_counts_survive(pieces: list[tuple[str, str]]) -> None:
    text = "".join(number + word for number, word in pieces)
    assert mask_personal(text) == text


@pytest.mark.parametrize(
    "question",
    [
        "索引号11370322004222241N/2021-5135380的文件是什么？",  # index numbers from the corpus
        "003129766/201901-00336 和 6107280000/2024-001005",
        "014717475N/2023-0040295、620702074/2024-00047、000014349/1996-00074",
        "淄张政办发〔2021〕12号和岚综管综〔2018〕136号还有效吗",
        "2023年收到申请多少件？2021 2022 2023年的变化",
        "2023年财政拨款12345678元，行政复议25件，第三十三条",
        "2024-01-15发布的通知，邮编255000",
    ],
)
def test_what_answers_need_survives(question: str) -> None:
    assert mask_personal(question) == question


@pytest.mark.parametrize("spelling", list(all_spellings()))
@pytest.mark.parametrize("context", ["我的{}，请回复", "ID{}", "{}谢谢", "联系方式：{}。", "tel{}x"])
def test_every_spelling_the_suite_sends_is_masked(spelling: str, context: str) -> None:
    masked = mask_personal(context.format(spelling))
    assert not needle(spelling).search(halfwidth(masked)), masked
