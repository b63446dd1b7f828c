"""The working-day calendar (工作日) that every statutory deadline is counted in.

A day is a working day when the State Council's holiday schedule says so
(Monday to Friday, minus public holidays, plus the weekend days worked in
exchange, 调休), unless the site has entered a local adjustment for that date
(:class:`govopen.core.models.CalendarAdjustment`), which always wins.

The official schedules come from the ``chinesecalendar`` package. For a year it
does not know yet (it raises ``NotImplementedError``) and for which the site has
entered no adjustment, the calendar never fails: it falls back to Monday to
Friday minus the statutory holidays whose dates are known in advance, and marks
every result that depends on that year as *provisional*.

Periods are counted as Chinese law counts them: the day of the event is not
counted, the period starts on the next day, so ``add_working_days(start, 1)`` is
the first working day after ``start``.

All arithmetic is done on :class:`CalendarYear` objects: one per year, built
once from the official data and that year's adjustments, then kept in memory.
The adjustments are read from the database once per year and shared through
Django's cache; saving or deleting an adjustment drops them everywhere (see
:func:`invalidate`). docs/calendar.md explains all of this for integrators.
"""

import datetime
import functools
import time
import uuid
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import chinese_calendar
from chinese_calendar.solar_terms import SolarTerms
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CalendarYear",
    "Deadline",
    "SpecialDay",
    "WorkingCalendar",
    "YearSource",
    "add_working_days",
    "due_date",
    "get_calendar",
    "get_year",
    "invalidate",
    "is_provisional",
    "is_provisional_between",
    "is_working_day",
    "non_working_days",
    "remaining_working_days",
    "working_days_between",
    "years_needing_schedule",
]

CACHE_VERSION_KEY = "govopen:calendar:version"
CACHE_KEY_TEMPLATE = "govopen:calendar:{version}:{year}"
# How long a year's adjustments are kept, in the shared cache and in each
# process, before they are read again. A change is seen at once wherever the
# cache is shared (Redis); with a per-process cache (LocMemCache) and several
# worker processes, this bounds how long the other workers can miss it.
CACHE_TIMEOUT = 5 * 60

# How far ahead administrators are warned about a year without a schedule.
WARNING_HORIZON_WORKING_DAYS = 60


class YearSource(models.TextChoices):
    """Where a year's working days come from."""

    OFFICIAL = "official", _("official schedule")
    OFFICIAL_ADJUSTED = "official+local", _("official schedule with local adjustments")
    LOCAL = "local", _("local adjustments")
    FALLBACK = "fallback", _("provisional")


# chinese_calendar's holiday names, as people read them.
HOLIDAY_NAMES = {
    chinese_calendar.Holiday.new_years_day.value: _("New Year's Day"),
    chinese_calendar.Holiday.spring_festival.value: _("Spring Festival"),
    chinese_calendar.Holiday.tomb_sweeping_day.value: _("Qingming Festival"),
    chinese_calendar.Holiday.labour_day.value: _("Labour Day"),
    chinese_calendar.Holiday.dragon_boat_festival.value: _("Dragon Boat Festival"),
    chinese_calendar.Holiday.national_day.value: _("National Day"),
    chinese_calendar.Holiday.mid_autumn_festival.value: _("Mid-Autumn Festival"),
    chinese_calendar.Holiday.anti_fascist_70th_day.value: _("Victory Day (2015)"),
}

# 《全国年节及纪念日放假办法》 (2024 revision, in force since 2025-01-01), Art. 2:
# the holidays whose dates are fixed in the Gregorian calendar. Qingming is the
# day of the solar term 清明, which is astronomical and so also known in
# advance. Spring Festival, Dragon Boat and Mid-Autumn follow the lunar
# calendar, and the weekend days worked in exchange (调休) are only known from
# the State Council's yearly notice: neither is in the fallback.
FIXED_HOLIDAYS = (
    (1, 1, chinese_calendar.Holiday.new_years_day.value),
    (5, 1, chinese_calendar.Holiday.labour_day.value),
    (5, 2, chinese_calendar.Holiday.labour_day.value),
    (10, 1, chinese_calendar.Holiday.national_day.value),
    (10, 2, chinese_calendar.Holiday.national_day.value),
    (10, 3, chinese_calendar.Holiday.national_day.value),
)
SOLAR_TERM_YEARS = range(1900, 2101)  # what chinese_calendar computes solar terms for

_ONE_DAY = datetime.timedelta(days=1)


def holiday_name(name):
    """Return the display name of a chinese_calendar holiday name (or a note)."""
    return HOLIDAY_NAMES.get(name, name)


