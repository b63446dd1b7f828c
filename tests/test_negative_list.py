"""Negative list entries: fields, validation, review dates and the review actions."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, PageLogEntry

from govopen.core import calendar
from govopen.core.enums import (
    NON_DISCLOSURE_GROUNDS,
    REASON_ARTICLES,
    NegativeListStatus,
    ReplyReason,
)
from govopen.core.models import CalendarAdjustment
from govopen.negative_list.models import (
    GROUND_CHOICES,
    NegativeListEntry,
    NegativeListEntryChange,
)
from govopen.negative_list.review import (
    add_months,
    get_review_interval,
    next_review_date,
)

from .factories import OrganizationFactory
from .test_negative_list_factories import (
    NegativeListEntryFactory,
    NegativeListPageFactory,
    build_index,
    make_reviewer,
)

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def today(monkeypatch):
    """Freeze the site's date at TODAY."""
    monkeypatch.setattr(calendar, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def page(db):
    return NegativeListPageFactory(parent=build_index(), slug="fmqd")


@pytest.fixture
def entry(page, today):
    return NegativeListEntryFactory(page=page, listed_on=datetime.date(2025, 3, 20))


def entry_kwargs(page, **overrides):
    return {
        "page": page,
        "number": 1,
        "category": "国家秘密",
        "content": "涉密文件",
        "ground": ReplyReason.STATE_SECRET,
        "legal_basis": "《中华人民共和国保守国家秘密法》第十三条",
        "organization": OrganizationFactory(),
        "listed_on": datetime.date(2025, 3, 20),
        **overrides,
    }


# Fields and validation -------------------------------------------------------


class TestFields:
    def test_grounds_are_the_eight_of_the_regulation_with_their_article(self):
        assert [value for value, _ in GROUND_CHOICES] == [
            g.value for g in NON_DISCLOSURE_GROUNDS
        ]
        assert len(GROUND_CHOICES) == 8
        with translation.override("zh-hans"):
            label = str(dict(GROUND_CHOICES)["state_secret"])
            assert "国家秘密" in label and "第十四条" in label
            assert str(REASON_ARTICLES[ReplyReason.STATE_SECRET]) in label
        with translation.override("en"):
            assert str(dict(GROUND_CHOICES)["third_party_rights"]) == (
                "Protection of third parties' lawful rights (Article 15)"
            )

    def test_entry_knows_its_article(self, entry):
        entry.ground = ReplyReason.PROCESS_INFORMATION
        with translation.override("en"):
            assert str(entry.article) == "Article 16, paragraph 2"
            assert str(entry.ground_label) == "Process information of the four kinds"

    def test_a_ground_is_required(self, page):
        entry = NegativeListEntry(**entry_kwargs(page, ground=""))
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert "ground" in error.value.message_dict

    @pytest.mark.parametrize("reason", ["not_held", "petition", "other", "bogus"])
    def test_only_non_disclosure_grounds(self, page, reason):
        entry = NegativeListEntry(**entry_kwargs(page, ground=reason))
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert "ground" in error.value.message_dict

    def test_the_database_refuses_other_grounds(self, page):
        with pytest.raises(IntegrityError), transaction.atomic():
            NegativeListEntry.objects.create(**entry_kwargs(page, ground="petition"))

    @pytest.mark.parametrize("basis", ["", "   ", "\n\t"])
    def test_the_basis_cannot_be_empty(self, page, basis):
        entry = NegativeListEntry(**entry_kwargs(page, legal_basis=basis))
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert "legal_basis" in error.value.message_dict

    def test_the_database_refuses_an_empty_basis(self, page):
        with pytest.raises(IntegrityError), transaction.atomic():
            NegativeListEntry.objects.create(**entry_kwargs(page, legal_basis=""))

    def test_basis_is_kept_exactly_but_trimmed(self, page):
        entry = NegativeListEntry(
            **entry_kwargs(page, legal_basis="  《统计法》第三十九条\n")
        )
        entry.full_clean()
        assert entry.legal_basis == "《统计法》第三十九条"

    def test_listed_date_cannot_be_in_the_future(self, page, today):
        entry = NegativeListEntry(
            **entry_kwargs(page, listed_on=today + datetime.timedelta(days=1))
        )
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert "listed_on" in error.value.message_dict

    def test_a_valid_entry_is_listed_with_its_review_date(self, page, today):
        entry = NegativeListEntry(**entry_kwargs(page))
        entry.full_clean()
        entry.save()
        assert entry.status == NegativeListStatus.LISTED
        assert entry.last_reviewed_on is None
        assert entry.next_review_on == datetime.date(2026, 3, 20)
        assert entry.is_overdue(today)
        assert entry.locale == page.locale


# Review dates ------------------------------------------------------------------


class TestReviewDates:
    def test_default_is_twelve_calendar_months(self):
        assert get_review_interval() == ("months", 12)
        assert next_review_date(datetime.date(2025, 3, 20)) == datetime.date(
            2026, 3, 20
        )

    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            ((2024, 2, 29), 12, (2025, 2, 28)),
            ((2025, 1, 31), 1, (2025, 2, 28)),
            ((2024, 1, 31), 1, (2024, 2, 29)),
            ((2025, 11, 30), 3, (2026, 2, 28)),
            ((2025, 12, 15), 1, (2026, 1, 15)),
            ((2025, 6, 1), 24, (2027, 6, 1)),
        ],
    )
    def test_months_clamp_to_the_end_of_a_shorter_month(self, start, months, expected):
        assert add_months(datetime.date(*start), months) == datetime.date(*expected)

    @override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"days": 365})
    def test_calendar_days(self):
        assert next_review_date(datetime.date(2024, 3, 1)) == datetime.date(2025, 3, 1)

    @override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"working_days": 20})
    def test_working_days_are_counted_through_the_calendar(self, db):
        # National Day week: 2025-10-01..08 are holidays, 2025-09-28 and
        # 2025-10-11 are working weekend days (调休).
        assert next_review_date(datetime.date(2025, 9, 24)) == datetime.date(
            2025, 10, 28
        )
        assert next_review_date(datetime.date(2025, 9, 24)) == (
            calendar.add_working_days(datetime.date(2025, 9, 24), 20)
        )

    @override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"working_days": 1})
    def test_local_calendar_adjustments_move_the_review(self, db):
        friday = datetime.date(2025, 6, 6)
        assert next_review_date(friday) == datetime.date(2025, 6, 9)
        CalendarAdjustment.objects.create(
            date=datetime.date(2025, 6, 9), is_working_day=False, note="县庆"
        )
        assert next_review_date(friday) == datetime.date(2025, 6, 10)

    @pytest.mark.parametrize(
        "value",
        [12, {"months": 0}, {"weeks": 2}, {"months": 12, "days": 1}, {"days": "30"}],
    )
    def test_a_bad_setting_names_itself(self, value):
        with pytest.raises(ImproperlyConfigured, match="REVIEW_INTERVAL"):
            get_review_interval(value)

    def test_the_system_check_reports_a_bad_setting(self):
        from govopen.negative_list.checks import check_review_interval

        assert check_review_interval(None) == []
        with override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"years": 1}):
            errors = check_review_interval(None)
        assert [e.id for e in errors] == ["govopen.E110"]

    @override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"working_days": 250})
    def test_saved_entries_use_the_setting(self, page, today):
        entry = NegativeListEntryFactory(
            page=page, listed_on=datetime.date(2025, 3, 20)
        )
        assert entry.next_review_on == calendar.add_working_days(
            datetime.date(2025, 3, 20), 250
        )

    def test_reschedule_command_applies_a_new_setting(self, page, today, run_command):
        entry = NegativeListEntryFactory(page=page)
        assert entry.next_review_on == datetime.date(2026, 3, 20)
        with override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"months": 6}):
            assert "1 entry would" in run_command(
                "govopen_negative_list", "reschedule", "--dry-run"
            )
            entry.refresh_from_db()
            assert entry.next_review_on == datetime.date(2026, 3, 20)
            out = run_command("govopen_negative_list", "reschedule")
        assert "1 entry" in out
        entry.refresh_from_db()
        assert entry.next_review_on == datetime.date(2025, 9, 20)


