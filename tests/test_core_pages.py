"""Page creation rules and the rendering of the page chrome."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from govopen.core.models import (
    GovOpenIndexPage,
    GovOpenSettings,
    GuidePage,
    StandardPage,
)
from home.models import HomePage

from .factories import OrganizationFactory


class PageRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="示范县", slug="test-home")
        root.add_child(instance=cls.home)
        Site.objects.update(root_page=cls.home)
        cls.index = GovOpenIndexPage(title="政府信息公开", slug="zfxxgk")
        cls.home.add_child(instance=cls.index)
        cls.org = OrganizationFactory()

    def setUp(self):
        self.login()

    def test_guide_only_under_landing(self):
        self.assertCanCreateAt(GovOpenIndexPage, GuidePage)
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertAllowedSubpageTypes(GuidePage, {})

    def test_standard_page_parents(self):
        self.assertCanCreateAt(GovOpenIndexPage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(HomePage, StandardPage)

    def test_create_guide_through_admin(self):
        self.assertCanCreate(
            self.index,
            GuidePage,
            nested_form_data(
                {
                    "title": "政府信息公开指南",
                    "slug": "guide",
                    "organization": self.org.pk,
                    "body": rich_text("<p>指南</p>"),
                }
            ),
        )

    def test_pages_render_and_preview(self):
        guide = GuidePage(title="指南", slug="guide-r", organization=self.org)
        self.index.add_child(instance=guide)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(guide)
        self.assertPageIsPreviewable(guide)


@pytest.fixture
def client_zh(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.django_db
class TestChrome:
    def test_breadcrumb(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/guide/"))
        crumbs = html.select("nav.govopen-breadcrumb li")
        assert [c.get_text(strip=True) for c in crumbs] == [
            "首页",
            "政府信息公开",
            "政府信息公开指南",
        ]
        assert crumbs[-1].find("span")["aria-current"] == "page"
        assert crumbs[1].find("a")["href"] == "/zfxxgk/"
        assert "当前位置" in html.select_one("nav.govopen-breadcrumb").get_text()

    def test_footer_shows_site_settings(self, demo, client_zh):
        settings = GovOpenSettings.for_site(demo.site)
        settings.site_id_code = "9999000042"
        settings.save()
        footer = soup(client_zh.get("/zfxxgk/")).select_one("footer").get_text()
        for text in [
            "主办单位",
            "示范县人民政府",
            "网站标识码",
            "9999000042",
            "示ICP备12345678号",
            "示公网安备 33990002000001号",
        ]:
            assert text in footer

    def test_meta_tags(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/guide/"))
        meta = {m["name"]: m["content"] for m in html.find_all("meta") if m.get("name")}
        assert meta["SiteName"] == "示范县人民政府"
        assert meta["SiteIDCode"] == "3399000001"
        assert meta["ColumnName"] == "政府信息公开指南"
        assert meta["ColumnType"] == "信息公开指南"
        assert meta["ColumnDescription"] == "示范县人民政府政府信息公开指南"
        landing = soup(client_zh.get("/zfxxgk/"))
        meta = {
            m["name"]: m["content"] for m in landing.find_all("meta") if m.get("name")
        }
        assert meta["ColumnKeywords"] == "政府信息公开,政务公开,示范县"

    def test_article_meta_tags(self, demo, client_zh):
        page = StandardPage(title="保密审查制度", slug="secrecy")
        demo.rules.add_child(instance=page)
        page.save_revision().publish()
        html = soup(client_zh.get("/zfxxgk/rules/secrecy/"))
        meta = {m["name"]: m["content"] for m in html.find_all("meta") if m.get("name")}
        assert meta["ArticleTitle"] == "保密审查制度"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", meta["PubDate"])
        assert meta["ContentSource"] == "示范县人民政府"
        assert meta["ColumnName"] == "政府信息公开制度"

    def test_font_size_without_js(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/"))
        link = html.find("a", string="超大")
        assert link is not None and "font=xlarge" in link["href"]
        response = client_zh.get(link["href"])
        assert response.status_code == 302
        assert response["Location"] == "/zfxxgk/"
        assert response.cookies["govopen_font"].value == "xlarge"
        html = soup(client_zh.get("/zfxxgk/"))
        assert "govopen-font-xlarge" in html.html["class"]
        assert html.find("a", string="超大")["aria-current"] == "true"

    def test_high_contrast_without_js(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/"))
        link = html.find("a", string="高对比度")
        response = client_zh.get(link["href"])
        assert response.cookies["govopen_contrast"].value == "high"
        html = soup(client_zh.get("/zfxxgk/"))
        assert "govopen-contrast-high" in html.html["class"]
        assert html.find("a", string="标准模式") is not None

    def test_preference_rejects_foreign_redirect_and_bad_values(self, client_zh, db):
        response = client_zh.get(
            "/govopen/preferences/?font=huge&next=https://evil.example/"
        )
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert "govopen_font" not in response.cookies

    def test_external_link_notice(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/"))
        icp = html.find("a", string="示ICP备12345678号")
        assert icp["href"].startswith(
            "/govopen/leave/?url=https%3A%2F%2Fbeian.miit.gov.cn"
        )
        notice = client_zh.get(icp["href"])
        assert notice.status_code == 200
        page = soup(notice)
        assert "您即将离开本网站" in page.get_text()
        assert page.find("a", string="继续访问")["href"] == "https://beian.miit.gov.cn/"

    @pytest.mark.parametrize(
        "url", ["", "javascript:alert(1)", "ftp://x.example/", "/local"]
    )
    def test_external_link_notice_refuses_bad_urls(self, client_zh, db, url):
        response = client_zh.get("/govopen/leave/", {"url": url})
        assert response.status_code == 400
        assert "javascript:" not in response.content.decode().split("<main", 1)[1]
        assert "无法打开该链接" in response.content.decode()

    def test_external_links_in_rich_text_go_through_notice(self, demo, client_zh):
        demo.guide.body = '<p><a href="https://www.gov.cn/zhengce/">中国政府网</a> <a href="/zfxxgk/">本站</a></p>'
        demo.guide.save_revision().publish()
        html = soup(client_zh.get("/zfxxgk/guide/"))
        body = html.select_one(".govopen-richtext")
        assert body.find("a", string="中国政府网")["href"].startswith(
            "/govopen/leave/?url="
        )
        assert body.find("a", string="本站")["href"] == "/zfxxgk/"

    @override_settings(GOVOPEN_INTERNAL_HOSTS=["www.gov.cn"])
    def test_internal_hosts_setting(self, demo, client_zh):
        demo.guide.body = '<p><a href="https://www.gov.cn/">中国政府网</a></p>'
        demo.guide.save_revision().publish()
        html = soup(client_zh.get("/zfxxgk/guide/"))
        assert html.find("a", string="中国政府网")["href"] == "https://www.gov.cn/"

    def test_qr_code_inline_svg(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/guide/"))
        svg = html.select_one("figure.govopen-qr-figure svg")
        assert svg is not None and svg["role"] == "img"
        assert svg.find("title").get_text() == "本页二维码"
        assert "http" not in (svg.get("src") or "")

    @override_settings(GOVOPEN_SHOW_QR_CODE=False)
    def test_qr_code_can_be_switched_off(self, demo, client_zh):
        assert (
            soup(client_zh.get("/zfxxgk/")).select_one("figure.govopen-qr-figure")
            is None
        )

    def test_skip_link_and_landmarks(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/"))
        skip = html.find("a", class_="govopen-skip-link")
        assert skip["href"] == "#main-content" and skip.get_text() == "跳到主要内容"
        assert html.find("main")["id"] == "main-content"
        assert html.html["lang"] == "zh-hans"

    def test_no_third_party_resources(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/guide/"))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and element.get("rel") == ["alternate"]:
                    continue
                assert not value.startswith(("http://", "https://", "//")), value

    def test_landing_lists_children_by_section(self, demo, client_zh):
        html = soup(client_zh.get("/zfxxgk/"))
        headings = [h.get_text() for h in html.select(".govopen-section-card h2")]
        # Feature apps add their sections (依申请公开 ...) after these two.
        assert headings[:2] == ["政府信息公开指南", "政府信息公开制度"]
        assert len(headings) == len(set(headings))
        assert html.find("a", string="政府信息公开指南")["href"] == "/zfxxgk/guide/"

    def test_guide_shows_office_details(self, demo, client_zh):
        text = (
            soup(client_zh.get("/zfxxgk/guide/"))
            .select_one(".govopen-office")
            .get_text()
        )
        for value in [
            "示范县人民政府政府信息公开工作机构",
            "示范县人民路1号",
            "230000",
            "0551-66000000",
            "0551-66010000",
            "gk00@shifan.gov.cn",
            "办公时间",
        ]:
            assert value in text

    def test_zh_hans_interface_strings(self, demo, client_zh):
        text = soup(client_zh.get("/zfxxgk/guide/")).get_text()
        for value in [
            "字号",
            "默认",
            "超大",
            "高对比度",
            "当前位置",
            "政府信息公开工作机构",
            "联系电话",
            "手机扫码浏览本页",
        ]:
            assert value in text

    def test_english_interface_strings(self, demo, client):
        response = client.get("/en/govopen/leave/?url=https://www.gov.cn/")
        assert "You are leaving this website" in response.content.decode()
        assert soup(response).html["lang"] == "en"