class SpecialDay(NamedTuple):
    """A day that differs from "Monday to Friday work, weekends rest", or is named."""

    date: datetime.date
    is_working_day: bool
    name: str
    local: bool  # True when a local adjustment decided it

    @property
    def display_name(self):
        return holiday_name(self.name)


class Deadline(NamedTuple):
    """A due date, and whether it was computed with fallback data."""

    date: datetime.date
    provisional: bool


@dataclass(frozen=True)
class CalendarYear:
    """The working days of one year, ready for arithmetic.

    ``working`` holds the ordinals of the year's working days in order, so that
    counting and stepping are binary searches, not walks over days.
    """

    year: int
    source: YearSource
    working: tuple[int, ...]
    special_days: Mapping[datetime.date, SpecialDay] = field(default_factory=dict)

    @property
    def official(self):
        return self.source in (YearSource.OFFICIAL, YearSource.OFFICIAL_ADJUSTED)

    @property
    def adjusted(self):
        return self.source in (YearSource.OFFICIAL_ADJUSTED, YearSource.LOCAL)

    @property
    def provisional(self):
        """True when neither official data nor adjustments exist for the year."""
        return self.source == YearSource.FALLBACK

    def is_working_day(self, day):
        index = bisect_right(self.working, day.toordinal())
        return index > 0 and self.working[index - 1] == day.toordinal()

    def working_days(self):
        return [datetime.date.fromordinal(o) for o in self.working]

    def non_working_days(self):
        """Every non-working day of the year, ordinary weekends included."""
        working = set(self.working)
        first = datetime.date(self.year, 1, 1).toordinal()
        last = datetime.date(self.year, 12, 31).toordinal()
        return [
            datetime.date.fromordinal(o)
            for o in range(first, last + 1)
            if o not in working
        ]

    def holidays(self):
        """Named or adjusted non-working days (weekend days inside a break too)."""
        return sorted(
            (d for d in self.special_days.values() if not d.is_working_day),
            key=lambda d: d.date,
        )

    def working_weekends(self):
        """Saturdays and Sundays that are working days (调休)."""
        return sorted(
            (
                d
                for d in self.special_days.values()
                if d.is_working_day and d.date.weekday() >= 5
            ),
            key=lambda d: d.date,
        )

    def adjusted_working_weekdays(self):
        """Weekdays that are working days only because an adjustment says so."""
        return sorted(
            (
                d
                for d in self.special_days.values()
                if d.is_working_day and d.local and d.date.weekday() < 5
            ),
            key=lambda d: d.date,
        )


@functools.lru_cache(maxsize=256)
def _official_data(year):
    """Return ``(holidays, workdays)`` of ``year`` from chinese_calendar, or None."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return None
    holidays = {d: n for d, n in chinese_calendar.holidays.items() if d.year == year}
    workdays = {d: n for d, n in chinese_calendar.workdays.items() if d.year == year}
    return holidays, workdays


@functools.lru_cache(maxsize=256)
def _fallback_holidays(year):
    holidays = {datetime.date(year, m, d): name for m, d, name in FIXED_HOLIDAYS}
    if year in SOLAR_TERM_YEARS:
        qingming = SolarTerms.pure_brightness.value[1]
        for day, term in chinese_calendar.get_solar_terms(
            datetime.date(year, 4, 1), datetime.date(year, 4, 30)
        ):
            if term == qingming:
                holidays[day] = chinese_calendar.Holiday.tomb_sweeping_day.value
    return holidays


def build_year(year, adjustments=()):
    """Build the :class:`CalendarYear` of ``year``; a pure function.

    ``adjustments`` is an iterable of ``(date, is_working_day, note)`` for dates
    of that year (others are ignored); they override official and fallback data.
    """
    official = _official_data(year)
    if official is not None:
        holidays, workdays = official
    else:
        holidays, workdays = _fallback_holidays(year), {}
    local = {
        day: (bool(working), note or "")
        for day, working, note in adjustments
        if day.year == year
    }
    if official is not None:
        source = YearSource.OFFICIAL_ADJUSTED if local else YearSource.OFFICIAL
    else:
        source = YearSource.LOCAL if local else YearSource.FALLBACK

    working = []
    special = {}
    day = datetime.date(year, 1, 1)
    while day.year == year:
        weekend = day.weekday() >= 5
        if day in local:
            is_working, note = local[day]
            special[day] = SpecialDay(day, is_working, note, True)
        elif day in workdays:
            is_working = True
            special[day] = SpecialDay(day, True, workdays[day], False)
        elif day in holidays:
            is_working = False
            special[day] = SpecialDay(day, False, holidays[day], False)
        else:
            is_working = not weekend
        if is_working:
            working.append(day.toordinal())
        day += _ONE_DAY
    return CalendarYear(year, source, tuple(working), special)


def _as_date(value):
    """Accept a date, or a datetime read in the site's time zone."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _adjustments_loader(adjustments):
    """Turn what :class:`WorkingCalendar` accepts into ``year -> rows``."""
    if adjustments is None:
        return lambda year: ()
    if callable(adjustments):
        return adjustments
    rows = []
    for day, value in dict(adjustments).items():
        working, note = value if isinstance(value, tuple) else (value, "")
        rows.append((day, bool(working), note))
    return lambda year: [row for row in rows if row[0].year == year]


