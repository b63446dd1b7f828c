import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govopen.core import calendar
from govopen.core.calendar import WorkingCalendar, YearSource
from govopen.core.checks import check_calendar_schedule
from govopen.core.models import CalendarAdjustment

D = datetime.date


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Each test starts and ends with no cached adjustments.

    pytest-django rolls the database back after each test, which sends no
    signal: without this, rows cached by one test would leak into the next
    (and the admin views cache Wagtail's site root paths, which other test
    modules must not inherit).
    """
    calendar.invalidate()
    yield
    cache.clear()
    calendar.invalidate()


@pytest.fixture
def today(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(calendar, "today", lambda: day)

    return set_today


def naive_add(cal, start, n):
    """Reference: walk day by day."""
    day = start
    while n:
        day += datetime.timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


# Official data, real dates --------------------------------------------------


class TestOfficialSchedule:
    cal = WorkingCalendar()

    def test_national_day_and_mid_autumn_2025(self):
        # 国办发明电〔2024〕12号: 10月1日至8日放假, 9月28日(周日)、10月11日(周六)上班
        assert self.cal.add_working_days(D(2025, 9, 24), 20) == D(2025, 10, 28)
        assert self.cal.is_working_day(D(2025, 9, 28))  # Sunday
        assert self.cal.is_working_day(D(2025, 10, 11))  # Saturday
        for day in range(1, 9):
            assert not self.cal.is_working_day(D(2025, 10, day))
        assert self.cal.add_working_days(D(2025, 9, 24), 3) == D(2025, 9, 28)
        assert self.cal.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
        assert self.cal.due_date(D(2025, 9, 24), 20) == (D(2025, 10, 28), False)
        assert self.cal.working_days_between(D(2025, 9, 24), D(2025, 10, 28)) == 20

    def test_spring_festival_2026(self):
        # 2月15日至23日放假, 2月14日(周六)、2月28日(周六)上班
        assert self.cal.is_working_day(D(2026, 2, 14))
        assert self.cal.is_working_day(D(2026, 2, 28))
        for day in range(15, 24):
            assert not self.cal.is_working_day(D(2026, 2, day))
        # 2/11 2/12 2/13 2/14(Sat) | break | 2/24 2/25 2/26 2/27 2/28(Sat) 3/2
        assert self.cal.add_working_days(D(2026, 2, 10), 4) == D(2026, 2, 14)
        assert self.cal.add_working_days(D(2026, 2, 10), 5) == D(2026, 2, 24)
        assert self.cal.add_working_days(D(2026, 2, 10), 10) == D(2026, 3, 2)
        assert self.cal.working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
        spring = [
            d for d in self.cal.year(2026).working_weekends() if d.date.month == 2
        ]
        assert [d.date for d in spring] == [D(2026, 2, 14), D(2026, 2, 28)]

    def test_start_day_is_not_counted(self):
        # a Friday and the Saturday after it lead to the same next working day
        assert self.cal.add_working_days(D(2025, 11, 7), 1) == D(2025, 11, 10)
        assert self.cal.add_working_days(D(2025, 11, 8), 1) == D(2025, 11, 10)
        assert self.cal.add_working_days(D(2025, 11, 10), 1) == D(2025, 11, 11)
        assert self.cal.add_working_days(D(2025, 11, 8), 0) == D(2025, 11, 8)

    def test_working_days_between_is_signed(self):
        assert self.cal.working_days_between(D(2025, 10, 28), D(2025, 10, 28)) == 0
        assert self.cal.working_days_between(D(2025, 10, 28), D(2025, 10, 29)) == 1
        # overdue by one working day
        assert self.cal.working_days_between(D(2025, 10, 29), D(2025, 10, 28)) == -1
        # (Fri, Mon]: the weekend is not counted
        assert self.cal.working_days_between(D(2025, 11, 7), D(2025, 11, 10)) == 1

    def test_datetimes_are_read_in_the_site_time_zone(self):
        # 20:00 UTC on 24 September is already the 25th in Beijing
        received = datetime.datetime(
            2025, 9, 24, 20, 0, tzinfo=zoneinfo.ZoneInfo("UTC")
        )
        assert self.cal.add_working_days(received, 20) == D(2025, 10, 29)
        with pytest.raises(TypeError):
            self.cal.add_working_days("2025-09-24", 20)

    def test_negative_n_is_refused(self):
        with pytest.raises(ValueError):
            self.cal.add_working_days(D(2025, 9, 24), -1)

    def test_year_summary(self):
        year = self.cal.year(2025)
        assert year.source == YearSource.OFFICIAL and not year.provisional
        assert len(year.working) == 248
        non_working = year.non_working_days()
        assert len(non_working) == 365 - 248
        assert D(2025, 10, 6) in non_working  # Mid-Autumn
        assert D(2025, 9, 28) not in non_working
        names = {d.date: d.name for d in year.holidays()}
        assert names[D(2025, 10, 6)] == "Mid-autumn Festival"
        assert str(year.holidays()[0].display_name) in ("New Year's Day", "元旦")


# Fallback and provisional results -------------------------------------------


class TestFallback:
    cal = WorkingCalendar()

    def test_year_without_data_is_provisional(self):
        year = self.cal.year(2027)
        assert year.source == YearSource.FALLBACK and year.provisional
        assert self.cal.is_provisional(2027)
        assert self.cal.is_provisional(D(2027, 3, 1))
        assert not self.cal.is_provisional(D(2026, 12, 31))

    def test_fixed_date_holidays(self):
        # 《全国年节及纪念日放假办法》(2024): 元旦 1/1, 劳动节 5/1-5/2, 国庆节 10/1-10/3
        for day in (D(2027, 1, 1), D(2028, 5, 1), D(2028, 5, 2), D(2027, 10, 1)):
            assert not self.cal.is_working_day(day), day
        assert self.cal.is_working_day(D(2028, 5, 3))  # Wednesday
        assert self.cal.is_working_day(D(2027, 10, 4))  # Monday
        # lunar holidays are not guessed: the Spring Festival of 2027 (6 Feb) is
        # a weekend, and the weekdays after it count until the notice is entered
        assert self.cal.is_working_day(D(2027, 2, 8))

    def test_qingming_follows_the_solar_term(self):
        assert not self.cal.is_working_day(D(2027, 4, 5))
        assert not self.cal.is_working_day(D(2028, 4, 4))
        assert self.cal.is_working_day(D(2028, 4, 5))

    def test_fallback_qingming_agrees_with_every_official_year(self):
        # Qingming became a public holiday in 2008.
        for year in range(2008, 2027):
            official = self.cal.year(year)
            assert official.official
            fallback = calendar._fallback_holidays(year)
            qingming = next(day for day in fallback if day.month == 4)
            assert not official.is_working_day(qingming), qingming

    def test_period_crossing_into_2027(self):
        # 2026-12-16 .. 31: 12 working days; 2027-01-01 is New Year's Day
        due = self.cal.due_date(D(2026, 12, 15), 20)
        assert due == (D(2027, 1, 13), True)
        assert self.cal.due_date(D(2026, 11, 2), 20) == (D(2026, 11, 30), False)
        assert self.cal.provisional_years(D(2026, 12, 15), D(2027, 1, 13)) == [2027]
        assert self.cal.working_days_between(D(2026, 12, 15), D(2027, 1, 13)) == 20
        # a period starting on the last day of 2026 counts only 2027 days
        assert not self.cal.is_provisional_between(D(2026, 12, 30), D(2026, 12, 31))
        assert self.cal.is_provisional_between(D(2026, 12, 31), D(2027, 1, 4))

    def test_adjustments_make_a_year_local(self):
        cal = WorkingCalendar({D(2027, 2, 8): (False, "春节")})
        assert cal.year(2027).source == YearSource.LOCAL
        assert not cal.is_provisional(2027)
        assert not cal.is_working_day(D(2027, 2, 8))
        # the fixed-date holidays stay
        assert not cal.is_working_day(D(2027, 1, 1))


# Local adjustments over official data ----------------------------------------


class TestAdjustments:
    def test_weekday_made_holiday_and_sunday_made_working_day(self):
        plain = WorkingCalendar()
        adjusted = WorkingCalendar(
            {
                D(2025, 11, 3): (False, "local holiday"),  # Monday
                D(2025, 11, 9): True,  # Sunday
            }
        )
        assert plain.is_working_day(D(2025, 11, 3))
        assert not adjusted.is_working_day(D(2025, 11, 3))
        assert not plain.is_working_day(D(2025, 11, 9))
        assert adjusted.is_working_day(D(2025, 11, 9))
        assert plain.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 3)
        assert adjusted.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 4)
        assert plain.add_working_days(D(2025, 10, 31), 6) == D(2025, 11, 10)
        assert adjusted.add_working_days(D(2025, 10, 31), 6) == D(2025, 11, 10)
        assert adjusted.add_working_days(D(2025, 10, 31), 5) == D(2025, 11, 9)
        year = adjusted.year(2025)
        assert year.source == YearSource.OFFICIAL_ADJUSTED
        assert [d.date for d in year.working_weekends() if d.local] == [D(2025, 11, 9)]

    def test_adjustment_overrides_an_official_holiday(self):
        cal = WorkingCalendar({D(2025, 10, 8): True})
        assert cal.is_working_day(D(2025, 10, 8))
        assert cal.year(2025).adjusted_working_weekdays()[0].date == D(2025, 10, 8)

    def test_remaining_days_of_a_paused_period(self):
        cal = WorkingCalendar()
        start, due = D(2025, 9, 24), D(2025, 10, 28)
        # paused on 10 October: 9/25 9/26 9/28 9/29 9/30 10/9 10/10 are used
        assert cal.remaining_working_days(start, 20, D(2025, 10, 10)) == 13
        assert cal.remaining_working_days(start, 20, D(2025, 9, 1)) == 20
        assert cal.remaining_working_days(start, 20, due) == 0
        assert cal.remaining_working_days(start, 20, D(2025, 10, 29)) == -1
        # resumed on 20 October: the 13 days left run from then on, which adds
        # the 7 working days of (10/10, 10/20] (with Saturday 10/11) to the period
        resumed = cal.add_working_days(D(2025, 10, 20), 13)
        assert resumed == D(2025, 11, 6)
        paused = cal.working_days_between(D(2025, 10, 10), D(2025, 10, 20))
        assert paused == 7
        assert cal.add_working_days(due, paused) == resumed


# Properties ----------------------------------------------------------------

dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2029, 12, 31))
counts = st.integers(min_value=0, max_value=300)
adjustment_maps = st.dictionaries(
    st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)),
    st.booleans(),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(adjustments=adjustment_maps, start=dates, n=counts)
def test_add_and_count_agree(adjustments, start, n):
    cal = WorkingCalendar(adjustments)
    due = cal.add_working_days(start, n)
    if n:
        assert due > start
        assert cal.is_working_day(due)
    else:
        assert due == start
    assert cal.working_days_between(start, due) == n
    assert cal.working_days_between(due, start) == -n
    assert due == naive_add(cal, start, n)


@settings(max_examples=60, deadline=None)
@given(
    adjustments=adjustment_maps,
    start=dates,
    n=counts,
    k=st.integers(min_value=1, max_value=40),
)
def test_add_is_monotonic_and_composes(adjustments, start, n, k):
    cal = WorkingCalendar(adjustments)
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + k)
    middle = cal.add_working_days(start, n)
    assert cal.add_working_days(middle, k) == cal.add_working_days(start, n + k)
    assert cal.remaining_working_days(start, n + k, middle) == k


@settings(max_examples=60, deadline=None)
@given(adjustments=adjustment_maps, a=dates, b=dates, c=dates)
def test_counting_is_additive(adjustments, a, b, c):
    cal = WorkingCalendar(adjustments)
    assert cal.working_days_between(a, b) + cal.working_days_between(
        b, c
    ) == cal.working_days_between(a, c)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_database_calendar_properties(start, n):
    # the module's functions, over the database (with one local holiday)
    CalendarAdjustment.objects.get_or_create(
        date=D(2025, 11, 3), defaults={"is_working_day": False}
    )
    due = calendar.add_working_days(start, n)
    if n:
        assert due > start and calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == n
    assert calendar.add_working_days(start, n + 1) > due


# The database-backed calendar --------------------------------------------------


@pytest.mark.django_db
class TestDatabaseCalendar:
    def test_adjustments_apply_at_once(self):
        assert calendar.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 3)
        holiday = CalendarAdjustment.objects.create(
            date=D(2025, 11, 3), is_working_day=False, note="local holiday"
        )
        sunday = CalendarAdjustment.objects.create(
            date=D(2025, 11, 9), is_working_day=True
        )
        assert not calendar.is_working_day(D(2025, 11, 3))
        assert calendar.is_working_day(D(2025, 11, 9))
        assert calendar.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 4)
        assert calendar.get_year(2025).source == YearSource.OFFICIAL_ADJUSTED

        holiday.is_working_day = True
        holiday.save()
        assert calendar.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 3)
        holiday.delete()
        sunday.delete()
        assert not calendar.is_working_day(D(2025, 11, 9))
        assert calendar.get_year(2025).source == YearSource.OFFICIAL

    def test_entering_a_year_ends_the_fallback(self):
        assert calendar.is_provisional(2027)
        assert calendar.due_date(D(2026, 12, 15), 20).provisional
        CalendarAdjustment.objects.create(date=D(2027, 2, 8), is_working_day=False)
        assert not calendar.is_provisional(2027)
        assert calendar.due_date(D(2026, 12, 15), 20) == (D(2027, 1, 13), False)
        assert D(2027, 2, 8) in calendar.non_working_days(2027)

    def test_cold_and_warm_queries(self, django_assert_num_queries):
        CalendarAdjustment.objects.create(date=D(2025, 10, 20), is_working_day=False)
        calendar.invalidate()
        # cold: one query for the year's adjustments, however many days
        with django_assert_num_queries(1):
            assert calendar.add_working_days(D(2025, 9, 24), 20) == D(2025, 10, 29)
        # warm: none
        with django_assert_num_queries(0):
            assert calendar.add_working_days(D(2025, 9, 24), 20) == D(2025, 10, 29)
            assert calendar.working_days_between(D(2025, 9, 24), D(2025, 10, 29)) == 20
            assert calendar.is_working_day(D(2025, 10, 11))

    def test_cache_is_shared_between_processes(self, django_assert_num_queries):
        calendar.add_working_days(D(2025, 9, 24), 20)
        # another process: its own memory is empty, the shared cache is not
        calendar._snapshot = None
        with django_assert_num_queries(0):
            calendar.add_working_days(D(2025, 9, 24), 20)

    def test_other_processes_see_changes(self):
        first = calendar.get_calendar()
        assert calendar.get_calendar() is first
        # a change saved by another process writes a new version
        CalendarAdjustment.objects.create(date=D(2025, 11, 3), is_working_day=False)
        assert calendar.get_calendar() is not first
        assert not calendar.is_working_day(D(2025, 11, 3))

    def test_process_calendar_expires(self, django_assert_num_queries):
        first = calendar.get_calendar()
        first.add_working_days(D(2025, 9, 24), 20)
        assert calendar.get_calendar() is first
        calendar._snapshot = calendar._snapshot._replace(expires=0)
        second = calendar.get_calendar()
        assert second is not first
        # rebuilt from the shared cache, not the database
        with django_assert_num_queries(0):
            second.add_working_days(D(2025, 9, 24), 20)

    def test_without_a_cache_nothing_goes_stale(self, settings):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        }
        assert calendar.is_working_day(D(2025, 11, 3))
        CalendarAdjustment.objects.bulk_create(
            [CalendarAdjustment(date=D(2025, 11, 3), is_working_day=False)]
        )
        assert not calendar.is_working_day(D(2025, 11, 3))

    def test_bulk_changes_need_invalidate(self):
        assert calendar.is_working_day(D(2025, 11, 3))
        CalendarAdjustment.objects.bulk_create(
            [CalendarAdjustment(date=D(2025, 11, 3), is_working_day=False)]
        )
        calendar.invalidate()
        assert not calendar.is_working_day(D(2025, 11, 3))

    def test_str(self):
        adjustment = CalendarAdjustment(date=D(2025, 11, 9), is_working_day=True)
        assert str(adjustment).startswith("2025-11-09 ")


# Warnings for administrators ---------------------------------------------------


@pytest.mark.django_db
class TestSystemCheck:
    def test_warns_when_deadlines_reach_an_unknown_year(self, today):
        today(D(2026, 11, 20))
        warnings = check_calendar_schedule(None)
        assert [w.id for w in warnings] == ["govopen.W010"]
        assert "2027" in warnings[0].msg
        assert "govopen.W010" in [w.id for w in run_checks(tags=["govopen"])]

    def test_quiet_when_the_year_is_entered(self, today):
        today(D(2026, 11, 20))
        CalendarAdjustment.objects.create(date=D(2027, 2, 8), is_working_day=False)
        assert check_calendar_schedule(None) == []

    def test_quiet_far_from_the_unknown_year(self, today):
        today(D(2026, 3, 2))
        assert check_calendar_schedule(None) == []

    def test_warns_for_the_current_year(self, today):
        today(D(2027, 6, 1))
        assert "2027" in check_calendar_schedule(None)[0].msg

    def test_quiet_without_tables(self, today, monkeypatch):
        today(D(2026, 11, 20))

        def no_table(version, year):
            raise OperationalError("no such table: govopen_core_calendaradjustment")

        monkeypatch.setattr(calendar, "_load_year_from_database", no_table)
        assert check_calendar_schedule(None) == []

    def test_skipped_for_other_apps(self, today):
        from django.apps import apps

        today(D(2026, 11, 20))
        assert check_calendar_schedule([apps.get_app_config("auth")]) == []


@pytest.mark.django_db
class TestDashboardPanel:
    panel_id = "govopen-calendar-schedule-missing"

    def test_shown_to_administrators(self, admin_client, today):
        today(D(2026, 11, 20))
        response = admin_client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        html = response.content.decode()
        assert self.panel_id in html
        assert "2027" in html
        assert reverse("wagtailsnippets_govopen_core_calendaradjustment:add") in html

    def test_hidden_when_nothing_is_missing(self, admin_client, today):
        today(D(2026, 3, 2))
        response = admin_client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert self.panel_id not in response.content.decode()

    def test_hidden_from_staff_who_cannot_fix_it(
        self, client, django_user_model, today
    ):
        today(D(2026, 11, 20))
        user = django_user_model.objects.create_user("editor", password="pw")
        group = Group.objects.create(name="calendar-less editors")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert self.panel_id not in response.content.decode()


@pytest.mark.django_db
class TestAdmin:
    list_url = "/admin/snippets/govopen_core/calendaradjustment/"

    def test_add_through_the_admin(self, admin_client):
        assert calendar.is_working_day(D(2025, 11, 3))
        response = admin_client.post(
            self.list_url + "add/",
            {"date": "2025-11-03", "is_working_day": "False", "note": "县庆"},
        )
        assert response.status_code == 302
        adjustment = CalendarAdjustment.objects.get()
        assert adjustment.note == "县庆" and not adjustment.is_working_day
        assert not calendar.is_working_day(D(2025, 11, 3))

    def test_date_is_unique(self, admin_client):
        CalendarAdjustment.objects.create(date=D(2025, 11, 3))
        response = admin_client.post(
            self.list_url + "add/",
            {"date": "2025-11-03", "is_working_day": "True", "note": ""},
        )
        assert response.status_code == 200
        assert CalendarAdjustment.objects.count() == 1

    def test_listing_and_export_round_trip(self, admin_client, run_command, tmp_path):
        CalendarAdjustment.objects.create(
            date=D(2027, 2, 8), is_working_day=False, note="春节"
        )
        CalendarAdjustment.objects.create(date=D(2027, 2, 20), is_working_day=True)
        response = admin_client.get(self.list_url)
        assert response.status_code == 200
        assert "春节" in response.content.decode()
        export = admin_client.get(self.list_url + "?export=csv")
        content = b"".join(export.streaming_content).decode("utf-8-sig")
        assert content.splitlines()[0] == "date,is_working_day,note"
        path = tmp_path / "export.csv"
        path.write_text(content, encoding="utf-8")
        with translation.override("en"):  # the admin requests activated 简体中文
            out = run_command("govopen_calendar", "import", str(path))
        assert "created: 0, updated: 0, unchanged: 2" in out


# The management command ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
class TestCommand:
    def write(self, tmp_path, text, encoding="utf-8"):
        path = tmp_path / "calendar.csv"
        path.write_text(text, encoding=encoding)
        return str(path)

    def test_help(self, capsys):
        with pytest.raises(SystemExit):
            call_command("govopen_calendar", "--help")
        out = capsys.readouterr().out
        assert "import" in out and "date,is_working_day,note" in out

    def test_show_official_year(self, run_command):
        out = run_command("govopen_calendar", "show", "2025")
        assert "2025: " in out and str(YearSource.OFFICIAL.label) in out
        assert "2025-10-06" in out  # Mid-Autumn
        weekends = out.split("调休")[-1]
        assert "2025-09-28" in weekends and "2025-10-11" in weekends
        assert "2025-01-04" not in out  # an ordinary Saturday
        assert "248" in out

    def test_show_all_lists_weekends(self, run_command):
        out = run_command("govopen_calendar", "show", "2025", "--all")
        assert "2025-01-04" in out

    def test_show_provisional_year(self, run_command):
        out = run_command("govopen_calendar", "show", "2027")
        assert str(YearSource.FALLBACK.label) in out
        assert "2027-10-01" in out and "2027-04-05" in out

    def test_import(self, run_command, tmp_path):
        path = self.write(
            tmp_path,
            "\ufeffdate,is_working_day,note\n"
            "2027-02-05,false,春节\n"
            "2027-02-08,否,春节\n"
            "\n"
            "2027-02-20,true,春节调休\n"
            "2025-11-03,0,县庆\n",
        )
        out = run_command("govopen_calendar", "import", path, dry_run=True)
        assert "created: 4" in out
        assert not CalendarAdjustment.objects.exists()

        out = run_command("govopen_calendar", "import", path)
        assert "created: 4, updated: 0, unchanged: 0" in out
        assert CalendarAdjustment.objects.get(date=D(2027, 2, 20)).is_working_day
        assert not calendar.is_provisional(2027)
        assert not calendar.is_working_day(D(2025, 11, 3))
        assert calendar.is_working_day(D(2027, 2, 20))  # a Saturday

        # idempotent; a changed row is updated
        path = self.write(
            tmp_path,
            "date,is_working_day,note\n"
            "2027-02-05,false,春节\n"
            "2027-02-08,否,春节\n"
            "2027-02-20,true,春节调休\n"
            "2025-11-03,1,县庆取消\n",
        )
        out = run_command("govopen_calendar", "import", path)
        assert "created: 0, updated: 1, unchanged: 3" in out
        assert CalendarAdjustment.objects.count() == 4
        assert calendar.is_working_day(D(2025, 11, 3))

        out = run_command("govopen_calendar", "show", "2027")
        assert "2027-02-20" in out and "春节调休" in out

    def test_bad_rows_are_reported_with_line_numbers(self, run_command, tmp_path):
        path = self.write(
            tmp_path,
            "date,is_working_day,note\n"
            "2027-02-05,false,春节\n"
            "2027-02-30,false,no such day\n"
            "2027/02/08,false,slashes\n"
            "2027-02-20,maybe,\n"
            "2027-02-05,true,again\n"
            "2027-02-21\n",
        )
        with pytest.raises(CommandError) as error:
            run_command("govopen_calendar", "import", path)
        message = str(error.value)
        assert "Line 3: '2027-02-30'" in message
        assert "Line 4: '2027/02/08'" in message
        assert "Line 5: 'maybe'" in message
        assert "Line 6: 2027-02-05" in message and "line 2" in message
        assert "Line 7:" in message
        assert "Line 2" not in message
        assert not CalendarAdjustment.objects.exists()

    def test_bad_header_and_missing_file(self, run_command, tmp_path):
        path = self.write(tmp_path, "day,working\n2027-02-05,false\n")
        with pytest.raises(CommandError, match="Line 1: the header"):
            run_command("govopen_calendar", "import", path)
        with pytest.raises(CommandError, match="Cannot read"):
            run_command("govopen_calendar", "import", str(tmp_path / "missing.csv"))
        path = self.write(
            tmp_path, "date,is_working_day,note\n2027-02-05,否,春节\n", "gbk"
        )
        with pytest.raises(CommandError, match="UTF-8"):
            run_command("govopen_calendar", "import", path)
