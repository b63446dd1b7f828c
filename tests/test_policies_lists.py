"""The 政策文件 and 政策解读 list pages: filters, bad parameters, query counts."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from govopen.core.enums import InterpretationFormat, PolicyDocumentType, Validity
from govopen.directory.models import DisclosureItemPage

from .factories import OrganizationFactory
from .factories_directory import DisclosureDirectoryPageFactory
from .factories_policies import (  # noqa: F401  (fixtures)
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    interpretation_list,
    policy_list,
    section,
)

D = datetime.date
F = InterpretationFormat


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def policy_titles(response):
    return [
        tr.find("td").find("a").get_text(strip=True)
        for tr in soup(response).select(".govopen-policy-table tbody tr")
    ]


def interpretation_titles(response):
    return [
        h3.get_text(strip=True)
        for h3 in soup(response).select(".govopen-interpretation-list h3")
    ]


def notices(response):
    box = soup(response).select_one(".govopen-list-notices")
    return [li.get_text(" ", strip=True) for li in box.find_all("li")] if box else []


@pytest.fixture
def policies(section):
    education = OrganizationFactory(name="示范县教育局")
    finance = OrganizationFactory(name="示范县财政局")
    directory = DisclosureDirectoryPageFactory(parent=section["index"], slug="fdzdgknr")
    parent = section["policies"]
    made = {
        "a": PolicyDocumentPageFactory(
            parent=parent,
            title="教育规范性文件甲",
            organization=education,
            publish_date=D(2023, 5, 1),
            document_number="示教规〔2023〕1号",
        ),
        "b": PolicyDocumentPageFactory(
            parent=parent,
            title="财政规章乙",
            organization=finance,
            document_type=PolicyDocumentType.RULES,
            publish_date=D(2024, 2, 1),
            document_number="示财规〔2024〕2号",
        ),
        # A policy in the directory is listed here as well.
        "c": PolicyDocumentPageFactory(
            parent=directory,
            title="目录中的其他文件丙",
            organization=education,
            document_type=PolicyDocumentType.OTHER,
            publish_date=D(2024, 6, 1),
            expiry_date=D(2025, 6, 30),
        ),
        "repealed": PolicyDocumentPageFactory(
            parent=parent,
            title="已废止的文件丁",
            organization=finance,
            publish_date=D(2022, 1, 10),
        ),
        "draft": PolicyDocumentPageFactory(parent=parent, title="草稿戊", live=False),
    }
    made["repealed"].repeal(on=D(2024, 12, 1), basis="示政发〔2024〕15号")
    made["education"], made["finance"], made["directory"] = (
        education,
        finance,
        directory,
    )
    return made


@pytest.fixture
def today():
    with mock.patch("django.utils.timezone.localdate", return_value=D(2025, 8, 1)):
        yield D(2025, 8, 1)


def test_lists_the_sections_live_policies_newest_first(client, policy_list, policies):
    assert policy_titles(client.get(policy_list.url)) == [
        "目录中的其他文件丙",
        "财政规章乙",
        "教育规范性文件甲",
        "已废止的文件丁",
    ]


def test_policy_in_a_directory_is_a_directory_item(client, policies):
    # Multi-table inheritance: the directory's own query finds it.
    directory = policies["directory"]
    assert list(directory.get_items()) == [
        DisclosureItemPage.objects.get(pk=policies["c"].pk)
    ]
    assert "目录中的其他文件丙" in client.get(directory.url).content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"document_type": "rules"}, ["财政规章乙"]),
        ({"document_type": "normative"}, ["教育规范性文件甲", "已废止的文件丁"]),
        ({"validity": "repealed"}, ["已废止的文件丁"]),
        ({"validity": "expired"}, ["目录中的其他文件丙"]),
        ({"validity": "valid"}, ["财政规章乙", "教育规范性文件甲"]),
        ({"year": "2024"}, ["目录中的其他文件丙", "财政规章乙"]),
        ({"q": "示财规"}, ["财政规章乙"]),
        ({"q": "教育 甲"}, ["教育规范性文件甲"]),
    ],
)
def test_filters(client, policy_list, policies, today, params, expected):
    assert policy_titles(client.get(policy_list.url, params)) == expected


def test_filter_by_organisation_in_any_language(client, policy_list, policies):
    finance = policies["finance"]
    expected = ["财政规章乙", "已废止的文件丁"]
    response = client.get(policy_list.url, {"organization": finance.pk})
    assert policy_titles(response) == expected
    translated = finance.copy_for_translation(
        Locale.objects.create(language_code="zh-hant")
    )
    translated.save()
    response = client.get(policy_list.url, {"organization": translated.pk})
    assert policy_titles(response) == expected


def test_rows_show_validity_and_interpretation_formats(
    client, policy_list, interpretation_list, policies, today
):
    InterpretationPageFactory(
        parent=interpretation_list, policies=[policies["a"]], format=F.GRAPHIC
    )
    InterpretationPageFactory(
        parent=interpretation_list, policies=[policies["a"]], format=F.TEXT
    )
    InterpretationPageFactory(
        parent=interpretation_list, policies=[policies["b"]], live=False
    )
    html = soup(client.get(policy_list.url))
    rows = {
        tr.find("a").get_text(strip=True): tr
        for tr in html.select(".govopen-policy-table tbody tr")
    }
    tags = [
        tag.get_text() for tag in rows["教育规范性文件甲"].select(".govopen-format-tag")
    ]
    assert tags == [str(F.TEXT.label), str(F.GRAPHIC.label)]
    assert rows["财政规章乙"].select(".govopen-format-tag") == []
    validity = rows["目录中的其他文件丙"].select_one(".govopen-validity")
    assert validity.get_text(strip=True) == str(Validity.EXPIRED.label)


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc&year=x&organization=999999",
        "?page=0",
        "?page=-3",
        "?page=99999",
        "?document_type=law&validity=maybe",
        "?year=99999999999999999999",
        "?q=" + "长" * 101,
        "?organization=1&organization=2",
        "?organization=%00",
    ],
)
def test_bad_parameters_give_a_normal_page(client, policy_list, policies, query):
    response = client.get(policy_list.url + query)
    assert response.status_code == 200
    assert soup(response).select_one(".govopen-policy-table") is not None


def test_bad_parameters_are_explained_and_dropped(client, policy_list, policies):
    response = client.get(
        policy_list.url, {"page": "abc", "year": "x", "document_type": "law"}
    )
    assert len(notices(response)) == 3
    assert len(policy_titles(response)) == 4


def test_pagination(client, policy_list, settings):
    settings.GOVOPEN_POLICY_PAGE_SIZE = 2
    for day in range(1, 6):
        PolicyDocumentPageFactory(
            parent=policy_list, publish_date=D(2024, 1, day), title=f"第{day}件"
        )
    assert policy_titles(client.get(policy_list.url)) == ["第5件", "第4件"]
    response = client.get(policy_list.url, {"page": 3})
    assert policy_titles(response) == ["第1件"]
    assert 'aria-current="page">3<' in response.content.decode()
    response = client.get(policy_list.url, {"page": 99})
    assert policy_titles(response) == ["第1件"]
    assert notices(response)


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_policy_list_query_count_does_not_grow(
    client, policy_list, interpretation_list, django_assert_num_queries
):
    organization = OrganizationFactory()
    params = {"document_type": "normative", "validity": "valid"}

    def add(n):
        for _n in range(n):
            policy = PolicyDocumentPageFactory(
                parent=policy_list, organization=organization
            )
            InterpretationPageFactory(parent=interpretation_list, policies=[policy])

    add(20)
    count_queries(client, policy_list.url, params)  # warms caches, site settings
    few, _response = count_queries(client, policy_list.url, params)
    add(45)
    with django_assert_num_queries(few):
        response = client.get(policy_list.url, params)
    assert len(policy_titles(response)) == 20
    with django_assert_num_queries(few):
        response = client.get(policy_list.url, {**params, "page": 3})
    assert len(policy_titles(response)) == 20


# Interpretations -------------------------------------------------------------------
@pytest.fixture
def interpretations(interpretation_list, policies):
    make = InterpretationPageFactory
    return {
        "text": make(
            parent=interpretation_list,
            title="文字解读一",
            policies=[policies["a"]],
            publish_date=D(2023, 5, 2),
        ),
        "graphic": make(
            parent=interpretation_list,
            title="图解二",
            format=F.GRAPHIC,
            policies=[policies["a"], policies["b"]],
            publish_date=D(2024, 2, 3),
        ),
        "qa": make(
            parent=interpretation_list,
            title="问答三",
            format=F.QA,
            policies=[policies["b"]],
            publish_date=D(2024, 2, 4),
        ),
        "draft": make(
            parent=interpretation_list,
            title="草稿四",
            policies=[policies["a"]],
            live=False,
        ),
    }


def test_interpretation_list(client, interpretation_list, interpretations, policies):
    response = client.get(interpretation_list.url)
    assert interpretation_titles(response) == ["问答三", "图解二", "文字解读一"]
    html = soup(response)
    graphic = html.select(".govopen-interpretation-list__item")[1]
    links = [a.get_text(strip=True) for a in graphic.select(".govopen-interprets a")]
    assert links == ["教育规范性文件甲", "财政规章乙"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"format": "graphic"}, ["图解二"]),
        ({"format": "qa"}, ["问答三"]),
        ({"format": "audio_video"}, []),
        ({"year": "2023"}, ["文字解读一"]),
        ({"q": "问答"}, ["问答三"]),
    ],
)
def test_interpretation_filters(
    client, interpretation_list, interpretations, params, expected
):
    response = client.get(interpretation_list.url, params)
    assert interpretation_titles(response) == expected


@pytest.mark.parametrize(
    "query", ["?format=comic", "?page=x", "?year=1&format=%00", "?page=-1"]
)
def test_interpretation_list_bad_parameters(
    client, interpretation_list, interpretations, query
):
    response = client.get(interpretation_list.url + query)
    assert response.status_code == 200
    assert len(interpretation_titles(response)) == 3


def test_interpretation_list_query_count_does_not_grow(
    client, interpretation_list, policy_list, django_assert_num_queries
):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    other = PolicyDocumentPageFactory(parent=policy_list)

    def add(n):
        for _n in range(n):
            InterpretationPageFactory(
                parent=interpretation_list, policies=[policy, other]
            )

    add(20)
    count_queries(client, interpretation_list.url, {"format": "text"})
    few, _response = count_queries(client, interpretation_list.url, {"format": "text"})
    add(45)
    with django_assert_num_queries(few):
        response = client.get(interpretation_list.url, {"format": "text"})
    assert len(interpretation_titles(response)) == 20
