"""Deadlines over real holidays, checked by hand against the official calendar.

Holiday facts used below (chinese_calendar, State Council notices):
- 2025 春节: 1月28日-2月4日 off; 1月26日 (Sunday) and 2月8日 (Saturday) are working days.
- 2025 国庆/中秋: 10月1日-8日 off; 9月28日 (Sunday) and 10月11日 (Saturday) are working days.
- 2025 清明: 4月4日 (Friday) off.
- 2026 春节: 2月15日-23日 off; 2月14日 and 2月28日 (Saturdays) are working days.
- 2026 国庆: 10月1日-7日 off; 9月20日 (Sunday) and 10月10日 (Saturday) are working days.
"""

from datetime import date

import chinese_calendar
import pytest

from bot.assist.deadline import SubmissionChannel, compute_deadlines, explain_deadlines, parse_channel
from bot.assist.workdays import add_workdays, is_workday
from bot.errors import CalendarUnavailable, InvalidField


def test_the_holiday_facts_of_this_module_hold():
    off = [date(2025, 1, 28), date(2025, 2, 4), date(2025, 10, 8), date(2026, 2, 23), date(2026, 10, 7)]
    on = [date(2025, 1, 26), date(2025, 2, 8), date(2025, 9, 28), date(2025, 10, 11), date(2026, 2, 14)]
    on += [date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10)]
    assert not any(is_workday(day) for day in off)
    assert all(is_workday(day) for day in on)


def test_in_person_before_spring_festival_2025():
    # Friday 24 Jan, in person: received that day. Working days after it:
    # 1 Sun 26 Jan (调休), 2 Mon 27, [28 Jan-4 Feb off], 3 Wed 5 Feb, 4 Thu 6, 5 Fri 7,
    # 6 Sat 8 (调休), 7 Mon 10 -> 补正 notice by 10 Feb; 8-11 11-14 Feb, 12-16 17-21 Feb,
    # 17-20 24-27 Feb -> reply by Thu 27 Feb. Extension: 21 Fri 28 Feb, 22-26 3-7 Mar,
    # 27-31 10-14 Mar, 32-36 17-21 Mar, 37-40 24-27 Mar -> Thu 27 Mar.
    result = compute_deadlines(SubmissionChannel.IN_PERSON, date(2025, 1, 24))
    assert result.received.day == date(2025, 1, 24)
    assert result.correction_notice_by.day == date(2025, 2, 10)
    assert result.reply_by.day == date(2025, 2, 27)
    assert result.extended_reply_by.day == date(2025, 3, 27)
    assert not result.estimated


def test_in_person_before_national_day_2025_counts_the_sunday_make_up_day():
    # Friday 26 Sep: 1 Sun 28 Sep (调休), 2 Mon 29, 3 Tue 30, [1-8 Oct off], 4 Thu 9 Oct, 5 Fri 10,
    # 6 Sat 11 (调休), 7-11 13-17 Oct, 12-16 20-24 Oct, 17-20 27-30 Oct -> Thu 30 Oct.
    result = compute_deadlines(SubmissionChannel.IN_PERSON, date(2025, 9, 26))
    assert result.reply_by.day == date(2025, 10, 30)


def test_post_counts_from_the_day_the_agency_signs():
    # Posted Fri 26 Sep, signed Mon 29 Sep: 1 Tue 30, [1-8 Oct off], 2 Thu 9 Oct, 3 Fri 10,
    # 4 Sat 11 (调休), 5-9 13-17 Oct, 10-14 20-24 Oct, 15-19 27-31 Oct, 20 Mon 3 Nov.
    result = compute_deadlines(SubmissionChannel.POST, date(2025, 9, 26), received=date(2025, 9, 29))
    assert result.received.day == date(2025, 9, 29)
    assert "签收" in result.received.rule and "第三十一条第（二）项" in result.received.basis
    assert result.reply_by.day == date(2025, 11, 3)
    assert not result.received_assumed


def test_online_counts_from_the_confirmation_before_spring_festival_2026():
    # Submitted Thu 12 Feb, confirmed Fri 13 Feb: 1 Sat 14 Feb (调休), [15-23 Feb off],
    # 2-5 Tue 24-Fri 27 Feb, 6 Sat 28 Feb (调休), 7 Mon 2 Mar -> 补正 notice by 2 Mar;
    # 8-11 3-6 Mar, 12-16 9-13 Mar, 17-20 16-19 Mar -> reply by Thu 19 Mar.
    result = compute_deadlines(SubmissionChannel.ONLINE, date(2026, 2, 12), received=date(2026, 2, 13))
    assert result.correction_notice_by.day == date(2026, 3, 2)
    assert result.reply_by.day == date(2026, 3, 19)
    assert "双方确认" in result.received.rule


def test_the_same_day_in_person_post_and_online_differ_only_by_receipt():
    submitted = date(2026, 2, 12)
    in_person = compute_deadlines(SubmissionChannel.IN_PERSON, submitted)
    posted = compute_deadlines(SubmissionChannel.POST, submitted, received=date(2026, 2, 24))
    online = compute_deadlines(SubmissionChannel.ONLINE, submitted, received=date(2026, 2, 13))
    # In person Thu 12 Feb: 1 Fri 13, 2 Sat 14 (调休), 3-6 24-27 Feb, 7 Sat 28 ... 20 Wed 18 Mar.
    assert in_person.reply_by.day == date(2026, 3, 18)
    assert online.reply_by.day == date(2026, 3, 19)
    # Signed Tue 24 Feb: 1-3 25-27 Feb, 4 Sat 28, 5-9 2-6 Mar, 10-14 9-13, 15-19 16-20, 20 Mon 23 Mar.
    assert posted.reply_by.day == date(2026, 3, 23)


