"""The admin of entered figures: scoped by organisation, with the check."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from govopen.reports.models import AnnualReportFigures

from .factories import OrganizationFactory
from .factories_reports import (
    AdjustmentFactory,
    AnnualReportFiguresFactory,
    ReportApplicationFactory,
)
from .test_applications_handling import make_user

PERMS = [
    "wagtailadmin.access_admin",
    "govopen_reports.add_annualreportfigures",
    "govopen_reports.change_annualreportfigures",
    "govopen_reports.view_annualreportfigures",
    "govopen_reports.delete_annualreportfigures",
]


def url(name, *args):
    return reverse(f"govopen_reports_figures:{name}", args=args)


@pytest.fixture
def org(db):
    return OrganizationFactory(name="测试县教育局")


@pytest.fixture
def staff(django_user_model, client, org):
    client.force_login(make_user(django_user_model, "clerk", org, PERMS))
    return client


def form(org, year=2025, adjustments=(), **fields):
    data = {
        "organization": org.pk,
        "year": year,
        "licensing_decisions": 0,
        "penalty_decisions": 0,
        "enforcement_decisions": 0,
        "fee_amount": "0",
        "note": "",
        "adjustments": inline_formset(list(adjustments)),
    }
    for name in (
        "reconsideration",
        "litigation_direct",
        "litigation_after",
    ):
        for outcome in ("upheld", "corrected", "other", "pending"):
            data[f"{name}_{outcome}"] = 0
    data.update(fields)
    return nested_form_data(data)


def test_staff_enter_figures_and_see_the_check(staff, org):
    response = staff.post(
        url("add"), form(org, licensing_decisions=42, reconsideration_upheld=1)
    )
    figures = AnnualReportFigures.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("check", figures.pk)
    assert figures.licensing_decisions == 42
    page = BeautifulSoup(staff.get(response["Location"]).content, "html.parser")
    assert "各列数据平衡" in page.select_one("#govopen-report-check").get_text()
    assert not page.select(".govopen-report-table__failing")
    licensing = page.select_one("#t2-5 td")
    assert licensing.get_text() == "42"


def test_inconsistent_adjustments_are_highlighted(staff, org):
    ReportApplicationFactory(organization=org)
    figures = AnnualReportFiguresFactory(organization=org)
    staff.post(
        url("edit", figures.pk),
        form(
            org,
            adjustments=[
                {
                    "row": "carried_over",
                    "applicant_type": "legal_service",
                    "count": 2,
                    "reason": "启用系统前结转",
                }
            ],
        ),
    )
    assert figures.adjustments.get().count == 2
    page = BeautifulSoup(staff.get(url("check", figures.pk)).content, "html.parser")
    alert = page.select_one("#govopen-report-check")
    assert alert["role"] == "alert"
    assert "法律服务机构、总计" in alert.get_text()
    failing = page.select(".govopen-report-table__failing")
    assert len(failing) == 8  # four rows × (法律服务机构, 总计)
    assert {"t3-carried_over", "t3-received", "t3-results_total"} <= {
        header for td in failing for header in td["headers"]
    }
    assert all("t3-c-natural_person" not in td["headers"] for td in failing)


def test_a_duplicate_year_is_refused_on_the_field(staff, org):
    AnnualReportFiguresFactory(organization=org, year=2025)
    response = staff.post(url("add"), form(org))
    assert response.status_code == 200
    assert "该机构本年度的数据已存在" in response.content.decode()
    assert AnnualReportFigures.objects.count() == 1


def test_staff_see_only_their_organisations_figures(staff, org, client):
    other = OrganizationFactory(name="测试县财政局")
    mine = AnnualReportFiguresFactory(organization=org, licensing_decisions=7)
    theirs = AnnualReportFiguresFactory(organization=other, licensing_decisions=9)
    listing = staff.get(url("index")).content.decode()
    assert "测试县教育局" in listing and "测试县财政局" not in listing
    for response in (
        staff.get(url("edit", theirs.pk)),
        staff.get(url("check", theirs.pk)),
        staff.post(url("delete", theirs.pk)),
    ):
        assert response.status_code in (302, 403)
    assert AnnualReportFigures.objects.filter(pk=theirs.pk).exists()
    assert staff.get(url("check", mine.pk)).status_code == 200
    # The form offers only the user's organisations.
    page = BeautifulSoup(staff.get(url("add")).content, "html.parser")
    options = [o.get_text() for o in page.select("#id_organization option")]
    assert "测试县教育局" in options and "测试县财政局" not in options
    response = staff.post(url("add"), form(other, year=2024))
    assert response.status_code == 200
    assert not AnnualReportFigures.objects.filter(organization=other, year=2024)


def test_users_without_permission_are_kept_out(django_user_model, client, org):
    figures = AnnualReportFiguresFactory(organization=org)
    user = make_user(django_user_model, "reader", org, ["wagtailadmin.access_admin"])
    client.force_login(user)
    for response in (client.get(url("index")), client.get(url("check", figures.pk))):
        assert response.status_code in (302, 403)


def test_check_with_sub_organisations(staff, org):
    town = OrganizationFactory(name="城关镇", parent=org)
    figures = AnnualReportFiguresFactory(organization=org)
    AdjustmentFactory(
        figures=AnnualReportFiguresFactory(organization=town),
        row="received",
        applicant_type="other",
        count=1,
    )
    alone = BeautifulSoup(staff.get(url("check", figures.pk)).content, "html.parser")
    assert not alone.select(".govopen-report-table__failing")
    both = BeautifulSoup(
        staff.get(url("check", figures.pk) + "?include_suborganizations=1").content,
        "html.parser",
    )
    assert both.select(".govopen-report-table__failing")