def test_due_command_lists_what_is_due_overdue_first(page, today, run_command):
    NegativeListEntryFactory(page=page, number=2, listed_on=datetime.date(2025, 7, 1))
    NegativeListEntryFactory(page=page, number=1, listed_on=datetime.date(2025, 3, 20))
    NegativeListEntryFactory(page=page, number=3, listed_on=datetime.date(2025, 12, 1))
    lines = run_command("govopen_negative_list", "due").splitlines()
    assert lines[0].startswith("2026-03-20\toverdue by 87 days\t")
    assert lines[1].startswith("2026-07-01\tdue 2026-07-01\t")
    assert lines[-1] == "2 entries due by 2026-07-15."
    lines = run_command("govopen_negative_list", "due", "--days", "200").splitlines()
    assert lines[-1] == "3 entries due by 2027-01-01."


# Review actions ----------------------------------------------------------------


class TestActions:
    def test_reviewed_unchanged(self, entry, today):
        user = make_reviewer("li", entry.organization)
        change = entry.mark_reviewed(user, "  依据未变化，继续列入。 ", today)
        entry.refresh_from_db()
        assert entry.status == NegativeListStatus.LISTED
        assert entry.last_reviewed_on == today
        assert entry.next_review_on == datetime.date(2027, 6, 15)
        assert (change.kind, change.from_status, change.to_status) == (
            NegativeListEntryChange.Kind.REVIEWED,
            "listed",
            "listed",
        )
        assert change.reason == "依据未变化，继续列入。"
        assert change.user == user and change.date == today
        assert change.locale_id == entry.locale_id
        log = PageLogEntry.objects.get(action="govopen_negative_list.review")
        assert log.page_id == entry.page_id and log.user_id == user.pk
        assert log.data["entry"]["number"] == entry.number
        assert log.data["reason"] == "依据未变化，继续列入。"

    def test_a_review_can_be_dated_back_to_the_meeting(self, entry, today):
        entry.mark_reviewed(None, "年度评估", datetime.date(2026, 3, 1))
        entry.refresh_from_db()
        assert entry.next_review_on == datetime.date(2027, 3, 1)

    @pytest.mark.parametrize(
        ("method", "status"),
        [
            ("move_to_on_request", NegativeListStatus.ON_REQUEST),
            ("move_to_proactive", NegativeListStatus.PROACTIVE),
            ("remove", NegativeListStatus.REMOVED),
        ],
    )
    def test_each_adjustment_records_its_change(self, entry, today, method, status):
        user = make_reviewer("wang", entry.organization)
        change = getattr(entry, method)(user, "情势变化，可以公开。")
        entry.refresh_from_db()
        assert entry.status == status
        assert entry.status_changed_on == today
        assert entry.last_reviewed_on == today
        assert entry.next_review_on is None
        assert change.kind == NegativeListEntryChange.Kind.ADJUSTED
        assert (change.from_status, change.to_status) == ("listed", status)
        log = PageLogEntry.objects.get(action="govopen_negative_list.adjust")
        assert log.data["from"] == "listed" and log.data["to"] == status
        assert log.user_id == user.pk

    def test_on_request_can_later_become_proactive(self, entry, today):
        entry.move_to_on_request(None, "可依申请提供", datetime.date(2026, 1, 5))
        entry.move_to_proactive(None, "已主动公开", today)
        assert list(
            entry.changes.values_list("from_status", "to_status").order_by("date")
        ) == [("listed", "on_request"), ("on_request", "proactive")]

    @pytest.mark.parametrize(
        ("first", "then"),
        [
            ("remove", "move_to_on_request"),
            ("remove", "mark_reviewed"),
            ("move_to_proactive", "move_to_on_request"),
            ("move_to_proactive", "remove"),
            ("move_to_on_request", "move_to_on_request"),
            ("move_to_on_request", "mark_reviewed"),
            ("move_to_on_request", "remove"),
        ],
    )
    def test_refused_transitions_change_nothing(self, entry, today, first, then):
        getattr(entry, first)(None, "第一次调整", datetime.date(2026, 1, 5))
        entry.refresh_from_db()
        before = (entry.status, entry.status_changed_on, entry.changes.count())
        with pytest.raises(ValidationError) as error:
            getattr(entry, then)(None, "第二次调整")
        assert "to_status" in error.value.message_dict
        entry.refresh_from_db()
        assert (entry.status, entry.status_changed_on, entry.changes.count()) == before
        assert (
            PageLogEntry.objects.filter(
                action__startswith="govopen_negative_list"
            ).count()
            == 1
        )

    def test_an_entry_cannot_be_moved_back_onto_the_list(self, entry):
        with pytest.raises(ValidationError) as error:
            entry.adjust(None, NegativeListStatus.LISTED, "恢复")
        assert "to_status" in error.value.message_dict

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_a_reason_is_required(self, entry, reason):
        with pytest.raises(ValidationError) as error:
            entry.mark_reviewed(None, reason)
        assert "reason" in error.value.message_dict
        assert not NegativeListEntryChange.objects.exists()

    def test_dates_are_checked(self, entry, today):
        with pytest.raises(ValidationError) as error:
            entry.remove(None, "x", today + datetime.timedelta(days=1))
        assert "date" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            entry.remove(None, "x", datetime.date(2025, 3, 19))
        assert "date" in error.value.message_dict
        entry.mark_reviewed(None, "年度评估", datetime.date(2026, 3, 1))
        with pytest.raises(ValidationError):
            entry.mark_reviewed(None, "补录", datetime.date(2026, 2, 1))

    def test_a_stale_copy_cannot_act_twice(self, entry, today):
        stale = NegativeListEntry.objects.get(pk=entry.pk)
        entry.remove(None, "依据已废止")
        with pytest.raises(ValidationError):
            stale.move_to_on_request(None, "同时操作")
        assert NegativeListEntryChange.objects.count() == 1

    def test_actions_are_not_callable_from_templates(self):
        for name in ("mark_reviewed", "remove", "move_to_proactive", "adjust"):
            assert getattr(NegativeListEntry, name).alters_data


