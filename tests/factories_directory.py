"""Factories of the disclosure directory (govopen.directory)."""

import datetime

import factory
import pytest
import wagtail_factories
from wagtail.models import Locale

from govopen.core.enums import DisclosureAttribute, Validity
from govopen.directory.models import (
    DirectoryCategory,
    DisclosureDirectoryPage,
    DisclosureItemPage,
    Genre,
    Topic,
)

from .factories import OrganizationFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    code = factory.Sequence(lambda n: f"t{n:04d}")
    name = factory.Sequence(lambda n: f"测试主题{n}")
    locale = factory.LazyFunction(Locale.get_default)


class DirectoryCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryCategory

    code = factory.Sequence(lambda n: f"c{n:04d}")
    name = factory.Sequence(lambda n: f"测试目录{n}")
    locale = factory.LazyFunction(Locale.get_default)


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre

    code = factory.Sequence(lambda n: f"g{n:04d}")
    name = factory.Sequence(lambda n: f"测试体裁{n}")
    locale = factory.LazyFunction(Locale.get_default)


class DisclosureDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DisclosureDirectoryPage

    title = "法定主动公开内容"
    slug = factory.Sequence(lambda n: f"fdzdgknr-{n}")


class DisclosureItemPageFactory(wagtail_factories.PageFactory):
    """A live item; pass ``live=False`` for a draft (no index number yet)."""

    class Meta:
        model = DisclosureItemPage

    title = factory.Sequence(lambda n: f"关于印发示范县第{n}号工作方案的通知")
    slug = factory.Sequence(lambda n: f"item-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    document_number = factory.Sequence(lambda n: f"示政办发〔2024〕{n}号")
    publish_date = datetime.date(2024, 3, 5)
    written_date = factory.LazyAttribute(
        lambda o: (
            o.publish_date - datetime.timedelta(days=4) if o.publish_date else None
        )
    )
    validity = Validity.VALID
    disclosure_attribute = DisclosureAttribute.PROACTIVE
    summary = "示范县有关工作的安排。"
    body = "<p>正文内容。</p>"


@pytest.fixture
def directory(db):
    """A live directory under a 政府信息公开 page of the default site."""
    from wagtail.models import Site

    from .factories import GovOpenIndexPageFactory

    home = Site.objects.get(is_default_site=True).root_page
    index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
    return DisclosureDirectoryPageFactory(parent=index, slug="fdzdgknr")


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="示范县教育局", short_name="县教育局")