class WorkingCalendar:
    """Working-day arithmetic over one snapshot of the calendar's data.

    ``adjustments`` is ``None`` (official and fallback data only), a mapping
    ``{date: is_working_day}`` or ``{date: (is_working_day, note)}``, or a
    callable ``year -> iterable of (date, is_working_day, note)``. The module's
    functions use a calendar whose adjustments come from the database; build
    your own to compute without one (tests, what-if questions).
    """

    def __init__(self, adjustments=None):
        self._load: Callable[[int], Iterable] = _adjustments_loader(adjustments)
        self._years: dict[int, CalendarYear] = {}

    def year(self, year):
        """Return the :class:`CalendarYear` of ``year`` (built once)."""
        try:
            return self._years[year]
        except KeyError:
            built = build_year(year, self._load(year))
            self._years[year] = built
            return built

    def is_working_day(self, day):
        day = _as_date(day)
        return self.year(day.year).is_working_day(day)

    def add_working_days(self, start, n):
        """Return the ``n``-th working day after ``start`` (``start`` not counted).

        ``n == 0`` returns ``start`` itself, whatever day it is; ``n`` may not
        be negative.
        """
        start = _as_date(start)
        if n < 0:
            raise ValueError("n must be zero or positive")
        if n == 0:
            return start
        year = start.year
        days = self.year(year).working
        index = bisect_right(days, start.toordinal())
        while True:
            available = len(days) - index
            if n <= available:
                return datetime.date.fromordinal(days[index + n - 1])
            n -= available
            year += 1
            if year > datetime.MAXYEAR:
                raise OverflowError("the period ends after the year 9999")
            days = self.year(year).working
            index = 0

    def working_days_between(self, start, end):
        """Return the number of working days ``d`` with ``start < d <= end``.

        ``start`` is not counted and ``end`` is, as periods are counted, so
        ``working_days_between(d, add_working_days(d, n)) == n``. When ``end``
        is before ``start`` the result is negative: minus the working days
        ``d`` with ``end < d <= start`` (for a deadline: the working days it is
        overdue by).
        """
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        total = 0
        first, last = start.toordinal(), end.toordinal()
        for year in range(start.year, end.year + 1):
            days = self.year(year).working
            low = bisect_right(days, first) if year == start.year else 0
            high = bisect_right(days, last) if year == end.year else len(days)
            total += high - low
        return total

    def remaining_working_days(self, start, n, on):
        """Return the working days of a period left after day ``on``.

        The period is ``n`` working days after ``start``.

        Day ``on`` itself counts as used: for a period paused on ``on`` (a
        consultation sent), this is what is left, and the period resumes with
        ``add_working_days(resumed_on, remaining)``. Before ``start`` nothing is
        used (``n``); after the due date the result is negative (overdue).
        """
        on = _as_date(on)
        if on <= _as_date(start):
            return n
        return n - self.working_days_between(start, on)

    def is_provisional(self, day_or_year):
        """True when the year (of a date, or given as an int) uses fallback data."""
        year = day_or_year if isinstance(day_or_year, int) else day_or_year.year
        return self.year(year).provisional

    def provisional_years(self, start, end):
        """The years with fallback data among those of the days in ``(start, end]``."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            start, end = end, start
        first_year = start.year if start == end else (start + _ONE_DAY).year
        return [
            year
            for year in range(first_year, end.year + 1)
            if self.year(year).provisional
        ]

    def is_provisional_between(self, start, end):
        """True when a day counted from ``start`` to ``end`` uses fallback data."""
        return bool(self.provisional_years(start, end))

    def due_date(self, start, n):
        """Return a :class:`Deadline`: ``add_working_days`` and its provisional flag."""
        start = _as_date(start)
        date = self.add_working_days(start, n)
        return Deadline(date, self.is_provisional_between(start, date))

    def non_working_days(self, year):
        """Every non-working day of ``year``, ordinary weekends included."""
        return self.year(year).non_working_days()

    def years_needing_schedule(self, today, horizon=WARNING_HORIZON_WORKING_DAYS):
        """Provisional years from ``today`` to ``horizon`` working days later."""
        today = _as_date(today)
        end = self.add_working_days(today, horizon)
        return [
            year
            for year in range(today.year, end.year + 1)
            if self.year(year).provisional
        ]


# The database-backed calendar ------------------------------------------------
#
# A version token in Django's cache names the current generation of the
# adjustments. Each year's rows are cached under that token; each process keeps
# one WorkingCalendar for the token it last saw. Changing an adjustment writes
# a new token, so every process drops its calendar at its next call: one cache
# read per call, no database query per day, no query at all when warm. Both
# the rows and the process's calendar also expire after CACHE_TIMEOUT, for the
# caches that other processes do not share.


def _load_year_uncached(year):
    from .models import CalendarAdjustment

    return list(
        CalendarAdjustment.objects.filter(
            date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        ).values_list("date", "is_working_day", "note")
    )


def _load_year_from_database(version, year):
    key = CACHE_KEY_TEMPLATE.format(version=version, year=year)
    rows = cache.get(key)
    if rows is None:
        rows = _load_year_uncached(year)
        cache.set(key, rows, CACHE_TIMEOUT)
    return rows


def _current_version():
    version = cache.get(CACHE_VERSION_KEY)
    if version is None:
        cache.add(CACHE_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(CACHE_VERSION_KEY)
    return version


class _Snapshot(NamedTuple):
    version: str
    expires: float
    calendar: WorkingCalendar


_snapshot: _Snapshot | None = None


def get_calendar():
    """Return the :class:`WorkingCalendar` of the current adjustments.

    Keep it for a batch of computations (a report, a listing) to pay the cache
    read once; never keep it across requests, or changes will be missed.
    """
    global _snapshot
    version = _current_version()
    if version is None:
        # No working cache (DummyCache): read the database on every call
        # rather than risk keeping stale adjustments.
        return WorkingCalendar(_load_year_uncached)
    snapshot = _snapshot
    now = time.monotonic()
    if snapshot is None or snapshot.version != version or snapshot.expires < now:
        snapshot = _Snapshot(
            version,
            now + CACHE_TIMEOUT,
            WorkingCalendar(lambda year: _load_year_from_database(version, year)),
        )
        _snapshot = snapshot
    return snapshot.calendar


def invalidate():
    """Drop the cached adjustments in every process (call after bulk changes).

    Saving or deleting a ``CalendarAdjustment`` calls this; ``QuerySet.update``
    and ``bulk_create`` send no signals, so call it yourself after them.
    """
    global _snapshot
    cache.set(CACHE_VERSION_KEY, uuid.uuid4().hex, None)
    _snapshot = None


def today():
    """The site's current date (in ``TIME_ZONE``)."""
    return timezone.localdate()


