"""The information-processing fee (信息处理费) of 国办函〔2020〕109号, estimated.

Disclosure on application is free (条例 art. 42); an agency *may* charge only when
the number or frequency of applications clearly exceeds a reasonable range. The
《政府信息公开信息处理费管理办法》 sets two progressive scales, and an agency picks one
of them for each application, never both (办法 art. 3):

    按件 (art. 4): applications by one applicant in one calendar month
        1-10 free · 11-30 100 元/件 · 31-40 200 · 41-50 300 · ... (+100 every 10)
    按量 (art. 5): pages of one application (paper, e-mail or electronic copies)
        1-30 free · 31-100 10 元/页 · 101-200 20 元/页 · 201 and above 40 元/页
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from bot.errors import InvalidField

MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
MAX_QUANTITY = 1_000_000  # a typing slip, not an application


class FeeMethod(StrEnum):
    """The two scales; the agency applies one of them to an application."""

    PER_APPLICATION = "按件计收"
    PER_PAGE = "按量计收"


class FeeTier(BaseModel):
    """One band of a progressive scale and what falls into it."""

    first: int  # first application or page of the band
    last: int | None  # None: open-ended
    rate: int  # 元 per application or page; 0 for the free band
    units: int  # applications or pages that fall into the band
    amount: int  # units * rate

    def band(self, unit: str) -> str:
        """The band as printed: 第11-30件, 第201页以上."""
        return f"第{self.first}-{self.last}{unit}" if self.last is not None else f"第{self.first}{unit}以上"


class FeeEstimate(BaseModel):
    """A fee worked out on one scale, band by band."""

    method: FeeMethod
    quantity: int  # applications in the month, or pages of the application
    previous: int = 0  # applications already made this month before these (按件 only)
    tiers: list[FeeTier] = Field(default_factory=list)  # bands with units in them
    total: int  # 元

    @property
    def due(self) -> bool:
        """True when the scale gives a fee above zero."""
        return self.total > 0

    @property
    def unit(self) -> str:
        """件 or 页."""
        return "件" if self.method is FeeMethod.PER_APPLICATION else "页"


def per_application_bands(upto: int) -> list[tuple[int, int | None, int]]:
    """(first, last, rate) bands of 按件计收 far enough to cover `upto` applications."""
    bands: list[tuple[int, int | None, int]] = [(1, 10, 0), (11, 30, 100)]
    first, rate = 31, 200
    while first <= max(upto, 31):
        bands.append((first, first + 9, rate))
        first, rate = first + 10, rate + 100
    return bands


PER_PAGE_BANDS: list[tuple[int, int | None, int]] = [
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
]


def estimate_by_applications(count: int, previous: int = 0) -> FeeEstimate:
    """The 按件 fee for `count` applications after `previous` ones in the same calendar month."""
    _check(count, "count", "申请件数")
    _check(previous, "previous", "本月已申请的件数", allow_zero=True)
    bands = per_application_bands(previous + count)
    tiers = _progressive(bands, previous + 1, previous + count)
    return FeeEstimate(
        method=FeeMethod.PER_APPLICATION,
        quantity=count,
        previous=previous,
        tiers=tiers,
        total=sum(t.amount for t in tiers),
    )


def estimate_by_pages(pages: int) -> FeeEstimate:
    """The 按量 fee for one application of `pages` pages."""
    _check(pages, "pages", "页数")
    tiers = _progressive(PER_PAGE_BANDS, 1, pages)
    return FeeEstimate(
        method=FeeMethod.PER_PAGE, quantity=pages, tiers=tiers, total=sum(t.amount for t in tiers)
    )


def explain_free_by_default() -> str:
    """Why applying normally costs nothing, and when a fee may arise."""
    return (
        "依申请公开政府信息，原则上不收取任何费用（《政府信息公开条例》第四十二条第一款）。"
        "只有申请公开政府信息的数量、频次明显超过合理范围时，行政机关才可以收取信息处理费，"
        f"具体按{MEASURES}计算：按件计收或按量计收，行政机关对一件申请只能选其中一种标准，不得重复计算。"
    )


def explain_fee(estimate: FeeEstimate) -> str:
    """The estimate band by band in plain Simplified Chinese."""
    lines = [_headline(estimate)]
    for tier in estimate.tiers:
        price = (
            "不收费"
            if tier.rate == 0
            else f"{tier.rate}元/{estimate.unit} × {tier.units}{estimate.unit} = {tier.amount}元"
        )
        lines.append(f"· {tier.band(estimate.unit)}：{tier.units}{estimate.unit}，{price}")
    lines.append(f"合计：{estimate.total}元。" if estimate.due else "合计：0元，不需要缴纳信息处理费。")
    lines += _caveats(estimate)
    return "\n".join(lines)


def _progressive(bands: list[tuple[int, int | None, int]], first: int, last: int) -> list[FeeTier]:
    tiers = []
    for low, high, rate in bands:
        lo, hi = max(low, first), last if high is None else min(high, last)
        if lo <= hi:
            units = hi - lo + 1
            tiers.append(FeeTier(first=low, last=high, rate=rate, units=units, amount=units * rate))
    return tiers


def _check(value: int, field: str, name: str, *, allow_zero: bool = False) -> None:
    low = 0 if allow_zero else 1
    if not low <= value <= MAX_QUANTITY:
        raise InvalidField(field, f"{name}应当是{low}到{MAX_QUANTITY}之间的整数。")


def _headline(estimate: FeeEstimate) -> str:
    if estimate.method is FeeMethod.PER_PAGE:
        return f"按量计收估算：一件申请共{estimate.quantity}页，30页以内（含30页）不收费，超出部分分段累进："
    already = f"本月此前已申请{estimate.previous}件，" if estimate.previous else ""
    return (
        f"按件计收估算：{already}本次{estimate.quantity}件"
        f"（同一申请人一个自然月内累计10件以内（含10件）不收费，超出部分分段累进）："
    )


def _caveats(estimate: FeeEstimate) -> list[str]:
    lines = [
        "说明：",
        "· 这只是按标准算出的上限估算。是否收费由行政机关决定，只有申请数量、频次明显超过合理范围时才可以收取"
        "（《政府信息公开条例》第四十二条）。",
        "· 按件计收和按量计收只能二选一，同一件申请不会按两种标准重复收费。",
    ]
    if estimate.method is FeeMethod.PER_APPLICATION:
        lines.append("· 一份申请包含多项内容的，行政机关可以按“一事一申请”原则拆分计算件数。")
    else:
        lines.append("· 按量计收适用于以纸质件、电子邮件、复制电子数据等方式获取信息的情形。")
    if estimate.due:
        lines.append("· 如果收到收费通知，应在收到通知的次日起20个工作日内缴纳，逾期未缴纳的视为放弃申请。")
    return lines
