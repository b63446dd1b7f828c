"""The annual report page: frozen figures, tables, downloads."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from govopen.core.models import GovOpenIndexPage
from govopen.reports.models import AnnualReportPage

from .factories import GovOpenIndexPageFactory
from .factories_policies import policy_list, section  # noqa: F401  (fixtures)
from .factories_reports import (
    AnnualReportPageFactory,
    ReportApplicationFactory,
    build_dataset,
)


@pytest.fixture
def report(policy_list, section):  # noqa: F811
    dataset = build_dataset(policy_list)
    page = AnnualReportPageFactory(
        parent=section["index"],
        slug="ndbg-2025",
        organization=dataset["county"],
        year=2025,
        live=False,
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def headers(td):
    value = td["headers"]
    return list(value) if not isinstance(value, str) else value.split()


def cell(document, row_id, column):
    """The <td> of table 三 in the row whose header is ``row_id``, in ``column``."""
    header = f"t3-c-{column}"
    for td in document.select("#t3 td"):
        ids = headers(td)
        if row_id in ids and header in ids:
            return td
    raise AssertionError((row_id, column))


def test_publishing_freezes_the_figures_in_page_and_revision(report):
    assert report.statistics["table3"]["received"]["total"] == 31
    revision = report.live_revision
    assert revision.content["statistics"]["table3"]["received"]["total"] == 31


def test_later_data_changes_do_not_alter_the_published_report(report, client):
    ReportApplicationFactory.create_batch(
        4, organization=report.organization, received_on="2025-06-01"
    )
    response = client.get(report.url)
    assert cell(soup(response), "t3-received", "natural_person").text == "9"
    assert cell(soup(response), "t3-received", "total").text == "31"
    revision_page = report.live_revision.as_object()
    assert revision_page.get_statistics().table3["received"]["total"] == 31
    # Republishing is an editor's act: it freezes the figures of that moment.
    report.save_revision().publish()
    report.refresh_from_db()
    assert report.statistics["table3"]["received"]["total"] == 35


def test_a_draft_preview_shows_live_figures(report):
    ReportApplicationFactory.create_batch(
        2, organization=report.organization, received_on="2025-06-01"
    )
    report.overview = "<p>草稿。</p>"
    report.save_revision()
    draft = Page.objects.get(pk=report.pk).get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert cell(soup(response), "t3-received", "total").text == "33"
    # The live page keeps the frozen figures.
    live = AnnualReportPage.objects.get(pk=report.pk)
    assert live.statistics["table3"]["received"]["total"] == 31


def test_the_tables_have_the_templates_labels(report, client):
    document = soup(client.get(report.url))
    text = document.get_text()
    for label in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "第二十条第（一）项",
        "本年制发件数",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "3.危及“三安全一稳定”",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（七）总计",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "复议后起诉",
        "尚未审结",
    ):
        assert label in text, label
    rows = [th.get_text() for th in document.select("#t3 tbody th")]
    assert rows[:4] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
    ]
    assert rows[-1] == "四、结转下年度继续办理"


def test_the_tables_are_accessible(report, client):
    document = soup(client.get(report.url))
    tables = document.select("table.govopen-report-table")
    assert len(tables) == 6  # 二 as four tables, 三, 四
    for table in tables:
        assert table.caption and table.caption.get_text().strip()
        ids = {th["id"] for th in table.select("th")}
        for th in table.select("th"):
            assert th["scope"] in {"col", "colgroup", "row", "rowgroup"}
        for td in table.select("td"):
            assert set(headers(td)) <= ids
    t3 = document.select_one("#t3")
    corner = t3.select_one("thead th")
    assert corner["colspan"] == "3" and corner["rowspan"] == "3"
    td = cell(document, "t3-not_disclosed-state_secret", "social_welfare")
    assert td.text == "1"
    assert {"t3-results", "t3-legal"} <= set(headers(td))
    # Table 四: fifteen cells, 行政复议 then 行政诉讼 (direct, after).
    cells = [td.text for td in document.select("#t4 td")]
    assert cells == ["2", "1", "0", "1", "4", "1", "0", "0", "0", "1"] + [
        "0",
        "0",
        "0",
        "1",
        "1",
    ]


def test_every_cell_of_table_3_on_the_page(report, client):
    from .test_reports_statistics import EXPECTED_TABLE3

    document = soup(client.get(report.url))
    for key, cells in EXPECTED_TABLE3.items():
        row_id = "t3-" + key.replace(":", "-")
        for column, value in cells.items():
            assert cell(document, row_id, column).text == str(value), (key, column)


def test_csv_download(report, client):
    response = client.get(report.url + "download/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "annual-report-TESTCOUNTY-2025.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["第二十条第（一）项"] in rows
    assert ["规章", "1", "0", "2"] in rows
    assert [
        "一、本年新收政府信息公开申请数量",
        "9",
        "5",
        "4",
        "4",
        "4",
        "5",
        "31",
    ] in rows
    assert [
        "三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益",
        "2",
        "0",
        "0",
        "0",
        "0",
        "0",
        "2",
    ] in rows
    header = rows[rows.index(["三、收到和处理政府信息公开申请情况"]) + 1]
    assert header[1] == "自然人"
    assert header[2] == "法人或其他组织 / 商业企业"
    assert header[-1] == "总计"


def test_xlsx_download(report, client):
    from openpyxl import load_workbook

    response = client.get(report.url + "download/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["t2-1", "t2-5", "t2-6", "t2-8", "t3", "t4"]
    rows = list(workbook["t3"].iter_rows(values_only=True))
    assert rows[2] == ("一、本年新收政府信息公开申请数量", 9, 5, 4, 4, 4, 5, 31)
    assert list(workbook["t2-8"].iter_rows(values_only=True))[2] == (
        "行政事业性收费",
        1.25,
    )


def test_page_rules(section):  # noqa: F811
    index = section["index"]
    assert AnnualReportPage in index.specific_class.allowed_subpage_models()
    assert AnnualReportPage.allowed_parent_page_models() == [GovOpenIndexPage]
    assert AnnualReportPage.allowed_subpage_models() == []


def test_a_report_needs_its_organisation(db):
    from django.core.exceptions import ValidationError
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
    with pytest.raises(ValidationError) as error:
        AnnualReportPageFactory(parent=index, organization=None)
    assert "organization" in error.value.message_dict
