"""The demo county's policies and interpretations (the govopen_demo_content hook)."""

from bs4 import BeautifulSoup
from wagtail.models import Locale

from govopen.core.enums import InterpretationFormat, Validity
from govopen.policies import compliance
from govopen.policies.compliance import ComplianceStatus
from govopen.policies.models import (
    InterpretationListPage,
    InterpretationPage,
    PolicyDocumentPage,
    PolicyListPage,
)


def originals():
    return PolicyDocumentPage.objects.filter(locale=Locale.get_default())


def test_demo_policies_interpretations_and_compliance(demo):
    by_slug = {policy.slug: policy for policy in originals()}
    # A history: amended, repealed, expired by its date, and in force.
    assert by_slug["yibao-2021"].validity == Validity.AMENDED
    assert by_slug["yibao-2021"].replaced_by_id == by_slug["yibao-2024"].pk
    assert by_slug["zhaijidi-2019"].validity == Validity.REPEALED
    assert by_slug["zhaijidi-2019"].repealed_by_id == by_slug["feizhi-2024"].pk
    assert by_slug["zizhu-2023"].current_validity == Validity.EXPIRED
    assert by_slug["yibao-2024"].current_validity == Validity.VALID
    # Interpretations of several formats.
    formats = set(
        InterpretationPage.objects.filter(locale=Locale.get_default())
        .live()
        .values_list("format", flat=True)
    )
    assert {
        InterpretationFormat.TEXT,
        InterpretationFormat.GRAPHIC,
        InterpretationFormat.QA,
        InterpretationFormat.EXPERT,
    } <= formats
    # Work for the compliance report and the dashboard, whatever today is.
    today = compliance.calendar.today()
    statuses = {
        compliance.classify(policy.publish_date, policy.first_interpreted_on, today)
        for policy in compliance.checked_policies()
    }
    assert {
        ComplianceStatus.OVERDUE,
        ComplianceStatus.DUE_SOON,
        ComplianceStatus.ON_TIME,
    } <= statuses
    assert not [
        instance
        for instance, _error in demo.translation_failures
        if isinstance(instance, (PolicyDocumentPage, InterpretationPage))
    ]


def test_demo_pages_are_served(demo, client):
    policy_list = PolicyListPage.objects.get(locale=Locale.get_default())
    interpretation_list = InterpretationListPage.objects.get(
        locale=Locale.get_default()
    )
    assert policy_list.url == "/zfxxgk/zcwj/"
    assert interpretation_list.url == "/zfxxgk/zcjd/"
    pages = [
        policy_list,
        interpretation_list,
        *PolicyDocumentPage.objects.live(),
        *InterpretationPage.objects.live(),
    ]
    for page in pages:
        response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, page.url
    graphic = InterpretationPage.objects.get(
        slug="yibao-2024-tujie", locale=Locale.get_default()
    )
    html = BeautifulSoup(client.get(graphic.url).content.decode(), "html.parser")
    assert html.select_one(".govopen-block-image img")["alt"].startswith("图解")
    # Every language's copy of the amended policy is marked amended.
    for amended in PolicyDocumentPage.objects.filter(slug="yibao-2021"):
        assert amended.validity == Validity.AMENDED
