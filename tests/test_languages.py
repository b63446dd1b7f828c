"""The three-language site: URLs, the language switcher, hreflang and <html lang>."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from govopen.core.languages import get_language_versions
from govopen.core.models import GuidePage, StandardPage
from home.models import HomePage

from .factories import GovOpenIndexPageFactory

BASE = "http://localhost"


@pytest.fixture
def demo(demo_translated):
    """The demo with its 繁體中文 and English versions, built once for this module."""
    return demo_translated


@pytest.fixture
def client_zh(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher(html):
    return html.select_one("nav.govopen-language-switcher")


def alternates(html):
    return {
        link["hreflang"]: link["href"]
        for link in html.head.find_all("link", rel="alternate")
    }


@pytest.mark.django_db
class TestLanguageSwitcher:
    def test_links_to_the_same_page_in_each_language(self, demo, client_zh):
        nav = switcher(soup(client_zh.get("/zfxxgk/guide/")))
        items = nav.find_all("li")
        assert [li.get_text(strip=True) for li in items] == [
            "简体中文",
            "繁體中文",
            "English",
        ]
        current = items[0].find("span")
        assert current["aria-current"] == "page" and current["lang"] == "zh-hans"
        assert items[0].find("a") is None
        links = {a["hreflang"]: a for a in nav.find_all("a")}
        assert links["zh-hant"]["href"] == "/zh-hant/zfxxgk/guide/"
        assert links["en"]["href"] == "/en/zfxxgk/guide/"
        for code, link in links.items():
            assert link["lang"] == code
            assert not link.has_attr("aria-current")
            assert not link.has_attr("data-govopen-language-home")
        assert nav.find(id="govopen-language-home-note") is None

    def test_keeps_the_reader_on_the_page_in_every_language(self, demo, client):
        for url, current in [
            ("/zh-hant/zfxxgk/guide/", "zh-hant"),
            ("/en/zfxxgk/guide/", "en"),
        ]:
            nav = switcher(soup(client.get(url)))
            assert nav.select_one("[aria-current=page]")["lang"] == current
            hrefs = {a["hreflang"]: a["href"] for a in nav.find_all("a")}
            assert hrefs == {
                code: href
                for code, href in {
                    "zh-hans": "/zfxxgk/guide/",
                    "zh-hant": "/zh-hant/zfxxgk/guide/",
                    "en": "/en/zfxxgk/guide/",
                }.items()
                if code != current
            }
            # Following a link lands on the same page in that language.
            for href in hrefs.values():
                assert client.get(href).status_code == 200

    def test_missing_translation_links_to_that_languages_home(self, demo, client_zh):
        # The rules page has no English version in the demo.
        nav = switcher(soup(client_zh.get("/zfxxgk/rules/")))
        links = {a["hreflang"]: a for a in nav.find_all("a")}
        assert links["zh-hant"]["href"] == "/zh-hant/zfxxgk/rules/"
        english = links["en"]
        assert english["href"] == "/en/"
        assert english.has_attr("data-govopen-language-home")
        assert english.get_text(strip=True) == "English"
        # Screen readers announce why the link leads to the home page.
        note = nav.find(id=english["aria-describedby"])
        assert note is not None and note.has_attr("hidden")
        assert note.get_text(strip=True)
        assert not links["zh-hant"].has_attr("aria-describedby")

    def test_unpublished_translation_is_not_offered(self, demo, client_zh):
        GuidePage.objects.get(locale__language_code="zh-hant").unpublish()
        nav = switcher(soup(client_zh.get("/zfxxgk/guide/")))
        link = nav.find("a", hreflang="zh-hant")
        assert link["href"] == "/zh-hant/"
        assert link.has_attr("data-govopen-language-home")

    def test_site_in_one_language_has_no_switcher(self, db, client_zh):
        home = HomePage(title="测试县人民政府", slug="test-home")
        Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
        html = soup(client_zh.get("/zfxxgk/"))
        assert html.find("h1").get_text(strip=True) == index.title
        assert switcher(html) is None
        assert alternates(html) == {}

    def test_views_that_are_not_pages(self, demo, client_zh):
        nav = switcher(soup(client_zh.get("/govopen/leave/?url=https://www.gov.cn/")))
        hrefs = {a["hreflang"]: a["href"] for a in nav.find_all("a")}
        assert hrefs == {
            "zh-hant": "/zh-hant/govopen/leave/?url=https://www.gov.cn/",
            "en": "/en/govopen/leave/?url=https://www.gov.cn/",
        }
        assert nav.select_one("[aria-current=page]")["lang"] == "zh-hans"


@pytest.mark.django_db
class TestHreflang:
    def test_all_languages_and_x_default(self, demo, client_zh):
        links = alternates(soup(client_zh.get("/zfxxgk/guide/")))
        assert links == {
            "zh-hans": f"{BASE}/zfxxgk/guide/",
            "zh-hant": f"{BASE}/zh-hant/zfxxgk/guide/",
            "en": f"{BASE}/en/zfxxgk/guide/",
            "x-default": f"{BASE}/zfxxgk/guide/",
        }

    def test_same_alternates_on_every_version(self, demo, client):
        expected = alternates(soup(client.get("/zfxxgk/guide/")))
        for url in ("/zh-hant/zfxxgk/guide/", "/en/zfxxgk/guide/"):
            assert alternates(soup(client.get(url))) == expected

    def test_only_real_translations(self, demo, client_zh):
        # No English rules page: no English alternate (the switcher's fallback
        # to the English home page is not an equivalent page).
        links = alternates(soup(client_zh.get("/zfxxgk/rules/")))
        assert links == {
            "zh-hans": f"{BASE}/zfxxgk/rules/",
            "zh-hant": f"{BASE}/zh-hant/zfxxgk/rules/",
            "x-default": f"{BASE}/zfxxgk/rules/",
        }

    def test_untranslated_page_has_none(self, demo, client_zh):
        page = StandardPage(title="保密审查制度", slug="secrecy")
        StandardPage.objects.get(pk=demo.rules.pk).add_child(instance=page)
        page.save_revision().publish()
        html = soup(client_zh.get("/zfxxgk/rules/secrecy/"))
        assert alternates(html) == {}
        # The switcher still lets the reader change language, at the home page.
        hrefs = {a["hreflang"]: a["href"] for a in switcher(html).find_all("a")}
        assert hrefs == {"zh-hant": "/zh-hant/", "en": "/en/"}

    def test_switcher_and_hreflang_cost_one_query(
        self, demo, client_zh, django_assert_num_queries
    ):
        client_zh.get("/zfxxgk/guide/")  # warms Wagtail's cache of site roots
        request = RequestFactory().get("/zfxxgk/guide/")
        request._wagtail_site = demo.site
        template = Template(
            "{% load govopen_tags %}{% govopen_language_switcher %}"
            '{% include "govopen/includes/hreflang.html" %}'
        )
        page = Page.objects.get(pk=demo.guide.pk).specific
        with django_assert_num_queries(1):
            html = template.render(Context({"page": page, "request": request}))
        assert html.count("<link") == 4 and html.count("<a ") == 2


@pytest.mark.django_db
class TestServedLanguages:
    @pytest.mark.parametrize(
        ("url", "lang", "title"),
        [
            ("/zfxxgk/guide/", "zh-hans", "政府信息公开指南"),
            ("/zh-hant/zfxxgk/guide/", "zh-hant", "政府信息公開指南"),
            ("/en/zfxxgk/guide/", "en", "Guide to Government Information Disclosure"),
            ("/zh-hant/", "zh-hant", "示範縣人民政府"),
            ("/en/zfxxgk/", "en", "Government Information Disclosure"),
        ],
    )
    def test_html_lang_and_content(self, demo, client_zh, url, lang, title):
        html = soup(client_zh.get(url))
        assert html.html["lang"] == lang
        assert html.find("h1").get_text(strip=True) == title

    def test_traditional_guide_shows_the_traditional_organisation(self, demo, client):
        html = soup(client.get("/zh-hant/zfxxgk/guide/"))
        office = html.select_one(".govopen-office").get_text()
        assert "示範縣人民政府政府信息公開工作機構" in office
        assert demo.county.phone in office

    def test_navigation_stays_in_the_language(self, demo, client):
        html = soup(client.get("/en/zfxxgk/guide/"))
        crumbs = [a["href"] for a in html.select("nav.govopen-breadcrumb a")]
        assert crumbs == ["/en/", "/en/zfxxgk/"]
        html = soup(client.get("/zh-hant/zfxxgk/"))
        links = {a.get_text(strip=True): a["href"] for a in html.select("main a")}
        assert links["政府信息公開指南"] == "/zh-hant/zfxxgk/guide/"

    def test_language_versions_without_request(self, demo):
        versions = get_language_versions(demo.guide)
        assert [(v.language_code, v.current, v.exact) for v in versions] == [
            ("zh-hans", True, True),
            ("zh-hant", False, True),
            ("en", False, True),
        ]
        assert versions[2].full_url == f"{BASE}/en/zfxxgk/guide/"


SEARCH_BACKEND = "govopen.core.search.backends.database"


@pytest.fixture
def searchable_demo(demo, settings):
    """The demo's guides, indexed again by govopen's search backend (issue 7)."""
    pytest.importorskip(SEARCH_BACKEND, reason="govopen's search backend")
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKEND}}
    backend = get_search_backend()
    for guide in GuidePage.objects.all():
        backend.add(guide)
    return demo


@pytest.mark.django_db
def test_search_finds_the_readers_language_in_either_script(searchable_demo):
    for query in ("信息公开指南", "信息公開指南"):
        for code, title in [
            ("zh-hans", "政府信息公开指南"),
            ("zh-hant", "政府信息公開指南"),
        ]:
            locale = Locale.objects.get(language_code=code)
            results = Page.objects.live().filter(locale=locale).search(query)
            assert title in [page.title for page in results], (code, query)


@pytest.mark.django_db
def test_new_page_in_preview_offers_the_other_homes(demo):
    page = StandardPage(title="新制度", slug="new", locale=demo.locale)
    # No site known: only the page itself.
    assert [v.language_code for v in get_language_versions(page)] == ["zh-hans"]
    request = RequestFactory().get("/admin/pages/add/")
    request._wagtail_site = demo.site
    versions = get_language_versions(page, request)
    assert [(v.language_code, v.current, v.exact, v.url) for v in versions] == [
        ("zh-hans", True, True, ""),
        ("zh-hant", False, False, "/zh-hant/"),
        ("en", False, False, "/en/"),
    ]
