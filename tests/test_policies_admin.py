"""The admin: page editors, lifecycle actions, listings, page rules."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govopen.core.enums import PolicyDocumentType, Validity
from govopen.core.models import GovOpenIndexPage, OrganizationMembership
from govopen.directory.models import DisclosureDirectoryPage
from govopen.policies.models import (
    InterpretationListPage,
    InterpretationPage,
    PolicyDocumentPage,
    PolicyListPage,
)

from .factories import OrganizationFactory
from .factories_policies import (  # noqa: F401  (fixtures)
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    interpretation_list,
    policy_list,
    section,
)

D = datetime.date


def soup(response):
    assert response.status_code == 200, response
    return BeautifulSoup(response.content.decode(), "html.parser")


def reload(page):
    return PolicyDocumentPage.objects.get(pk=page.pk)


@pytest.fixture
def admin(client, db):
    user = get_user_model().objects.create_superuser("admin", password="pw")
    client.force_login(user)
    return client


def department_editor(username, organization, root):
    """An editor who may publish pages below ``root``, for ``organization``."""
    user = get_user_model().objects.create_user(username, password="pw", is_staff=True)
    group, _created = Group.objects.get_or_create(name="政策编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
    OrganizationMembership.objects.create(user=user, organization=organization)
    return user


# Page rules ------------------------------------------------------------------------
class TestPageRules(WagtailPageTestCase):
    def test_where_pages_go(self):
        self.assertAllowedParentPageTypes(
            PolicyDocumentPage, {DisclosureDirectoryPage, PolicyListPage}
        )
        self.assertAllowedParentPageTypes(InterpretationPage, {InterpretationListPage})
        self.assertAllowedParentPageTypes(PolicyListPage, {GovOpenIndexPage})
        self.assertAllowedParentPageTypes(InterpretationListPage, {GovOpenIndexPage})
        self.assertAllowedSubpageTypes(PolicyListPage, {PolicyDocumentPage})
        self.assertAllowedSubpageTypes(InterpretationListPage, {InterpretationPage})
        self.assertAllowedSubpageTypes(PolicyDocumentPage, set())
        self.assertCanCreateAt(DisclosureDirectoryPage, PolicyDocumentPage)


def test_pages_are_renderable_and_previewable(admin, policy_list, interpretation_list):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    interpretation = InterpretationPageFactory(
        parent=interpretation_list, policies=[policy]
    )
    for page in (policy, interpretation, policy_list, interpretation_list):
        response = admin.get(f"/admin/pages/{page.pk}/edit/preview/")
        assert response.status_code == 200, page
        assert admin.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


# The policy editor --------------------------------------------------------------------
def policy_form(organization, **fields):
    data = nested_form_data(
        {
            "title": "示范县城区机动车停车管理办法",
            "slug": "tingche",
            "document_type": PolicyDocumentType.NORMATIVE,
            "organization": organization.pk,
            "drafting_organization": "",
            "interpretation_required": "",
            "genre": "",
            "category": "",
            "topic": "",
            "document_number": "示政规〔2025〕2号",
            "keywords": "",
            "written_date": "2025-03-01",
            "publish_date": "",
            "disclosure_attribute": "proactive",
            "disclosure_method": "website",
            "non_disclosure_reason": "",
            "effective_date": "2025-04-01",
            "expiry_date": "",
            "summary": "规范城区停车。",
            "body": rich_text("<p>第一条　为加强停车管理，制定本办法。</p>"),
            "attachments": inline_formset([]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )
    data["action-publish"] = "publish"
    return data


def test_create_and_publish_a_policy(admin, policy_list):
    organization = OrganizationFactory()
    response = admin.post(
        f"/admin/pages/add/govopen_policies/policydocumentpage/{policy_list.pk}/",
        policy_form(organization),
    )
    assert response.status_code == 302, response.context["form"].errors
    policy = PolicyDocumentPage.objects.get(slug="tingche")
    assert policy.live
    assert policy.index_number
    assert policy.validity == Validity.VALID
    assert policy.drafting_organization == organization
    assert policy.needs_interpretation
    assert policy.interpretation_required is None


def test_interpretation_required_can_be_chosen(admin, policy_list):
    organization = OrganizationFactory()
    response = admin.post(
        f"/admin/pages/add/govopen_policies/policydocumentpage/{policy_list.pk}/",
        policy_form(
            organization,
            document_type=PolicyDocumentType.OTHER,
            interpretation_required="True",
        ),
    )
    assert response.status_code == 302
    policy = PolicyDocumentPage.objects.get(slug="tingche")
    assert policy.interpretation_required is True
    assert policy.needs_interpretation


def test_editor_has_no_validity_dropdown_but_the_lifecycle_actions(admin, policy_list):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    html = soup(admin.get(f"/admin/pages/{policy.pk}/edit/"))
    assert html.find("select", attrs={"name": "validity"}) is None
    links = {a["href"] for a in html.find_all("a", href=True)}
    assert f"/admin/policies/{policy.pk}/amend/" in links
    assert f"/admin/policies/{policy.pk}/repeal/" in links


def test_editing_does_not_change_the_recorded_lifecycle(admin, policy_list):
    policy = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2021, 3, 1))
    policy.repeal(on=D(2024, 12, 20), basis="示政发〔2024〕15号")
    data = policy_form(
        policy.organization,
        slug=policy.slug,
        title="改了标题",
        publish_date="2021-03-01",
        written_date="2021-02-20",
        effective_date="",
        validity="valid",  # not a field of the form: ignored
    )
    response = admin.post(f"/admin/pages/{policy.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    policy = reload(policy)
    assert policy.title == "改了标题"
    assert policy.validity == Validity.REPEALED
    assert policy.repeal_date == D(2024, 12, 20)


# Lifecycle actions ----------------------------------------------------------------------
def test_record_an_amendment(admin, policy_list):
    old = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2021, 3, 15))
    new = PolicyDocumentPageFactory(
        parent=policy_list, publish_date=D(2024, 6, 14), effective_date=D(2024, 7, 1)
    )
    url = f"/admin/policies/{old.pk}/amend/"
    assert admin.get(url).status_code == 200
    response = admin.post(url, {"replacement": new.pk, "on": ""})
    assert response.status_code == 302
    old = reload(old)
    assert old.validity == Validity.AMENDED
    assert old.amended_date == D(2024, 7, 1)
    # The header now offers a correction instead.
    html = soup(admin.get(f"/admin/pages/{old.pk}/edit/"))
    links = {a["href"] for a in html.find_all("a", href=True)}
    assert f"/admin/policies/{old.pk}/reinstate/" in links
    assert f"/admin/policies/{old.pk}/amend/" not in links
    # Wagtail's history says what happened.
    history = soup(admin.get(f"/admin/pages/{old.pk}/history/")).get_text()
    assert new.title in history


def test_record_a_repeal_with_errors_then_correctly(admin, policy_list):
    policy = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2019, 5, 20))
    url = f"/admin/policies/{policy.pk}/repeal/"
    response = admin.post(
        url, {"on": "2024-12-20", "repealing_document": "", "basis": ""}
    )
    assert response.status_code == 200
    assert "basis" in response.context["form"].errors
    response = admin.post(url, {"on": "2018-01-01", "basis": "示政发〔2024〕15号"})
    assert response.status_code == 200
    assert "on" in response.context["form"].errors
    response = admin.post(url, {"on": "2024-12-20", "basis": "示政发〔2024〕15号"})
    assert response.status_code == 302
    assert reload(policy).validity == Validity.REPEALED
    response = admin.post(
        f"/admin/policies/{policy.pk}/reinstate/", {"reason": "误操作"}
    )
    assert response.status_code == 302
    assert reload(policy).validity == Validity.VALID
    assert PageLogEntry.objects.filter(
        page=policy, action="govopen_policies.reinstate"
    ).exists()


def test_only_the_organisations_editors_record_the_lifecycle(
    client, section, policy_list
):
    education = OrganizationFactory(name="示范县教育局")
    finance = OrganizationFactory(name="示范县财政局")
    policy = PolicyDocumentPageFactory(parent=policy_list, organization=education)
    root = Page.objects.get(pk=section["index"].pk)
    client.force_login(department_editor("finance", finance, root))
    # Wagtail turns "permission denied" into a redirect to the dashboard.
    response = client.get(f"/admin/policies/{policy.pk}/repeal/")
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    response = client.post(
        f"/admin/policies/{policy.pk}/repeal/",
        {"on": "2024-12-20", "basis": "示政发〔2024〕15号"},
    )
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert reload(policy).validity == Validity.VALID
    client.force_login(department_editor("teacher", education, root))
    assert client.get(f"/admin/policies/{policy.pk}/repeal/").status_code == 200


# Listings ---------------------------------------------------------------------------
def test_flat_listings(admin, policy_list, interpretation_list):
    policy = PolicyDocumentPageFactory(parent=policy_list, title="列表中的文件")
    InterpretationPageFactory(
        parent=interpretation_list, policies=[policy], title="列表中的解读"
    )
    html = soup(admin.get("/admin/govopen_policy_documents/"))
    assert "列表中的文件" in html.get_text()
    html = soup(
        admin.get("/admin/govopen_policy_documents/", {"document_type": "rules"})
    )
    assert "列表中的文件" not in html.get_text()
    html = soup(admin.get("/admin/govopen_interpretations/"))
    assert "列表中的解读" in html.get_text()
