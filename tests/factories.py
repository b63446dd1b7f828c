import factory
import wagtail_factories
from wagtail.models import Locale

from govopen.core.models import GovOpenIndexPage, GuidePage, Organization, StandardPage
from govopen.core.validators import uscc_check_character


def _code(n):
    stem = f"11330000MB{n:07d}"
    return stem + uscc_check_character(stem)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试县第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    code = factory.Sequence(_code)
    locale = factory.LazyFunction(Locale.get_default)
    office_address = "测试县人民路1号"
    phone = "0551-12345678"
    email = "gk@example.gov.cn"
    postcode = "230000"


class GovOpenIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GovOpenIndexPage

    title = "政府信息公开"
    slug = factory.Sequence(lambda n: f"zfxxgk-{n}")


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = "政府信息公开指南"
    slug = factory.Sequence(lambda n: f"guide-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    body = "<p>指南正文</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "政府信息公开制度"
    slug = factory.Sequence(lambda n: f"rules-{n}")
    body = "<p>制度正文</p>"