# The review state survives revisions and is shared by translations --------------


class TestReviewState:
    def test_publishing_an_old_revision_does_not_undo_a_decision(self, page, today):
        entry = NegativeListEntryFactory(page=page)
        page = page.specific_class.objects.get(pk=page.pk)
        old_revision = page.save_revision()
        entry.remove(None, "依据已废止")
        old_revision.publish()
        entry.refresh_from_db()
        assert entry.status == NegativeListStatus.REMOVED
        assert entry.next_review_on is None
        # ...while the wording from the revision is published as usual.
        page = page.specific_class.objects.get(pk=page.pk)
        entries = list(page.entries.all())
        entries[0].content = "新的表述"
        page.entries = entries
        page.save_revision().publish()
        entry.refresh_from_db()
        assert entry.content == "新的表述"
        assert entry.status == NegativeListStatus.REMOVED

    def test_editing_the_listing_date_moves_the_review(self, entry, today):
        entry.listed_on = datetime.date(2025, 9, 1)
        entry.save()
        assert entry.next_review_on == datetime.date(2026, 9, 1)
        entry.mark_reviewed(None, "年度评估")
        entry.listed_on = datetime.date(2025, 8, 1)
        entry.save()
        entry.refresh_from_db()
        assert entry.next_review_on == datetime.date(2027, 6, 15)

    def test_translations_share_the_state(self, page, today):
        entry = NegativeListEntryFactory(page=page)
        english = Locale.objects.get_or_create(language_code="en")[0]
        translated_page = page.copy_for_translation(english, copy_parents=True)
        translated = translated_page.entries.get()
        assert translated.translation_key == entry.translation_key
        assert translated.locale == english
        entry.move_to_on_request(None, "可依申请提供")
        translated.refresh_from_db()
        assert translated.status == NegativeListStatus.ON_REQUEST
        assert translated.status_changed_on == today
        # A later copy made from a stale source still takes the shared state.
        french = Locale.objects.get_or_create(language_code="fr")[0]
        stale = NegativeListEntry.objects.get(pk=entry.pk)
        stale.status = NegativeListStatus.LISTED
        copy = stale.copy_for_translation(french)
        copy.page = translated_page
        copy.save()
        assert copy.status == NegativeListStatus.ON_REQUEST

    def test_originals_show_each_entry_once(self, page, today):
        entry = NegativeListEntryFactory(page=page)
        english = Locale.objects.get_or_create(language_code="en")[0]
        page.copy_for_translation(english, copy_parents=True)
        assert NegativeListEntry.objects.count() == 2
        assert list(NegativeListEntry.objects.originals()) == [entry]

    def test_citable_entries(self, page, today):
        listed = NegativeListEntryFactory(page=page)
        removed = NegativeListEntryFactory(page=page)
        removed.remove(None, "依据已废止")
        draft = NegativeListPageFactory(parent=page.get_parent(), live=False)
        NegativeListEntryFactory(page=draft)
        english = Locale.objects.get_or_create(language_code="en")[0]
        page.copy_for_translation(english, copy_parents=True)
        assert list(NegativeListEntry.objects.citable()) == [listed]


