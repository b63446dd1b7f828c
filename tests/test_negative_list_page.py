"""The negative list page: editing rules, the public list, its history and filters."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govopen.core import calendar
from govopen.core.enums import NON_DISCLOSURE_GROUNDS, NegativeListStatus, ReplyReason
from govopen.core.models import GovOpenIndexPage
from govopen.negative_list.models import (
    NegativeListEntry,
    NegativeListEntryChange,
    NegativeListPage,
)
from home.models import HomePage

from .factories import OrganizationFactory
from .test_negative_list_factories import (
    NegativeListEntryFactory,
    NegativeListPageFactory,
    build_index,
)

TODAY = datetime.date(2026, 6, 15)
URL = "/zfxxgk/fmqd/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def entry_form(number, organization, **overrides):
    return {
        "number": number,
        "listed_on": "2025-03-20",
        "category": "国家秘密",
        "content": f"第{number}项涉密信息",
        "ground": ReplyReason.STATE_SECRET,
        "organization": organization.pk,
        "legal_basis": "《中华人民共和国保守国家秘密法》第十三条",
        **overrides,
    }


# Editing -----------------------------------------------------------------------


class NegativeListPageRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="示范县", slug="nl-rules-home")
        root.add_child(instance=cls.home)
        Site.objects.update(root_page=cls.home)
        cls.index = GovOpenIndexPage(title="政府信息公开", slug="zfxxgk")
        cls.home.add_child(instance=cls.index)
        cls.county = OrganizationFactory(name="测试县人民政府")
        cls.bureau = OrganizationFactory(name="测试县教育局", parent=cls.county)
        cls.other = OrganizationFactory(name="外县财政局")

    def setUp(self):
        # Wagtail caches the site root paths; other tests change the root.
        Site.clear_site_root_paths_cache()
        self.user = self.login()

    def post_data(self, entries, initial=0, **page):
        return nested_form_data(
            {
                "title": "政务公开负面清单",
                "slug": "fmqd",
                "intro": rich_text("<p>本清单之外的政府信息依法公开。</p>"),
                "entries": inline_formset(entries, initial=initial),
                **page,
            }
        )

    def create(self, entries, **page):
        return self.client.post(
            f"/admin/pages/add/govopen_negative_list/negativelistpage/{self.index.pk}/",
            self.post_data(entries, **page),
        )

    def entry_errors(self, response):
        formset = response.context["form"].formsets["entries"]
        return [form.errors for form in formset.forms]

    def test_parent_and_children(self):
        self.assertCanCreateAt(GovOpenIndexPage, NegativeListPage)
        self.assertCanNotCreateAt(HomePage, NegativeListPage)
        self.assertAllowedSubpageTypes(NegativeListPage, {})

    def test_create_with_entries_through_the_admin(self):
        self.assertCanCreate(
            self.index,
            NegativeListPage,
            self.post_data(
                [
                    entry_form(1, self.county),
                    entry_form(
                        2,
                        self.bureau,
                        category="内部事务信息",
                        ground=ReplyReason.INTERNAL_AFFAIRS,
                        legal_basis="《中华人民共和国政府信息公开条例》第十六条第一款",
                    ),
                ]
            ),
        )
        page = NegativeListPage.objects.get()
        entries = list(page.entries.order_by("number"))
        assert [e.ground for e in entries] == ["state_secret", "internal_affairs"]
        assert all(e.status == NegativeListStatus.LISTED for e in entries)
        assert entries[1].next_review_on == datetime.date(2026, 3, 20)
        assert entries[0].locale_id == page.locale_id

    def test_a_ground_and_a_basis_are_required(self):
        response = self.create(
            [
                entry_form(1, self.county, ground=""),
                entry_form(2, self.county, legal_basis="   "),
                entry_form(3, self.county, ground=ReplyReason.PETITION),
            ]
        )
        assert response.status_code == 200
        errors = self.entry_errors(response)
        assert "ground" in errors[0]
        assert "legal_basis" in errors[1]
        assert "ground" in errors[2]
        assert not NegativeListPage.objects.exists()

    def test_numbers_are_unique_in_a_list(self):
        response = self.create([entry_form(1, self.county), entry_form(1, self.bureau)])
        assert response.status_code == 200
        assert "number" in self.entry_errors(response)[1]
        assert not NegativeListPage.objects.exists()

    def test_an_organisations_list_holds_only_its_entries(self):
        response = self.create(
            [entry_form(1, self.bureau), entry_form(2, self.other)],
            organization=self.county.pk,
        )
        assert response.status_code == 200
        errors = self.entry_errors(response)
        assert errors[0] == {}
        assert "organization" in errors[1]

    def test_a_published_entry_cannot_be_deleted(self):
        page = NegativeListPageFactory(parent=self.index, slug="fmqd")
        entry = NegativeListEntryFactory(page=page, number=1)
        data = self.post_data(
            [{**entry_form(1, self.county), "id": entry.pk}], initial=1
        )
        data["entries-0-DELETE"] = "1"
        data["action-publish"] = "publish"
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 200
        assert "移出" in str(response.context["form"].non_field_errors())
        assert NegativeListEntry.objects.filter(pk=entry.pk).exists()

    def test_an_unpublished_draft_entry_can_be_deleted(self):
        page = NegativeListPage(title="草稿清单", slug="draft", live=False)
        self.index.add_child(instance=page)
        entry = NegativeListEntryFactory(page=page, number=1)
        data = self.post_data(
            [{**entry_form(1, self.county), "id": entry.pk}], initial=1
        )
        data["slug"] = "draft"
        data["entries-0-DELETE"] = "1"
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302

    def test_renders_and_previews(self):
        page = NegativeListPageFactory(parent=self.index, slug="fmqd")
        NegativeListEntryFactory(page=page, organization=self.county)
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(page)

    def test_editor_shows_the_review_state(self):
        page = NegativeListPageFactory(parent=self.index, slug="fmqd")
        entry = NegativeListEntryFactory(page=page, organization=self.county)
        entry.remove(self.user, "依据已废止")
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        html = response.content.decode()
        assert "govopen-nl-review-state" in html
        assert f"/admin/negative-list/{entry.pk}/" in html


# The public page ------------------------------------------------------------------


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def orgs(db):
    return (
        OrganizationFactory(name="测试县自然资源局", code="NR01", sort_order=2),
        OrganizationFactory(name="测试县卫生健康委", code="HE01", sort_order=1),
    )


@pytest.fixture
def listed(today, orgs, client):
    """A published list: three categories, a history over two years."""
    nr, he = orgs
    page = NegativeListPageFactory(parent=build_index(), slug="fmqd")
    make = NegativeListEntryFactory
    entries = {
        1: make(page=page, number=1, category="国家秘密", organization=nr),
        2: make(
            page=page,
            number=2,
            category="个人隐私",
            ground=ReplyReason.THIRD_PARTY_RIGHTS,
            legal_basis="《中华人民共和国基本医疗卫生与健康促进法》第九十二条",
            organization=he,
        ),
        3: make(page=page, number=3, category="国家秘密", organization=he),
        4: make(
            page=page,
            number=4,
            category="过程性信息",
            ground=ReplyReason.PROCESS_INFORMATION,
            legal_basis="《中华人民共和国政府信息公开条例》第十六条第二款",
            organization=nr,
        ),
        5: make(page=page, number=5, category="个人隐私", organization=nr),
        6: make(page=page, number=6, category="国家秘密", organization=he),
    }
    entries[1].mark_reviewed(None, "年度评估：继续列入", datetime.date(2026, 3, 1))
    entries[4].move_to_on_request(
        None, "规划已公布，可依申请提供", datetime.date(2026, 4, 2)
    )
    entries[5].remove(None, "依据已废止，移出清单", datetime.date(2025, 5, 6))
    entries[6].move_to_proactive(
        None, "已随结果公告主动公开", datetime.date(2026, 2, 3)
    )
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return page, entries


def test_current_entries_grouped_by_category_with_their_basis(listed, client):
    html = soup(client.get(URL))
    tables = html.select(".govopen-negative-list__current table")
    assert [t.caption.get_text(strip=True) for t in tables] == ["国家秘密", "个人隐私"]
    rows = [
        [r.find("td").get_text(strip=True) for r in t.tbody.find_all("tr")]
        for t in tables
    ]
    assert rows == [["1", "3"], ["2"]]
    privacy = tables[1].tbody.tr
    cells = [c.get_text(" ", strip=True) for c in privacy.find_all(["td", "th"])]
    assert "《中华人民共和国基本医疗卫生与健康促进法》第九十二条" in cells
    assert any("第十五条" in c for c in cells)
    assert "测试县卫生健康委" in cells
    assert "3" in html.select_one(".govopen-negative-list__summary").get_text()


def test_accessible_table_markup(listed, client):
    html = soup(client.get(URL))
    for table in html.select("main table"):
        assert table.caption is not None and table.caption.get_text(strip=True)
        assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
        for row in table.tbody.find_all("tr"):
            assert [th.get("scope") for th in row.find_all("th")] == ["row"]
        region = table.parent
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-labelledby") == table.caption["id"]


def test_changes_of_this_year_with_their_reasons(listed, client):
    html = soup(client.get(URL))
    section = html.select_one(".govopen-negative-list__changes")
    assert "2026" in section.h2.get_text()
    rows = section.select("tbody tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == [
        "2026-02-03",
        "2026-04-02",
    ]
    text = section.get_text(" ", strip=True)
    assert "已随结果公告主动公开" in text and "规划已公布，可依申请提供" in text
    # Reviews that change nothing and last year's changes are not in this year's record.
    assert "年度评估" not in text and "依据已废止" not in text


def test_changes_of_another_year(listed, client):
    html = soup(client.get(URL, {"year": "2025"}))
    section = html.select_one(".govopen-negative-list__changes")
    rows = section.select("tbody tr")
    assert len(rows) == 1 and "依据已废止，移出清单" in rows[0].get_text()
    years = [a.get_text(strip=True) for a in section.select("nav li")]
    assert years == ["2026", "2025"]
    assert section.select_one("nav [aria-current=page]").get_text() == "2025"


def test_filter_by_organisation(listed, client, orgs):
    nr, he = orgs
    html = soup(client.get(URL, {"organization": he.code}))
    numbers = [
        td.get_text(strip=True)
        for td in html.select(".govopen-negative-list__current tbody tr td:first-child")
    ]
    assert numbers == ["2", "3"]  # 个人隐私 comes first: it holds the lower number
    changes = html.select(".govopen-negative-list__changes tbody tr")
    assert len(changes) == 1 and "已随结果公告主动公开" in changes[0].get_text()
    options = html.select("#govopen-nl-organization option")
    assert [o["value"] for o in options] == ["", "HE01", "NR01"]
    assert (
        html.select_one("#govopen-nl-organization option[selected]")["value"] == "HE01"
    )
    assert html.find("label", attrs={"for": "govopen-nl-organization"}) is not None
    assert html.select_one("form.govopen-negative-list__filter")["method"] == "get"


@pytest.mark.parametrize(
    "params",
    [
        {"organization": "nobody"},
        {"organization": "", "year": "abc"},
        {"year": "1900"},
        {"year": "2026.5", "organization": ""},
        {"organization": "<script>"},
    ],
)
def test_bad_parameters_show_the_whole_list(listed, client, params):
    html = soup(client.get(URL, params))
    rows = html.select(".govopen-negative-list__current tbody tr")
    assert len(rows) == 3
    assert "2026" in html.select_one(".govopen-negative-list__changes h2").get_text()
    assert "<script>" not in html.select_one("main").decode()


def test_printable(listed, client):
    html = soup(client.get(URL))
    assert html.find("link", attrs={"media": "print"}) is not None
    # The print style sheet hides .govopen-actions: the filter and year links.
    assert (
        "govopen-actions"
        in html.select_one("form.govopen-negative-list__filter")["class"]
    )


def test_query_count_does_not_grow_with_the_list(listed, client, orgs):
    page, entries = listed

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    client.get(URL)  # warm the site and settings caches
    before = count()
    for number in range(7, 40):
        entry = NegativeListEntryFactory(
            page=page, number=number, organization=orgs[number % 2]
        )
        if number % 3 == 0:
            entry.move_to_on_request(None, "调整", TODAY)
    assert count() == before


def test_the_listing_takes_two_queries(listed, django_assert_num_queries, rf):
    page, _ = listed
    page = NegativeListPage.objects.get(pk=page.pk)
    with django_assert_num_queries(2):
        listing = page.get_listing(rf.get(URL, {"organization": "HE01"}))
    assert listing.count == 2


def test_preview_shows_the_recorded_state(listed, client, admin_client):
    page, entries = listed
    page = NegativeListPage.objects.get(pk=page.pk)
    revision = page.save_revision()
    entries[1].remove(None, "依据已废止")
    preview = revision.as_object()
    listing = preview.get_listing()
    # The revision still holds entry 1 as listed; the database says removed.
    assert [e.number for _, group in listing.groups for e in group] == [2, 3]


def test_the_landing_page_links_to_the_list(listed, client):
    html = soup(client.get("/zfxxgk/"))
    assert html.find("a", href=URL) is not None


# The demo -----------------------------------------------------------------------


def test_demo_list(demo, client):
    page = NegativeListPage.objects.get(locale=demo.locale)
    assert page.live and page.get_parent().pk == demo.govopen_index.pk
    entries = NegativeListEntry.objects.filter(page=page)
    assert 10 <= entries.count() <= 20
    assert {e.ground for e in entries} == {g.value for g in NON_DISCLOSURE_GROUNDS}
    assert set(entries.values_list("status", flat=True)) == set(
        NegativeListStatus.values
    )
    assert (
        entries.overdue().exists()
        and entries.due_for_review(within_days=30)
        .exclude(pk__in=entries.overdue())
        .exists()
    )
    this_year = calendar.today().year
    changes = NegativeListEntryChange.objects.filter(entry__page=page)
    assert changes.filter(kind="adjusted", date__year=this_year).exists()
    assert changes.filter(kind="adjusted", date__year=this_year - 1).exists()
    assert changes.filter(kind="reviewed").exists()
    html = soup(client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert html.select(".govopen-negative-list__current table")
    assert html.select(".govopen-negative-list__changes tbody tr")
