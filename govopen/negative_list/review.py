"""When a negative-list entry is next due for review: pure date arithmetic.

The interval is the setting ``GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL``, a mapping
with exactly one unit:

* ``{"months": 12}`` (the default): calendar months; the 31st of a month plus
  one month is the last day of a shorter month;
* ``{"days": 365}``: calendar days;
* ``{"working_days": 250}``: working days, counted through
  :mod:`govopen.core.calendar` (holidays, 调休 and local adjustments included;
  the start day is not counted).
"""

import calendar as month_calendar
import datetime

from django.core.exceptions import ImproperlyConfigured

from govopen.core import calendar
from govopen.core.conf import get_setting

SETTING = "GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL"
UNITS = ("months", "days", "working_days")


def get_review_interval(value=None):
    """Return ``(unit, n)`` of the review interval, validated.

    ``value`` defaults to the setting; anything malformed raises
    ``ImproperlyConfigured`` naming the setting.
    """
    if value is None:
        value = get_setting(SETTING)
    if not isinstance(value, dict) or len(value) != 1:
        raise ImproperlyConfigured(
            f"{SETTING} must be a dict with one of the keys {', '.join(UNITS)}, "
            f'for example {{"months": 12}}; got {value!r}.'
        )
    ((unit, n),) = value.items()
    if unit not in UNITS:
        raise ImproperlyConfigured(
            f"{SETTING}: unknown unit {unit!r}; use one of {', '.join(UNITS)}."
        )
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ImproperlyConfigured(
            f"{SETTING}: the number of {unit} must be a positive integer; got {n!r}."
        )
    return unit, n


def add_months(start, months):
    """``start`` plus ``months`` calendar months, clamped to the month's end."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, month_calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def next_review_date(base, interval=None, working_calendar=None):
    """The date an entry reviewed (or listed) on ``base`` is next due for review.

    ``interval`` defaults to the setting; ``working_calendar`` (a
    :class:`govopen.core.calendar.WorkingCalendar`) to the site's calendar.
    """
    unit, n = get_review_interval(interval)
    if unit == "months":
        return add_months(base, n)
    if unit == "days":
        return base + datetime.timedelta(days=n)
    if working_calendar is not None:
        return working_calendar.add_working_days(base, n)
    return calendar.add_working_days(base, n)


def review_interval_display(interval=None):
    """The interval in words, for help texts and the report's header."""
    from django.utils.translation import ngettext

    unit, n = get_review_interval(interval)
    if unit == "months":
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
    if unit == "days":
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
    return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
