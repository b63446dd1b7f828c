# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
import datetime

import pytest
from bs4 import BeautifulSoup

from govopen.core.enums import Validity
from govopen.directory.models import DirectoryCategory, Genre, Topic

from .factories import OrganizationFactory
from .factories_directory import (  # noqa: F401  (fixtures)
    DisclosureItemPageFactory,
    directory,
    organization,
)


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", class_="govopen-directory-table")
    if table is None:
        return []
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]


def notices(response):
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find(class_="govopen-directory-notices")
    return [li.get_text(" ", strip=True) for li in box.find_all("li")] if box else []


@pytest.fixture
def items(directory):
    education = OrganizationFactory(name="示范县教育局")
    finance = OrganizationFactory(name="示范县财政局")
    fgwj = DirectoryCategory.objects.get(code="fgwj")
    czyjs = DirectoryCategory.objects.get(code="czyjs")
    notice = Genre.objects.get(code="tz")
    opinion = Genre.objects.get(code="yj")
    education_topic = Topic.objects.get(code="1102")  # 科技、教育 / 教育
    finance_topic = Topic.objects.get(code="0401")  # 财政、金融、审计 / 财政
    made = {
        "a": DisclosureItemPageFactory(
            parent=directory,
            title="教育通知甲",
            organization=education,
            category=fgwj,
            genre=notice,
            topic=education_topic,
            publish_date=datetime.date(2023, 5, 1),
            document_number="示教发〔2023〕1号",
        ),
        "b": DisclosureItemPageFactory(
            parent=directory,
            title="财政预算公开乙",
            organization=finance,
            category=czyjs,
            genre=opinion,
            topic=finance_topic,
            publish_date=datetime.date(2024, 2, 1),
            document_number="示财发〔2024〕2号",
        ),
        "c": DisclosureItemPageFactory(
            parent=directory,
            title="废止的教育文件丙",
            organization=education,
            category=fgwj,
            genre=opinion,
            topic=education_topic,
            publish_date=datetime.date(2024, 6, 1),
            validity=Validity.REPEALED,
        ),
        "draft": DisclosureItemPageFactory(
            parent=directory, title="草稿丁", organization=education, live=False
        ),
    }
    return made


def titles(response):
    return [row[1].split(" ")[0] for row in rows(response)]


def test_listing_newest_first_with_columns(client, directory, items):
    response = client.get(directory.url)
    assert response.status_code == 200
    assert titles(response) == ["废止的教育文件丙", "财政预算公开乙", "教育通知甲"]
    first = rows(response)[2]
    assert first[0] == items["a"].index_number
    assert first[2] == "示教发〔2023〕1号"
    assert first[3] == "2023-05-01"


@pytest.mark.parametrize(
    "params, expected",
    [
        (lambda i: {"organization": i["b"].organization_id}, ["财政预算公开乙"]),
        (
            lambda i: {"category": i["a"].category_id},
            ["废止的教育文件丙", "教育通知甲"],
        ),
        (lambda i: {"genre": i["b"].genre_id}, ["废止的教育文件丙", "财政预算公开乙"]),
        (lambda i: {"year": 2023}, ["教育通知甲"]),
        (lambda i: {"validity": "repealed"}, ["废止的教育文件丙"]),
        (
            lambda i: {"topic": Topic.objects.get(code="11").pk},
            ["废止的教育文件丙", "教育通知甲"],
        ),
        (lambda i: {"topic": i["b"].topic_id, "year": 2024}, ["财政预算公开乙"]),
    ],
)
def test_filters(client, directory, items, params, expected):
    response = client.get(directory.url, params(items))
    assert response.status_code == 200
    assert titles(response) == expected
    assert notices(response) == []


def test_an_item_past_its_expiry_date_is_listed_as_expired(client, directory, items):
    DisclosureItemPageFactory(
        parent=directory,
        title="到期的试行办法戊",
        publish_date=datetime.date(2024, 3, 1),
        expiry_date=datetime.date(2025, 3, 1),
    )
    valid = titles(client.get(directory.url, {"validity": "valid"}))
    assert "到期的试行办法戊" not in valid
    assert valid == ["财政预算公开乙", "教育通知甲"]
    response = client.get(directory.url, {"validity": "expired"})
    assert titles(response) == ["到期的试行办法戊"]
    assert rows(response)[0][1] == "到期的试行办法戊 失效"


