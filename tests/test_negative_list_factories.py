"""Factories of the negative list tests (no tests here)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.models import Page, Site

from govopen.core.enums import ReplyReason
from govopen.core.models import GovOpenIndexPage, OrganizationMembership
from govopen.negative_list.models import NegativeListEntry, NegativeListPage
from home.models import HomePage

from .factories import OrganizationFactory


class NegativeListPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NegativeListPage

    title = "政务公开负面清单"
    slug = factory.Sequence(lambda n: f"fmqd-{n}")


class NegativeListEntryFactory(factory.django.DjangoModelFactory):
    """An entry saved straight to the database, as a published page's entries are."""

    class Meta:
        model = NegativeListEntry

    number = factory.Sequence(lambda n: n + 1)
    category = "国家秘密"
    content = factory.Sequence(lambda n: f"第{n}类涉密文件")
    ground = ReplyReason.STATE_SECRET
    legal_basis = "《中华人民共和国保守国家秘密法》第十三条"
    organization = factory.SubFactory(OrganizationFactory)
    listed_on = datetime.date(2025, 3, 20)


def build_index():
    """A site whose root is a home page with a 政府信息公开 landing page."""
    root = Page.get_first_root_node()
    home = HomePage(title="测试县", slug="nl-home")
    root.add_child(instance=home)
    Site.objects.update(root_page=home)
    Site.clear_site_root_paths_cache()
    landing = GovOpenIndexPage(title="政府信息公开", slug="zfxxgk")
    home.add_child(instance=landing)
    landing.save_revision().publish()
    return landing


def make_reviewer(username, *organizations, superuser=False):
    """Staff with the review permission, working for ``organizations``."""
    user = get_user_model().objects.create_user(
        username,
        password="pw",
        is_staff=True,
        is_superuser=superuser,
        first_name=username,
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="review_negativelistentry"),
    )
    for organization in organizations:
        OrganizationMembership.objects.create(user=user, organization=organization)
    return get_user_model().objects.get(pk=user.pk)
