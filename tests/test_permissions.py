import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from govopen.core.models import Organization, OrganizationMembership
from govopen.core.permissions import (
    filter_by_organization,
    organization_ids_for_user,
    user_can_access_organization,
)

from .factories import OrganizationFactory


@pytest.fixture
def tree(db):
    county = OrganizationFactory(name="县政府")
    bureau = OrganizationFactory(name="教育局", parent=county)
    office = OrganizationFactory(name="教育局办公室", parent=bureau)
    other = OrganizationFactory(name="财政局", parent=county)
    return county, bureau, office, other


def make_user(name, *orgs, **extra):
    user = get_user_model().objects.create_user(
        name, password="x", is_staff=True, **extra
    )
    for org in orgs:
        OrganizationMembership.objects.create(user=user, organization=org)
    return user


def test_staff_see_only_their_organisation(tree):
    county, bureau, office, other = tree
    user = make_user("teacher", bureau)
    assert organization_ids_for_user(user) == {bureau.pk}
    assert user_can_access_organization(user, bureau)
    assert not user_can_access_organization(user, other)
    assert not user_can_access_organization(user, None)
    qs = filter_by_organization(Organization.objects.all(), user, field="pk")
    assert list(qs) == [bureau]


@override_settings(GOVOPEN_STAFF_SEE_SUB_ORGANIZATIONS=True)
def test_sub_organisations_by_setting(tree):
    county, bureau, office, other = tree
    user = make_user("head", bureau)
    assert organization_ids_for_user(user) == {bureau.pk, office.pk}


def test_superuser_sees_all_and_anonymous_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    admin = make_user("root", is_superuser=True)
    assert organization_ids_for_user(admin) is None
    assert user_can_access_organization(admin, tree[3])
    assert organization_ids_for_user(AnonymousUser()) == set()
    assert (
        make_user("nobody")
        and organization_ids_for_user(get_user_model().objects.get(username="nobody"))
        == set()
    )