def test_keyword_search_keeps_filters(client, directory, items):
    # A Latin keyword, so the test holds with any search backend; Chinese
    # segmentation is the search backend's job (govopen.core.search).
    for key in ("a", "c"):
        items[key].keywords = "pilotscheme 试点"
        items[key].save_revision().publish()
    response = client.get(directory.url, {"q": "pilotscheme"})
    assert titles(response) == ["废止的教育文件丙", "教育通知甲"]
    response = client.get(directory.url, {"q": "pilotscheme", "validity": "valid"})
    assert titles(response) == ["教育通知甲"]
    assert (
        "pilotscheme"
        in client.get(
            directory.url, {"q": "pilotscheme", "validity": "valid"}
        ).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc&year=x&organization=999999",
        "?page=0",
        "?page=-3",
        "?page=99999",
        "?category=abc&topic=%00&genre=1e9&validity=maybe",
        "?year=99999999999999999999",
        "?q=" + "长" * 101,
        "?organization=1&organization=2",
    ],
)
def test_bad_parameters_give_a_normal_page(client, directory, items, query):
    response = client.get(directory.url + query)
    assert response.status_code == 200
    assert "<table" in response.content.decode()


def test_bad_parameters_are_explained(client, directory, items):
    response = client.get(directory.url + "?page=abc&year=x&organization=999999")
    messages = " ".join(notices(response))
    assert "page" in messages.lower() or "页" in messages
    assert len(notices(response)) == 3
    # The bad filters are dropped, not applied.
    assert len(rows(response)) == 3


def test_pagination(client, directory, settings):
    settings.GOVOPEN_DIRECTORY_PAGE_SIZE = 2
    organization = OrganizationFactory()
    for day in range(1, 6):
        DisclosureItemPageFactory(
            parent=directory,
            organization=organization,
            publish_date=datetime.date(2024, 1, day),
            title=f"第{day}件",
        )
    assert titles(client.get(directory.url)) == ["第5件", "第4件"]
    response = client.get(directory.url, {"page": 3})
    assert titles(response) == ["第1件"]
    assert 'aria-current="page">3<' in response.content.decode()
    response = client.get(directory.url, {"page": 99})
    assert titles(response) == ["第1件"]
    assert notices(response)


def test_query_count_does_not_grow_with_items(
    client, directory, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organization = OrganizationFactory()
    category = DirectoryCategory.objects.get(code="fgwj")

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(directory.url, {"category": category.pk})
        assert response.status_code == 200
        return len(context.captured_queries)

    for _n in range(20):
        DisclosureItemPageFactory(
            parent=directory, organization=organization, category=category
        )
    count_queries()  # the first request creates the site settings, warms caches
    few = count_queries()
    for _n in range(45):
        DisclosureItemPageFactory(
            parent=directory, organization=organization, category=category
        )
    with django_assert_num_queries(few):
        response = client.get(directory.url, {"category": category.pk})
    assert len(rows(response)) == 20
    with django_assert_num_queries(few):
        response = client.get(directory.url, {"category": category.pk, "page": 3})
    assert len(rows(response)) == 20


def test_listing_follows_unpublish_expiry_and_moves(client, directory, items):
    from wagtail.models import Page

    from .factories_directory import DisclosureDirectoryPageFactory

    items["b"].unpublish()
    assert "财政预算公开乙" not in titles(client.get(directory.url))
    # Expiry (publish_scheduled) unpublishes a plain Page instance.
    Page.objects.get(pk=items["c"].pk).unpublish(set_expired=True)
    assert titles(client.get(directory.url)) == ["教育通知甲"]
    items["b"].save_revision().publish()
    assert "财政预算公开乙" in titles(client.get(directory.url))
    other = DisclosureDirectoryPageFactory(parent=directory.get_parent(), slug="other")
    Page.objects.get(pk=items["a"].pk).move(other, pos="last-child")
    assert titles(client.get(directory.url)) == ["财政预算公开乙"]
    assert titles(client.get(other.url)) == ["教育通知甲"]


def test_items_with_their_own_view_restriction_are_not_listed(client, directory, items):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=items["a"], restriction_type=PageViewRestriction.LOGIN
    )
    assert "教育通知甲" not in titles(client.get(directory.url))
    assert len(titles(client.get(directory.url))) == 2
