"""govopen.core.search.backends.database on the test database (SQLite or PostgreSQL)."""

import pytest
from django.db import connection
from modelsearch.query import And, Not, Phrase, PlainText
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from govopen.core.models import Organization, StandardPage
from govopen.core.search.backends import database
from home.models import HomePage

from .factories import GovOpenIndexPageFactory, OrganizationFactory, StandardPageFactory

GOVOPEN = {"default": {"BACKEND": "govopen.core.search.backends.database"}}
WAGTAIL = {"default": {"BACKEND": "wagtail.search.backends.database"}}

TITLE = "乌鲁木齐市2015年政务公开工作要点"
BODY = (
    "<p>根据《国务院办公厅关于进一步推进政务公开的意见》（国办发〔2004〕36号）"
    "和《信息安全技术 政府网站信息安全 GB/T 37668—2019》，现将要点印发给你们。</p>"
)


@pytest.fixture(autouse=True)
def govopen_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = GOVOPEN


@pytest.fixture
def section(db):
    root = Page.get_first_root_node()
    home = HomePage(title="示范县", slug="search-home")
    root.add_child(instance=home)
    Site.objects.update(root_page=home)
    return GovOpenIndexPageFactory(parent=home)


@pytest.fixture
def plan(section):
    return StandardPageFactory(parent=section, title=TITLE, body=BODY)


def titles(results):
    return [page.title for page in results]


def live_search(query, **kwargs):
    return titles(Page.objects.live().search(query, **kwargs))


def test_backend_matches_the_database():
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        from govopen.core.search.backends.postgres import PostgresSearchBackend

        assert isinstance(backend, PostgresSearchBackend)
    else:
        from govopen.core.search.backends.sqlite import SQLiteSearchBackend

        assert isinstance(backend, SQLiteSearchBackend)


class TestFindsChinese:
    @pytest.mark.parametrize(
        "query",
        [
            "政务公开",
            "工作要点",
            "乌鲁木齐",
            "木齐市2015年政务",
            "2015",
            "2015年",
            "要",
            "市",
            "政务公开 工作要点",
        ],
    )
    def test_fragments_of_the_title(self, plan, query):
        assert TITLE in live_search(query)

    def test_wagtails_own_backend_does_not(self, plan, settings, run_command):
        """The reason for this backend: Wagtail keeps a run of Chinese as one word."""
        settings.WAGTAILSEARCH_BACKENDS = WAGTAIL
        run_command("update_index")
        assert TITLE not in live_search("政务公开")
        assert TITLE in live_search(TITLE)

    @pytest.mark.parametrize(
        "query",
        [
            "进一步推进",
            "国办发〔2004〕36号",
            "〔2004〕36号",
            "国办发[2004]36号",
            "36号",
            "GB/T 37668",
            "gb/t 37668-2019",
            "ＧＢ／Ｔ　３７６６８",
            "37668",
            "信息安全 GB/T",
            "政府网站 2019",
        ],
    )
    def test_body_document_numbers_and_standards(self, plan, query):
        assert TITLE in live_search(query)

    @pytest.mark.parametrize(
        "query",
        ["〔2004〕37号", "GB/T 37669", "政务公示", "乌鲁木齐县", "2016年政务公开"],
    )
    def test_near_misses_are_not_found(self, plan, query):
        assert TITLE not in live_search(query)

    def test_traditional_query_finds_simplified_page(self, plan):
        assert TITLE in live_search("烏魯木齊市2015年政務公開工作要點")
        assert TITLE in live_search("國辦發〔2004〕36號")

    def test_simplified_query_finds_traditional_page(self, section):
        StandardPageFactory(
            parent=section, title="政府資訊公開條例", body="<p>機關</p>"
        )
        assert "政府資訊公開條例" in live_search("政府资讯公开")
        assert "政府資訊公開條例" in live_search("机关")

    def test_case_and_width_are_folded(self, section):
        StandardPageFactory(parent=section, title="Annual Report 年度报告")
        assert live_search("ANNUAL report") == ["Annual Report 年度报告"]
        assert live_search("ａｎｎｕａｌ") == ["Annual Report 年度报告"]

    def test_phrase_and_boolean_queries(self, plan, section):
        StandardPageFactory(parent=section, title="政务服务工作要点")
        assert live_search(Phrase("政务公开")) == [TITLE]
        assert set(live_search(PlainText("工作要点"))) == {TITLE, "政务服务工作要点"}
        assert live_search(And([PlainText("工作要点"), Not(PlainText("公开"))])) == [
            "政务服务工作要点"
        ]
        both = live_search("政务公开 政务服务", operator="or")
        assert set(both) == {TITLE, "政务服务工作要点"}
        assert live_search("政务公开 政务服务") == []

    def test_long_document_is_searchable_to_its_end(self, section):
        # Beyond the 16,383 positions PostgreSQL keeps.
        filler = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(30000))
        StandardPageFactory(
            parent=section, title="长文档", body=f"<p>{filler}独一无二的结尾</p>"
        )
        assert live_search("独一无二的结尾") == ["长文档"]


class TestRanking:
    def test_title_match_ranks_above_body_matches(self, section):
        for i in range(3):
            StandardPageFactory(
                parent=section,
                title=f"第{i}号通知",
                body="<p>" + "政务公开工作。" * 20 + "</p>",
            )
        StandardPageFactory(
            parent=section,
            title="关于做好政务公开工作的通知（一份很长的标题以免标题长度帮忙）",
            body="<p>正文</p>",
        )
        results = live_search("政务公开")
        assert len(results) == 4
        assert results[0].startswith("关于做好政务公开工作")

    def test_fields_limit_the_search(self, section, plan):
        StandardPageFactory(parent=section, title="其他", body="<p>工作要点</p>")
        assert live_search("工作要点", fields=["title"]) == [TITLE]
        pages = StandardPage.objects.live()
        assert titles(pages.search("工作要点", fields=["body"])) == ["其他"]
        assert set(titles(pages.search("工作要点", fields=["title", "body"]))) == {
            TITLE,
            "其他",
        }