def get_year(year):
    """Return the :class:`CalendarYear` of ``year``."""
    return get_calendar().year(year)


def is_working_day(day):
    """True when ``day`` is a working day."""
    return get_calendar().is_working_day(day)


def add_working_days(start, n):
    """Return the ``n``-th working day after ``start``; ``start`` is not counted."""
    return get_calendar().add_working_days(start, n)


def working_days_between(start, end):
    """Return the number of working days ``d`` with ``start < d <= end``.

    Negative when ``end`` is before ``start``; see
    :meth:`WorkingCalendar.working_days_between`.
    """
    return get_calendar().working_days_between(start, end)


def remaining_working_days(start, n, on):
    """Working days left after ``on`` of a period of ``n`` after ``start``."""
    return get_calendar().remaining_working_days(start, n, on)


def due_date(start, n):
    """Return the :class:`Deadline` ``n`` working days after ``start``."""
    return get_calendar().due_date(start, n)


def is_provisional(day_or_year):
    """True when the year of ``day_or_year`` is computed with fallback data."""
    return get_calendar().is_provisional(day_or_year)


def is_provisional_between(start, end):
    """True when any day counted from ``start`` to ``end`` uses fallback data."""
    return get_calendar().is_provisional_between(start, end)


def non_working_days(year):
    """Every non-working day of ``year``, ordinary weekends included."""
    return get_calendar().non_working_days(year)


def years_needing_schedule(horizon=WARNING_HORIZON_WORKING_DAYS):
    """Provisional years among this year and the next ``horizon`` working days.

    What the system check and the dashboard panel warn administrators about.
    """
    return get_calendar().years_needing_schedule(today(), horizon)
