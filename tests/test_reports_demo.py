"""The demo publishes last year's annual report of the county."""

from django.utils import timezone

from govopen.reports.models import AnnualReportFigures, AnnualReportPage


def test_demo_publishes_last_years_report(demo, client):
    year = timezone.localdate().year - 1
    page = AnnualReportPage.objects.get(slug=f"ndbg-{year}")
    assert page.live
    assert page.organization == demo.county
    assert page.include_suborganizations
    assert page.statistics["year"] == year
    assert page.live_revision.content["statistics"] == page.statistics
    response = client.get(f"/zfxxgk/ndbg-{year}/")
    assert response.status_code == 200
    assert "三、收到和处理政府信息公开申请情况" in response.content.decode()
    assert page.statistics["table2"]["licensing_decisions"] == 1286
    table = page.statistics["table3"]
    assert table["received"]["total"] == 12
    assert table["not_disclosed:process_information"]["natural_person"] == 1
    assert table["unable_to_provide:not_held"]["legal_service"] == 1
    assert table["carried_forward"]["total"] >= 1
    assert table["received"]["total"] + table["carried_over"]["total"] == (
        table["results_total"]["total"] + table["carried_forward"]["total"]
    )
    # Idempotent.
    demo.build()
    assert AnnualReportPage.objects.filter(slug=f"ndbg-{year}").count() == 1
    assert AnnualReportFigures.objects.filter(year=year).count() == 1


def test_the_report_has_its_traditional_chinese_version(demo_translated, client):
    year = timezone.localdate().year - 1
    response = client.get(f"/zh-hant/zfxxgk/ndbg-{year}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "政府信息公開工作年度報告" in text
    assert "三、收到和處理政府信息公開申請情況" in text
    page = AnnualReportPage.objects.get(
        slug=f"ndbg-{year}", locale__language_code="zh-hant"
    )
    assert page.live and page.statistics["year"] == year