BAD_QUERIES = [
    "",
    " ",
    '"',
    '""',
    "*",
    "政务*",
    '"政务',
    "NEAR",
    "NEAR(政务 公开)",
    "OR",
    "AND",
    "NOT 政务",
    "政务 OR 公开",
    "-",
    "-政务",
    "a:b",
    "title:政务",
    "^",
    "{title}",
    "'; DROP TABLE wagtailcore_page; --",
    "\\",
    "%",
    "_",
    "\x00",
    "！？。，、",
    "<script>alert(1)</script>",
    "a" * 10000,
    "政" * 10000,
    "2015年 " * 2000,
]


class TestBadQueries:
    @pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
    def test_never_raise(self, plan, query):
        for method in ("search", "autocomplete"):
            results = getattr(Page.objects.live(), method)(query)
            assert isinstance(list(results), list)
            assert results.count() >= 0
        list(Page.objects.live().search(query, operator="or"))
        list(Page.objects.live().search(query, fields=["title"]))
        list(Page.objects.live().search(Phrase(query)))

    @pytest.mark.parametrize("query", ["", "   ", "！？。", '"*"', "\x00"])
    def test_nothing_searchable_finds_nothing(self, plan, query):
        assert live_search(query) == []

    def test_operator_words_are_ordinary_words(self, section):
        StandardPageFactory(parent=section, title="NEAR OR AND 条款")
        assert live_search("near") == ["NEAR OR AND 条款"]
        assert live_search("OR AND") == ["NEAR OR AND 条款"]


class TestAutocomplete:
    @pytest.mark.parametrize("query", ["政务公", "乌", "木齐市2015", "2015", "201"])
    def test_prefixes_of_the_title(self, plan, query):
        assert titles(Page.objects.live().autocomplete(query)) == [TITLE]

    def test_snippet_search(self, db):
        OrganizationFactory(name="示范县人力资源和社会保障局")
        OrganizationFactory(name="示范县财政局")
        backend = get_search_backend()
        found = backend.search("人力资源", Organization)
        assert [o.name for o in found] == ["示范县人力资源和社会保障局"]
        found = backend.autocomplete("社會保", Organization)
        assert [o.name for o in found] == ["示范县人力资源和社会保障局"]

    def test_snippet_admin_search(self, admin_client):
        OrganizationFactory(name="示范县人力资源和社会保障局")
        OrganizationFactory(name="示范县财政局")
        response = admin_client.get(
            "/admin/snippets/govopen_core/organization/", {"q": "人力資源"}
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "示范县人力资源和社会保障局" in content
        assert "示范县财政局" not in content
        OrganizationFactory(name="示范县教育局", code="11650100EDU")
        response = admin_client.get(
            "/admin/snippets/govopen_core/organization/", {"q": "11650100EDU"}
        )
        assert "示范县教育局" in response.content.decode()


class TestIndexIsKeptCurrent:
    def test_publish_edit_unpublish_delete(self, section):
        page = StandardPage(title="草稿通知", slug="draft", live=False, body="<p></p>")
        section.add_child(instance=page)
        assert live_search("草稿") == []

        page.save_revision().publish()
        assert live_search("草稿") == ["草稿通知"]

        page.refresh_from_db()
        page.title = "正式通知"
        page.save_revision().publish()
        assert live_search("草稿") == []
        assert live_search("正式") == ["正式通知"]

        page.refresh_from_db()
        page.unpublish()
        assert live_search("正式") == []
        assert titles(Page.objects.search("正式")) == ["正式通知"]

        page_id = page.pk
        page.delete()
        assert not IndexEntry.objects.filter(object_id=str(page_id)).exists()
        assert titles(Page.objects.search("正式")) == []

    def test_update_index_rebuilds(self, plan, run_command):
        IndexEntry.objects.all().delete()
        assert live_search("政务公开") == []
        run_command("update_index")
        assert live_search("政务公开") == [TITLE]

    def test_update_index_replaces_wagtails_entries(self, plan, settings, run_command):
        settings.WAGTAILSEARCH_BACKENDS = WAGTAIL
        run_command("update_index")
        settings.WAGTAILSEARCH_BACKENDS = GOVOPEN
        assert live_search("政务公开") == []
        run_command("update_index")
        assert live_search("政务公开") == [TITLE]


class TestAdmin:
    def test_page_search(self, plan, admin_client):
        response = admin_client.get("/admin/pages/search/", {"q": "政務公開"})
        assert response.status_code == 200
        assert TITLE in response.content.decode()

    def test_page_explorer_search(self, plan, section, admin_client):
        response = admin_client.get(f"/admin/pages/{section.pk}/", {"q": "工作要点"})
        assert response.status_code == 200
        assert TITLE in response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite without FTS5 is SQLite only"
)
def test_sqlite_without_fts5_gets_wagtails_fallback(monkeypatch):
    from modelsearch.backends.database import fallback

    monkeypatch.setattr(database.wagtail_database, "USE_SQLITE_FTS", False)
    backend = database.SearchBackend({})
    assert isinstance(backend, fallback.DatabaseSearchBackend)