def test_an_unknown_signing_day_is_flagged_not_hidden():
    result = compute_deadlines(SubmissionChannel.POST, date(2025, 9, 26))
    assert result.received_assumed
    assert "签收的日期" in explain_deadlines(result)


def test_correction_restarts_the_count_from_the_corrected_application():
    # In person Wed 30 Sep 2026; corrected application received Mon 12 Oct:
    # 1-4 13-16 Oct, 5-9 19-23, 10-14 26-30, 15-19 2-6 Nov, 20 Mon 9 Nov.
    plain = compute_deadlines(SubmissionChannel.IN_PERSON, date(2026, 9, 30))
    # Without 补正: 1 Thu 8 Oct, 2 Fri 9, 3 Sat 10 (调休), 4-8 12-16 Oct, ... 20 Tue 3 Nov.
    assert plain.reply_by.day == date(2026, 11, 3)
    corrected = compute_deadlines(
        SubmissionChannel.IN_PERSON, date(2026, 9, 30), corrected=date(2026, 10, 12)
    )
    assert corrected.reply_by.day == date(2026, 11, 9)
    assert corrected.corrected is not None and "第三十条" in corrected.corrected.basis
    # The 补正 notice is still counted from the first receipt.
    assert corrected.correction_notice_by == plain.correction_notice_by
    assert "收到补正的申请之日" in corrected.reply_by.rule


def test_consultation_days_are_not_counted():
    # 27 Feb 2025 is the 20th working day after 24 Jan; 15 more: 21 Fri 28 Feb, 22-26 3-7 Mar,
    # 27-31 10-14 Mar, 32-35 17-20 Mar -> Thu 20 Mar. Extension 20 more: 36 Fri 21 Mar,
    # 37-41 24-28 Mar, 42-45 31 Mar-3 Apr, [Fri 4 Apr 清明], 46-50 7-11 Apr, 51-55 14-18 Apr.
    result = compute_deadlines(SubmissionChannel.IN_PERSON, date(2025, 1, 24), consultation_workdays=15)
    assert result.reply_by.day == date(2025, 3, 20)
    assert result.extended_reply_by.day == date(2025, 4, 18)
    assert "第三款" in result.reply_by.basis


def test_every_date_names_its_article():
    result = compute_deadlines(SubmissionChannel.IN_PERSON, date(2025, 1, 24))
    assert "第三十一条" in result.received.basis
    assert "第三十条" in result.correction_notice_by.basis
    assert "第三十三条" in result.reply_by.basis
    assert "第三十三条" in result.extended_reply_by.basis
    text = explain_deadlines(result)
    assert "2025年2月27日（星期四）" in text and "2025年3月27日（星期四）" in text
    assert "估算" not in text and "<" not in text and "*" not in text


def _last_covered_year() -> int:
    """The last year the installed calendar knows; tests stay true when the library grows."""
    year = 2004
    while is_workday(date(year + 1, 6, 1)) is not None:
        year += 1
    return year


def test_a_year_without_official_calendar_raises_with_a_clear_message():
    last = _last_covered_year()
    with pytest.raises(CalendarUnavailable) as caught:
        compute_deadlines(SubmissionChannel.IN_PERSON, date(last, 12, 15))
    message = caught.value.user_message
    assert caught.value.years == (last + 1,)
    assert f"{last + 1}年的官方节假日安排" in message
    assert "估算" in message


def test_estimates_are_labelled_and_exact_dates_stay_exact():
    last = _last_covered_year()
    result = compute_deadlines(SubmissionChannel.IN_PERSON, date(last, 11, 20), allow_estimates=True)
    assert result.reply_by.day.year == last and not result.reply_by.estimated
    assert result.extended_reply_by.day.year == last + 1 and result.extended_reply_by.estimated
    text = explain_deadlines(result)
    assert text.count("（估算）") == 1
    assert text.startswith("注意：")


def test_uncovered_days_are_counted_monday_to_friday_only():
    last = _last_covered_year()
    count = add_workdays(date(last, 12, 31), 5)
    assert count.estimated and count.uncovered_years == [last + 1]
    assert count.day.weekday() < 5


def test_covered_range_matches_the_library():
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # the library is the one under test here
    assert is_workday(date(2003, 6, 2)) is None  # before the library's first year


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"received": date(2025, 9, 1)}, "received"),
        ({"corrected": date(2025, 9, 1)}, "corrected"),
        ({"consultation_workdays": -1}, "consultation_workdays"),
        ({"consultation_workdays": 1000}, "consultation_workdays"),
    ],
)
def test_impossible_inputs_are_refused(kwargs, field):
    with pytest.raises(InvalidField) as caught:
        compute_deadlines(SubmissionChannel.POST, date(2025, 9, 26), **kwargs)
    assert caught.value.field == field
    assert caught.value.user_message


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("寄的挂号信", SubmissionChannel.POST),
        ("快递", SubmissionChannel.POST),
        ("平信寄的", SubmissionChannel.PLAIN_LETTER),
        ("网上提交", SubmissionChannel.ONLINE),
        ("發的電子郵件", SubmissionChannel.EMAIL),
        ("當面交的", SubmissionChannel.IN_PERSON),
        ("传真", SubmissionChannel.FAX),
    ],
)
def test_channels_are_read_from_citizens_words(text, channel):
    assert parse_channel(text) is channel


def test_an_unknown_channel_lists_the_choices():
    with pytest.raises(InvalidField) as caught:
        parse_channel("飞鸽传书")
    assert "当面提交" in caught.value.user_message and "网上申请" in caught.value.user_message