def test_integrators_hear_of_each_decision(entry, django_capture_on_commit_callbacks):
    from wagtail import hooks

    heard = []
    with hooks.register_temporarily(
        "govopen_negative_list_entry_changed",
        lambda entry, change: heard.append((entry.pk, change.to_status)),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            entry.mark_reviewed(None, "继续列入")
        with django_capture_on_commit_callbacks(execute=True):
            entry.remove(None, "依据已废止")
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(ValidationError),
        ):
            entry.remove(None, "再次移出")
    assert heard == [(entry.pk, "listed"), (entry.pk, "removed")]


def test_the_cdn_is_purged_when_frontend_cache_is_installed(entry, monkeypatch):
    from django.apps import apps
    from wagtail.contrib.frontend_cache import utils

    from govopen.negative_list.frontend_cache import purge_list_pages

    purged = []
    monkeypatch.setattr(
        utils.PurgeBatch, "purge", lambda self, **kw: purged.extend(self.urls)
    )
    change = entry.mark_reviewed(None, "继续列入")
    purge_list_pages(entry, change)
    assert purged == []  # not installed in the example site
    monkeypatch.setattr(apps, "is_installed", lambda name: True)
    purge_list_pages(entry, change)
    assert purged == [entry.page.full_url]


def test_copying_a_list_copies_entries_not_their_record(page, today):
    entry = NegativeListEntryFactory(page=page)
    entry.move_to_on_request(None, "可依申请提供")
    copy = page.copy(update_attrs={"slug": "fmqd-copy", "title": "负面清单（副本）"})
    copied = copy.entries.get()
    assert copied.translation_key != entry.translation_key
    assert copied.status == NegativeListStatus.ON_REQUEST
    assert not copied.changes.exists()
    copied.move_to_proactive(None, "副本调整")
    entry.refresh_from_db()
    assert entry.status == NegativeListStatus.ON_REQUEST
