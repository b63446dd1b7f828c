"""The review report, the review actions in the admin, and the citation count."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.models import Locale, PageLogEntry

from govopen.core import calendar
from govopen.core.enums import NegativeListStatus
from govopen.negative_list import models as negative_list_models
from govopen.negative_list.models import (
    NegativeListEntry,
    NegativeListEntryChange,
    citation_relation,
)

from .factories import OrganizationFactory
from .test_negative_list_factories import (
    NegativeListEntryFactory,
    NegativeListPageFactory,
    build_index,
    make_reviewer,
)

REPORT = "/admin/negative-list/"


def soup(response):
    assert response.status_code == 200, response
    return BeautifulSoup(response.content.decode(), "html.parser")


def freeze(monkeypatch, day):
    monkeypatch.setattr(calendar, "today", lambda: day)
    return day


@pytest.fixture
def today(monkeypatch):
    return freeze(monkeypatch, datetime.date(2026, 6, 15))


@pytest.fixture
def setup(today, db):
    """Two organisations' entries on a published list, one unpublished list."""
    education = OrganizationFactory(name="测试县教育局")
    finance = OrganizationFactory(name="测试县财政局")
    index = build_index()
    page = NegativeListPageFactory(parent=index, slug="fmqd")
    draft = NegativeListPageFactory(parent=index, slug="draft", live=False)
    make = NegativeListEntryFactory
    entries = {
        # listed 2025-03-20 → review due 2026-03-20: overdue
        "overdue": make(page=page, number=1, organization=education),
        # due in 20 days
        "soon": make(
            page=page,
            number=2,
            organization=education,
            listed_on=datetime.date(2025, 7, 5),
        ),
        # due in about five months
        "later": make(
            page=page,
            number=3,
            organization=education,
            listed_on=datetime.date(2025, 11, 20),
        ),
        "finance": make(page=page, number=4, organization=finance),
        "adjusted": make(page=page, number=5, organization=education),
        "draft": make(page=draft, number=1, organization=education),
    }
    entries["adjusted"].remove(None, "依据已废止", datetime.date(2026, 1, 10))
    reviewer = make_reviewer("edu-staff", education)
    return entries, reviewer, education, finance


def report_numbers(client, **params):
    html = soup(client.get(REPORT, params))
    return sorted(
        int(a.get_text(strip=True).split(".")[0]) for a in html.select("td.title a")
    )


# The report ---------------------------------------------------------------------


def test_the_report_shows_what_is_due_for_the_users_organisations(setup, client):
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    assert report_numbers(client) == [1, 2]
    assert report_numbers(client, due="overdue") == [1]
    assert report_numbers(client, due="quarter") == [1, 2]
    assert report_numbers(client, due="all") == [1, 2, 3]
    assert report_numbers(client, due="nonsense") == [1, 2]


def test_the_report_dates(setup, client):
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    html = soup(client.get(REPORT))
    rows = {
        int(row.select_one("td.title a").get_text().split(".")[0]): row
        for row in html.select("tbody tr")
    }
    overdue = rows[1].get_text(" ", strip=True)
    assert "2026-03-20" in overdue and "87" in overdue
    soon = rows[2].get_text(" ", strip=True)
    assert "2026-07-05" in soon and "20" in soon
    assert "2025-03-20" in overdue  # never reviewed: listed on


@override_settings(GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL={"working_days": 20})
def test_the_report_counts_working_days(monkeypatch, client, db):
    """With a working-day interval the due date skips the National Day holiday."""
    freeze(monkeypatch, datetime.date(2025, 10, 20))
    organization = OrganizationFactory()
    page = NegativeListPageFactory(parent=build_index(), slug="fmqd")
    entry = NegativeListEntryFactory(
        page=page, organization=organization, listed_on=datetime.date(2025, 9, 24)
    )
    assert entry.next_review_on == datetime.date(2025, 10, 28)
    client.force_login(make_reviewer("staff", organization))
    html = soup(client.get(REPORT))
    assert "2025-10-28" in html.select_one("tbody").get_text()
    assert report_numbers(client, due="overdue") == []
    freeze(monkeypatch, datetime.date(2025, 10, 29))
    assert report_numbers(client, due="overdue") == [entry.number]
    # A review on 2025-10-29 puts the next one 20 working days later.
    entry.mark_reviewed(None, "继续列入")
    entry.refresh_from_db()
    assert entry.next_review_on == calendar.add_working_days(
        datetime.date(2025, 10, 29), 20
    )
    assert entry.next_review_on == datetime.date(2025, 11, 26)


