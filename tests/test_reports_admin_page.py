"""Editors create the annual report page in the Wagtail admin."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from govopen.core.models import GovOpenIndexPage
from govopen.reports.models import AnnualReportPage

from .factories import GovOpenIndexPageFactory, OrganizationFactory


class AnnualReportPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Site

        self.login()
        home = Site.objects.get(is_default_site=True).root_page
        self.index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
        self.county = OrganizationFactory(name="测试县人民政府")

    def test_can_create_under_the_landing_page_only(self):
        self.assertCanCreateAt(GovOpenIndexPage, AnnualReportPage)
        self.assertAllowedSubpageTypes(AnnualReportPage, {})

    def test_create_publish_and_render(self):
        self.assertCanCreate(
            self.index,
            AnnualReportPage,
            nested_form_data(
                {
                    "title": "测试县人民政府2025年政府信息公开工作年度报告",
                    "slug": "ndbg-2025",
                    "organization": self.county.pk,
                    "year": 2025,
                    "include_suborganizations": "on",
                    "overview": rich_text("<p>总体情况。</p>"),
                    "problems": rich_text("<p>存在问题。</p>"),
                    "other_matters": rich_text(""),
                    "action-publish": "publish",
                }
            ),
        )
        page = AnnualReportPage.objects.get(slug="ndbg-2025")
        assert page.live and page.statistics["organization"] == self.county.code
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(page)


@pytest.mark.django_db
def test_year_out_of_range_is_refused_on_the_field(admin_client):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
    county = OrganizationFactory()
    response = admin_client.post(
        f"/admin/pages/add/govopen_reports/annualreportpage/{index.pk}/",
        nested_form_data(
            {
                "title": "年报",
                "slug": "ndbg-1999",
                "organization": county.pk,
                "year": 1999,
                "overview": rich_text(""),
                "problems": rich_text(""),
                "other_matters": rich_text(""),
            }
        ),
    )
    assert response.status_code == 200
    assert not AnnualReportPage.objects.exists()
    assert "2008" in response.content.decode()
