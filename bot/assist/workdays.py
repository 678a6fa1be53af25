"""Working days from the official calendar (法定节假日 and 调休 make-up days).

`chinese_calendar` knows the State Council's holiday schedule for a fixed range of
years. Outside it a date is counted as a working day when it is Monday to Friday,
and the count is marked as estimated: holidays of that year are not known yet, so
such a date must never be shown as exact.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from pydantic import BaseModel, Field


class WorkdayCount(BaseModel):
    """The day reached by counting working days, and whether the count is exact."""

    day: date
    uncovered_years: list[int] = Field(default_factory=list)  # years counted Monday-Friday

    @property
    def estimated(self) -> bool:
        """True when some day of the count had no official calendar."""
        return bool(self.uncovered_years)


def is_workday(day: date) -> bool | None:
    """True or False from the official calendar; None when the year is not covered."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def add_workdays(start: date, count: int) -> WorkdayCount:
    """The `count`-th working day after `start` (start itself is not counted)."""
    day, counted, uncovered = start, 0, set[int]()
    while counted < count:
        day += timedelta(days=1)
        official = is_workday(day)
        if official is None:
            uncovered.add(day.year)
            official = day.weekday() < 5
        counted += official
    return WorkdayCount(day=day, uncovered_years=sorted(uncovered))
