# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
"""Atom feeds, CSV/XLSX exports and the API of a directory."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from govopen.core.enums import DisclosureAttribute
from govopen.directory.exports import neutralise
from govopen.directory.models import DirectoryCategory

from .factories_directory import DisclosureItemPageFactory, directory, organization

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(directory, organization):
    fgwj = DirectoryCategory.objects.get(code="fgwj")
    czyjs = DirectoryCategory.objects.get(code="czyjs")
    return [
        DisclosureItemPageFactory(
            parent=directory,
            organization=organization,
            category=fgwj,
            title='=HYPERLINK("http://evil.example","点击")',
            publish_date=datetime.date(2024, 1, 2),
            summary="@SUM(A1:A2)",
        ),
        DisclosureItemPageFactory(
            parent=directory,
            organization=organization,
            category=czyjs,
            title="2024年部门预算",
            publish_date=datetime.date(2024, 2, 3),
        ),
        DisclosureItemPageFactory(
            parent=directory,
            organization=organization,
            category=fgwj,
            title="依申请公开的台账",
            publish_date=datetime.date(2023, 3, 4),
            disclosure_attribute=DisclosureAttribute.ON_REQUEST,
            body="<p>不应出现在任何输出中的正文</p>",
        ),
    ]


def entries(response):
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_directory_feed(client, directory, items):
    response = client.get(directory.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entries(response) == ["2024年部门预算", items[0].title, "依申请公开的台账"]
    assert "不应出现在任何输出中的正文" not in response.content.decode()
    assert items[1].index_number in response.content.decode()
    # The listing links to it for feed readers.
    assert 'type="application/atom+xml"' in client.get(directory.url).content.decode()


def test_category_feed(client, directory, items):
    response = client.get(directory.url + "feed/fgwj/")
    assert entries(response) == [items[0].title, "依申请公开的台账"]
    assert client.get(directory.url + "feed/no-such-category/").status_code == 404


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_csv_export_of_the_filtered_listing(client, directory, items):
    category = DirectoryCategory.objects.get(code="fgwj")
    response = client.get(directory.url + "export/csv/", {"category": category.pk})
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 3  # header + the two 法规文件 items
    titles = [row[1] for row in rows[1:]]
    assert titles == ['\'=HYPERLINK("http://evil.example","点击")', "依申请公开的台账"]
    assert "'@SUM(A1:A2)" in rows[1]
    assert rows[1][0] == items[0].index_number
    assert "不应出现在任何输出中的正文" not in str(rows)


def test_export_is_capped(client, directory, items, settings):
    settings.GOVOPEN_DIRECTORY_EXPORT_MAX_ROWS = 2
    assert len(read_csv(client.get(directory.url + "export/csv/"))) == 3


def test_xlsx_export(client, directory, items):
    response = client.get(directory.url + "export/xlsx/", {"year": "2024"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][1] == "2024年部门预算"
    assert rows[2][1].startswith("'=")
    assert all(isinstance(value, str) or value is None for value in rows[1])


def test_export_with_bad_parameters_still_works(client, directory, items):
    response = client.get(directory.url + "export/csv/?year=abc&page=x&organization=0")
    assert len(read_csv(response)) == 4


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+86 10", "'+86 10"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("示政发〔2024〕1号", "示政发〔2024〕1号"),
        (None, ""),
        (datetime.date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_api_exposes_metadata_but_not_on_request_text(client, directory, items):
    response = client.get(
        "/api/v2/pages/",
        {"type": "govopen_directory.DisclosureItemPage", "fields": "*", "order": "id"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 3
    first, _second, on_request = data["items"]
    assert first["index_number"] == items[0].index_number
    assert first["organization_info"]["name"] == items[0].organization.name
    assert first["category_info"]["code"] == "fgwj"
    assert first["publish_date"] == "2024-01-02"
    assert first["public_body"] == items[0].body
    assert on_request["disclosure_attribute"] == "on_request"
    assert on_request["public_body"] == ""
    assert "不应出现在任何输出中的正文" not in response.content.decode()
    filtered = client.get(
        "/api/v2/pages/",
        {
            "type": "govopen_directory.DisclosureItemPage",
            "validity": "valid",
            "index_number": items[1].index_number,
        },
    ).json()
    assert [item["id"] for item in filtered["items"]] == [items[1].pk]
