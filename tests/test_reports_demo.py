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
    # Idempotent.
    demo.build()
    assert AnnualReportPage.objects.filter(slug=f"ndbg-{year}").count() == 1
    assert AnnualReportFigures.objects.filter(year=year).count() == 1
