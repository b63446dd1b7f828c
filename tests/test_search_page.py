"""The site search page: grouping, highlighting, pagination, kind filter, bad input."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from govopen.core.models import (
    GovOpenIndexPage,
    GuidePage,
    SearchPage,
    StandardPage,
)
from govopen.core.search import kinds
from govopen.core.search.kinds import SearchKind, search_kind_for
from home.models import HomePage

from .factories import GovOpenIndexPageFactory, GuidePageFactory, StandardPageFactory
from .test_search_backend import BAD_QUERIES, GOVOPEN


@pytest.fixture(autouse=True)
def govopen_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = GOVOPEN


@pytest.fixture
def section(db):
    root = Page.get_first_root_node()
    home = HomePage(title="示范县", slug="search-page-home")
    root.add_child(instance=home)
    Site.objects.update(root_page=home)
    return GovOpenIndexPageFactory(parent=home, slug="zfxxgk")


@pytest.fixture
def search_page(section):
    page = SearchPage(title="站内搜索", slug="search")
    section.add_child(instance=page)
    return page


@pytest.fixture
def guides_are_policies(monkeypatch):
    """Pretend GuidePage is a policy page type, to have two kinds of result."""
    monkeypatch.setattr(GuidePage, "search_kind", SearchKind.POLICY, raising=False)


def get(client, query=None, **params):
    if query is not None:
        params["q"] = query
    response = client.get("/zfxxgk/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def group_titles(soup):
    return [
        h2.get_text(" ", strip=True) for h2 in soup.select(".govopen-search-group h2")
    ]


def result_titles(soup):
    return [a.get_text() for a in soup.select(".govopen-search-result h3 a")]


class TestPageRules(WagtailPageTestCase):
    def test_only_under_the_section(self):
        self.assertCanCreateAt(GovOpenIndexPage, SearchPage)
        self.assertCanNotCreateAt(HomePage, SearchPage)
        self.assertCanNotCreateAt(StandardPage, SearchPage)
        self.assertAllowedSubpageTypes(SearchPage, {})


class TestKinds:
    def test_declared_kind_wins(self, guides_are_policies):
        assert search_kind_for(GuidePage) == SearchKind.POLICY

    def test_model_label_defaults(self, monkeypatch):
        monkeypatch.setitem(
            kinds.DEFAULT_KINDS, "govopen_core.standardpage", SearchKind.QA
        )
        assert search_kind_for(StandardPage) == SearchKind.QA

    def test_unknown_pages_are_other(self):
        assert search_kind_for(StandardPage) == SearchKind.OTHER
        assert search_kind_for(Page) == SearchKind.OTHER


class TestSearchPage:
    def test_renders_without_query(self, client, search_page):
        soup = get(client)
        assert soup.select_one("form[role=search][method=get] input[name=q]")
        assert not soup.select(".govopen-search-result")
        assert not soup.select(".govopen-search-status")

    def test_groups_by_kind(self, client, search_page, section, guides_are_policies):
        GuidePageFactory(parent=section, title="政务公开指南")
        StandardPageFactory(parent=section, title="政务公开制度")
        StandardPageFactory(parent=section, title="无关页面")
        soup = get(client, "政务公开")
        assert group_titles(soup) == ["政策文件 (1)", "其他页面 (1)"] or group_titles(
            soup
        ) == ["Policy documents (1)", "Other pages (1)"]
        groups = soup.select(".govopen-search-group")
        assert result_titles(groups[0]) == ["政务公开指南"]
        assert result_titles(groups[1]) == ["政务公开制度"]
        assert "无关页面" not in soup.get_text()
        assert "2" in soup.select_one(".govopen-search-status").get_text()

    def test_the_section_and_search_page_themselves(self, client, search_page):
        soup = get(client, "站内搜索")
        assert result_titles(soup) == []
        soup = get(client, "政府信息公开")
        assert result_titles(soup) == ["政府信息公开"]

    def test_highlights_escaped_matches(self, client, search_page, section):
        StandardPageFactory(
            parent=section,
            title="<b>政务公开</b>工作",
            body="<p>前言。" + "很长的正文" * 80 + "推进政务公开。</p>",
        )
        soup = get(client, "政務公開")
        link = soup.select_one(".govopen-search-result h3 a")
        assert str(link).count("<mark>政务公开</mark>") == 1
        assert "&lt;b&gt;" in str(link)
        assert not link.find("b")
        excerpt = soup.select_one(".govopen-search-result p")
        assert "<mark>政务公开</mark>" in str(excerpt)
        assert excerpt.get_text().startswith("…")

    def test_kind_filter_and_pagination(
        self, client, search_page, section, guides_are_policies
    ):
        for i in range(25):
            StandardPageFactory(parent=section, title=f"第{i}号政务公开通知")
        GuidePageFactory(parent=section, title="政务公开指南")

        overview = get(client, "政务公开")
        assert len(overview.select(".govopen-search-result")) == 1 + 5
        more = overview.select_one(f"a[href*='kind={SearchKind.OTHER.value}']")
        assert more is not None

        first = get(client, "政务公开", kind="other")
        assert group_titles(first)[0].endswith("(25)")
        assert len(result_titles(first)) == 20
        assert "政务公开指南" not in result_titles(first)
        pagination = first.select_one(".govopen-pagination")
        assert pagination.select_one("[aria-current=page]").get_text() == "1"
        next_link = pagination.select_one("a[rel=next]")["href"]
        assert "page=2" in next_link and "kind=other" in next_link

        second = get(client, "政务公开", kind="other", page="2")
        assert len(result_titles(second)) == 5
        assert not set(result_titles(first)) & set(result_titles(second))
        assert second.select_one("ol.govopen-search-results")["start"] == "21"

        for page in ("abc", "999", "-1", "0"):
            soup = get(client, "政务公开", kind="other", page=page)
            assert result_titles(soup)

        policies = get(client, "政务公开", kind="policy")
        assert result_titles(policies) == ["政务公开指南"]

    def test_unknown_kind_is_ignored(self, client, search_page, section):
        StandardPageFactory(parent=section, title="政务公开")
        assert result_titles(get(client, "政务公开", kind="<bogus>")) == ["政务公开"]

    def test_a_single_kind_is_listed_directly(self, client, search_page, section):
        for i in range(22):
            StandardPageFactory(parent=section, title=f"第{i}号政务公开通知")
        soup = get(client, "政务公开")
        assert len(result_titles(soup)) == 20
        assert soup.select_one(".govopen-pagination a[rel=next]")

    def test_no_results(self, client, search_page):
        soup = get(client, "不存在的词语")
        assert "不存在的词语" in soup.select_one(".govopen-search-status").get_text()
        assert not soup.select(".govopen-search-result")

    def test_only_live_public_pages_of_the_section(self, client, search_page, section):
        StandardPageFactory(parent=section, title="政务公开草稿", live=False)
        other = GovOpenIndexPageFactory(
            parent=section.get_parent(), title="别的栏目", slug="other"
        )
        StandardPageFactory(parent=other, title="别处的政务公开")
        assert result_titles(get(client, "政务公开")) == []

    def test_query_count_does_not_grow_with_results(self, client, search_page, section):
        def queries_for(query):
            get(client, query)  # warm the content type and site caches
            with CaptureQueriesContext(connection) as captured:
                soup = get(client, query)
            return len(captured), len(result_titles(soup))

        for i in range(20):
            StandardPageFactory(parent=section, title=f"第{i}号政务公开通知")
        StandardPageFactory(parent=section, title="唯一的标题")
        few, one = queries_for("唯一")
        many, twenty = queries_for("政务公开")
        assert (one, twenty) == (1, 20)
        assert many <= few + 1

    @pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
    def test_absurd_queries_give_a_normal_page(self, client, search_page, query):
        for kind in ("", "other", "qa"):
            soup = get(client, query, kind=kind, page="2")
            assert soup.select_one("form[role=search]")
