"""Factories of govopen.reports: application rows, entered figures, report pages."""

import datetime

import factory
import wagtail_factories

from govopen.applications.models import DisclosureApplication
from govopen.core.enums import (
    ApplicantKind,
    ApplicantType,
    DeliveryMethod,
    ProvisionForm,
)
from govopen.reports.models import (
    AnnualReportFigures,
    AnnualReportPage,
    ApplicationCountAdjustment,
)

from .factories import OrganizationFactory


class ReportApplicationFactory(factory.django.DjangoModelFactory):
    """An application row with only what the report reads (dates and outcome).

    The handling record is not played: the report reads the state columns
    that the record computes, so the tests set them directly.
    """

    class Meta:
        model = DisclosureApplication

    organization = factory.SubFactory(OrganizationFactory)
    number = factory.Sequence(lambda n: f"R{n:07d}")
    year = 2025
    serial = factory.Sequence(lambda n: n)
    query_code_hash = "x"
    applicant_type = ApplicantType.NATURAL_PERSON
    applicant_kind = factory.LazyAttribute(
        lambda o: (
            ApplicantKind.CITIZEN
            if o.applicant_type == ApplicantType.NATURAL_PERSON
            else ApplicantKind.ORGANIZATION
        )
    )
    applicant_name = "申请人"
    phone = "13800138000"
    description = "某项政府信息"
    provision_form = ProvisionForm.PAPER
    delivery_method = DeliveryMethod.POST
    received_on = datetime.date(2025, 3, 3)
    applied_on = factory.LazyAttribute(
        lambda o: o.received_on or datetime.date(2025, 3, 3)
    )
    replied_on = None
    reply_type = ""
    reply_reason = ""


class AnnualReportFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReportFigures

    organization = factory.SubFactory(OrganizationFactory)
    year = 2025


class AdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationCountAdjustment

    figures = factory.SubFactory(AnnualReportFiguresFactory)
    row = "carried_over"
    applicant_type = ApplicantType.NATURAL_PERSON
    count = 1


class AnnualReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AnnualReportPage

    title = "2025年政府信息公开工作年度报告"
    slug = factory.Sequence(lambda n: f"ndbg-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    year = 2025
    overview = "<p>一年来，本机关认真贯彻落实政府信息公开条例。</p>"
    problems = "<p>公开质量仍需提高。</p>"
    other_matters = "<p>本年度未收取信息处理费。</p>"


# The hand-built dataset ------------------------------------------------------
D = datetime.date
NP = ApplicantType.NATURAL_PERSON
CE = ApplicantType.COMMERCIAL_ENTERPRISE
RI = ApplicantType.RESEARCH_INSTITUTION
SW = ApplicantType.SOCIAL_WELFARE
LS = ApplicantType.LEGAL_SERVICE
OT = ApplicantType.OTHER

# (reply type, reason, [applicant types]) of applications received and replied
# in 2025: every reply type and sub-reason at least once, every applicant type.
REPLIED_IN_2025 = [
    ("disclosed", "", [NP, NP, NP, CE]),
    ("partially_disclosed", "", [NP, RI]),
    ("not_disclosed", "state_secret", [SW]),
    ("not_disclosed", "prohibited_by_law", [LS]),
    ("not_disclosed", "security_stability", [OT]),
    ("not_disclosed", "third_party_rights", [NP, NP]),
    ("not_disclosed", "internal_affairs", [CE]),
    ("not_disclosed", "process_information", [RI]),
    ("not_disclosed", "enforcement_files", [SW]),
    ("not_disclosed", "administrative_enquiry", [LS]),
    ("unable_to_provide", "not_held", [NP, OT]),
    ("unable_to_provide", "needs_creation", [CE]),
    ("unable_to_provide", "still_unclear", [RI]),
    ("not_processed", "petition", [SW]),
    ("not_processed", "repeated", [LS]),
    ("not_processed", "publication", [OT]),
    ("not_processed", "excessive", [NP]),
    ("not_processed", "confirmation", [CE]),
    ("other", "supplement_lapsed", [RI]),
    ("other", "fee_unpaid", [SW]),
    ("other", "other", [LS, OT]),
]


def build_dataset(parent_page):
    """Applications across 2024/2025/2026, policies, and entered figures.

    ``county`` has a sub-organisation ``town``; ``other`` is never counted.
    See tests/test_reports_statistics.py for the expected cells.
    """
    from .factories_policies import PolicyDocumentPageFactory

    county = OrganizationFactory(name="测试县人民政府", code="TESTCOUNTY")
    town = OrganizationFactory(name="测试县城关镇", code="TESTTOWN", parent=county)
    other = OrganizationFactory(name="邻县人民政府", code="OTHERCOUNTY")
    rows = []

    def app(applicant_type, received, replied=None, reply_type="", reason="", **kw):
        rows.append(
            ReportApplicationFactory.build(
                organization=kw.pop("organization", county),
                applicant_type=applicant_type,
                received_on=received,
                replied_on=replied,
                reply_type=reply_type,
                reply_reason=reason,
                **kw,
            )
        )

    for day, (reply_type, reason, types) in enumerate(REPLIED_IN_2025, start=1):
        for applicant_type in types:
            app(applicant_type, D(2025, 2, day), D(2025, 3, day), reply_type, reason)
    # Carried over from 2024 and replied in 2025.
    app(NP, D(2024, 12, 20), D(2025, 1, 10), "disclosed")
    app(CE, D(2024, 12, 31), D(2025, 1, 1), "disclosed")
    # Carried over from 2024, still being handled at the end of 2025.
    app(LS, D(2024, 11, 2), D(2026, 1, 5), "disclosed")
    # Received and replied in 2024: not in the 2025 report.
    app(NP, D(2024, 3, 1), D(2024, 12, 31), "disclosed")
    # Applied in 2024, received (Art. 31) in 2025: new in 2025.
    app(CE, D(2025, 1, 4), D(2025, 1, 20), "disclosed", applied_on=D(2024, 12, 31))
    # Received at the end of 2025: carried into 2026.
    app(OT, D(2025, 12, 31))
    app(NP, D(2025, 12, 30), D(2026, 1, 4), "not_processed", "repeated")
    # Received in 2026, or never received: not in the 2025 report.
    app(NP, D(2026, 1, 2))
    app(NP, None, applied_on=D(2025, 6, 1))
    # The sub-organisation and an organisation outside the report.
    app(NP, D(2025, 5, 5), D(2025, 5, 6), "disclosed", organization=town)
    app(NP, D(2025, 5, 5), D(2025, 5, 6), "disclosed", organization=other)
    DisclosureApplication.objects.bulk_create(rows)

    def policy(document_type, published, organization=county, **kw):
        return PolicyDocumentPageFactory(
            parent=parent_page,
            organization=organization,
            document_type=document_type,
            publish_date=published,
            **kw,
        )

    policy("rules", D(2025, 3, 1))
    policy("rules", D(2023, 6, 1))
    policy(
        "normative",
        D(2025, 2, 1),
        validity="repealed",
        repeal_date=D(2025, 9, 1),
        repeal_basis="示政发〔2025〕9号",
    )
    policy("normative", D(2024, 4, 1))
    policy(
        "normative",
        D(2024, 5, 1),
        validity="repealed",
        repeal_date=D(2026, 2, 1),
        repeal_basis="示政发〔2026〕1号",
    )
    policy("normative", D(2026, 1, 5))
    policy("other", D(2025, 4, 1))
    policy("normative", D(2025, 4, 2), organization=other)
    policy("normative", D(2025, 4, 3), organization=town)
    policy("normative", D(2025, 4, 4), live=False)

    AnnualReportFiguresFactory(
        organization=county,
        year=2025,
        licensing_decisions=120,
        penalty_decisions=35,
        enforcement_decisions=4,
        fee_amount="1.25",
        reconsideration_upheld=2,
        reconsideration_corrected=1,
        reconsideration_pending=1,
        litigation_direct_upheld=1,
        litigation_after_pending=1,
    )
    AnnualReportFiguresFactory(organization=town, year=2025, licensing_decisions=10)
    AnnualReportFiguresFactory(organization=county, year=2024, licensing_decisions=999)
    return {"county": county, "town": town, "other": other}