def test_superusers_see_every_organisation(setup, client):
    entries, _, education, finance = setup
    client.force_login(make_reviewer("root", superuser=True))
    assert report_numbers(client, due="all") == [1, 2, 3, 4]
    html = soup(client.get(REPORT, {"organization": finance.pk, "due": "all"}))
    assert [a.get_text(strip=True)[:2] for a in html.select("td.title a")] == ["4."]


def test_translations_appear_once(setup, client):
    entries, reviewer, *_ = setup
    english = Locale.objects.get_or_create(language_code="en")[0]
    entries["overdue"].page.copy_for_translation(english, copy_parents=True)
    assert NegativeListEntry.objects.filter(number=1).count() == 3  # + draft's
    client.force_login(reviewer)
    assert report_numbers(client) == [1, 2]


def test_the_report_needs_the_review_permission(setup, client):
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "测试县" not in response.content.decode()
    home = client.get("/admin/").content.decode()
    assert REPORT not in home
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    assert REPORT in client.get("/admin/").content.decode()


def test_the_report_exports(setup, client):
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    response = client.get(REPORT, {"export": "csv", "due": "all"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 4
    assert (
        "2026-03-20" in lines[1]
        and "《中华人民共和国保守国家秘密法》第十三条" in lines[1]
    )


# Actions ------------------------------------------------------------------------


def test_reviewed_unchanged_through_the_admin(setup, client, today):
    entries, reviewer, *_ = setup
    entry = entries["overdue"]
    client.force_login(reviewer)
    url = f"{REPORT}{entry.pk}/review/"
    form = soup(client.get(url))
    assert entry.content in form.get_text()
    assert form.select_one("input[name=date]")["value"] == "2026-06-15"
    response = client.post(url, {"date": "2026-06-10", "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    response = client.post(url, {"date": "2026-06-10", "reason": "依据仍然有效"})
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}{entry.pk}/"
    entry.refresh_from_db()
    assert entry.last_reviewed_on == datetime.date(2026, 6, 10)
    assert entry.next_review_on == datetime.date(2027, 6, 10)
    change = entry.changes.get()
    assert (change.user, change.reason, change.kind) == (
        reviewer,
        "依据仍然有效",
        NegativeListEntryChange.Kind.REVIEWED,
    )
    assert report_numbers(client) == [2]
    history = soup(client.get(f"{REPORT}{entry.pk}/"))
    row = history.select_one("table.listing tbody tr").get_text(" ", strip=True)
    assert "2026-06-10" in row and "依据仍然有效" in row and "edu-staff" in row


def test_adjust_through_the_admin(setup, client):
    entries, reviewer, *_ = setup
    entry = entries["soon"]
    client.force_login(reviewer)
    url = f"{REPORT}{entry.pk}/adjust/?next={REPORT}"
    form = soup(client.get(url))
    choices = [i["value"] for i in form.select("input[name=to_status]")]
    assert choices == ["on_request", "proactive", "removed"]
    response = client.post(
        url, {"to_status": "listed", "date": "2026-06-15", "reason": "x"}
    )
    assert "to_status" in response.context["form"].errors
    response = client.post(
        url,
        {"to_status": "proactive", "date": "2026-06-15", "reason": "已在门户网站公开"},
    )
    assert response.status_code == 302 and response["Location"] == REPORT
    entry.refresh_from_db()
    assert entry.status == NegativeListStatus.PROACTIVE
    log = PageLogEntry.objects.get(action="govopen_negative_list.adjust", user=reviewer)
    assert log.data["reason"] == "已在门户网站公开"
    assert log.data["entry"]["number"] == entry.number
    # Editors see the decision in the list page's history.
    client.force_login(make_reviewer("editor", superuser=True))
    history = soup(client.get(f"/admin/pages/{entry.page_id}/history/"))
    assert "已在门户网站公开" in history.get_text()
    client.force_login(reviewer)
    # A removed entry can no longer be adjusted.
    response = client.post(
        f"{REPORT}{entries['adjusted'].pk}/adjust/",
        {"to_status": "proactive", "date": "2026-06-15", "reason": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert entries["adjusted"].changes.count() == 1


def test_dates_outside_the_entrys_life_are_refused(setup, client):
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    response = client.post(
        f"{REPORT}{entries['overdue'].pk}/review/",
        {"date": "2025-01-01", "reason": "补录"},
    )
    assert "date" in response.context["form"].errors
    response = client.post(
        f"{REPORT}{entries['overdue'].pk}/review/",
        {"date": "2026-07-01", "reason": "预先登记"},
    )
    assert "date" in response.context["form"].errors
    assert not NegativeListEntryChange.objects.filter(kind="reviewed").exists()


def test_other_organisations_entries_are_out_of_reach(setup, client):
    entries, reviewer, *_ = setup
    client.force_login(reviewer)
    finance_entry = entries["finance"]
    for path in ("", "review/", "adjust/"):
        assert client.get(f"{REPORT}{finance_entry.pk}/{path}").status_code == 404
    response = client.post(
        f"{REPORT}{finance_entry.pk}/adjust/",
        {"to_status": "removed", "date": "2026-06-15", "reason": "越权"},
    )
    assert response.status_code == 404
    finance_entry.refresh_from_db()
    assert finance_entry.status == NegativeListStatus.LISTED


# Citations ----------------------------------------------------------------------


def test_citation_count_without_applications(setup, client, monkeypatch):
    monkeypatch.setattr(negative_list_models.entries, "citation_relation", lambda: None)
    monkeypatch.setattr("govopen.negative_list.views.citation_relation", lambda: None)
    entries, reviewer, *_ = setup
    assert entries["overdue"].citations_this_year() == 0
    client.force_login(reviewer)
    html = soup(client.get(REPORT))
    assert "Cited this year" not in html.get_text() and "引用" not in html.get_text()


def test_citation_count_by_year_and_translation(setup, client, monkeypatch, today):
    """Counted like replies: the decisions recorded on an entry stand in for them."""
    relation = (NegativeListEntryChange, "entry", "date")
    monkeypatch.setattr(
        negative_list_models.entries, "citation_relation", lambda: relation
    )
    monkeypatch.setattr(
        "govopen.negative_list.views.citation_relation", lambda: relation
    )
    entries, reviewer, *_ = setup
    entry = entries["overdue"]
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = entry.page.copy_for_translation(
        english, copy_parents=True
    ).entries.get(number=1)
    entry.mark_reviewed(None, "一", datetime.date(2026, 1, 5))
    translated.mark_reviewed(None, "二", datetime.date(2026, 2, 5))
    NegativeListEntryChange.objects.create(
        entry=entry,
        locale=entry.locale,
        kind="reviewed",
        date=datetime.date(2025, 12, 31),
        from_status="listed",
        to_status="listed",
        reason="去年",
    )
    entry.refresh_from_db()
    assert entry.citations_this_year() == 2
    assert entry.citations_this_year(2025) == 1
    counted = NegativeListEntry.objects.with_citation_counts().get(pk=entry.pk)
    assert counted.citation_count == 2
    assert counted.citations_this_year() == 2
    client.force_login(reviewer)
    html = soup(client.get(REPORT, {"due": "all", "ordering": "-citation_count"}))
    headers = [th.get_text(strip=True) for th in html.select("thead th")]
    column = next(i for i, h in enumerate(headers) if "Cited" in h or "引用" in h)
    first = html.select_one("tbody tr").find_all("td")[column].get_text(strip=True)
    assert first == "2"
    page_html = soup(client.get(f"{REPORT}{entry.pk}/"))
    assert "2" in page_html.select_one(".govopen-nl-citations").get_text()


@pytest.mark.skipif(
    citation_relation() is None,
    reason="govopen.applications is not installed: nothing cites entries",
)
def test_citations_by_application_replies(setup, today, client):
    """Replies of govopen.applications citing an entry, counted by reply date."""
    from govopen.core.enums import ReplyReason, ReplyType

    from .factories_applications import make_application

    model, fk_name, date_field = citation_relation()
    assert (model._meta.label, fk_name, date_field) == (
        "govopen_applications.Reply",
        "negative_list_entry",
        "replied_on",
    )
    entries, reviewer, education, _ = setup
    entry = entries["overdue"]
    for n, replied_on in enumerate(("2026-02-01", "2026-05-01", "2025-11-01")):
        model.objects.create(
            application=make_application(organization=education, name=f"申请人{n}"),
            reply_type=ReplyType.NOT_DISCLOSED,
            reason=ReplyReason.STATE_SECRET,
            negative_list_entry=entry,
            replied_on=datetime.date.fromisoformat(replied_on),
        )
    assert entry.citations_this_year() == 2
    assert entry.citations_this_year(2025) == 1
    counted = NegativeListEntry.objects.with_citation_counts().get(pk=entry.pk)
    assert counted.citation_count == 2
    client.force_login(reviewer)
    html = soup(client.get(f"{REPORT}{entry.pk}/"))
    assert "2" in html.select_one(".govopen-nl-citations").get_text()
