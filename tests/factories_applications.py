"""Factories of govopen.applications: form pages and applications."""

import datetime

import factory
import wagtail_factories

from govopen.applications.models import ApplicationFormPage, DisclosureApplication
from govopen.core.enums import (
    ApplicantKind,
    ApplicantType,
    ApplicationChannel,
    DeliveryMethod,
    IdentityDocumentType,
    ProvisionForm,
)
from govopen.core.validators import resident_id_check_digit, uscc_check_character

from .factories import OrganizationFactory


def resident_id(n=1, birth="19900307"):
    """A valid 居民身份证 number (Beijing Dongcheng, given birth date)."""
    first17 = f"110101{birth}{n % 1000:03d}"
    return first17 + resident_id_check_digit(first17)


def uscc(n=1):
    stem = f"91330100MA{n:07d}"
    return stem + uscc_check_character(stem)


def citizen_data(**overrides):
    data = {
        "applicant_kind": ApplicantKind.CITIZEN,
        "name": "张三",
        "id_type": IdentityDocumentType.RESIDENT_ID,
        "id_number": resident_id(),
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "测试县人民路2号",
        "postcode": "230000",
        "description": "2025年度本县城乡居民最低生活保障资金发放情况",
        "document_title": "",
        "document_number": "",
        "provision_form": ProvisionForm.PAPER,
        "delivery_method": DeliveryMethod.POST,
        "privacy_accepted": True,
    }
    data.update(overrides)
    return data


def organization_data(**overrides):
    data = {
        "applicant_kind": ApplicantKind.ORGANIZATION,
        "organization_name": "测试科技有限公司",
        "uscc": uscc(),
        "applicant_type": ApplicantType.COMMERCIAL_ENTERPRISE,
        "legal_representative": "李四",
        "contact_person": "王五",
        "phone": "0551-12345678",
        "email": "contact@example.com",
        "address": "测试县科技园1号",
        "postcode": "230000",
        "description": "本县2025年政府采购项目合同",
        "document_title": "",
        "document_number": "",
        "provision_form": ProvisionForm.EMAIL,
        "delivery_method": DeliveryMethod.EMAIL,
        "privacy_accepted": True,
    }
    data.update(overrides)
    return data


class ApplicationFormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ApplicationFormPage

    title = "政府信息公开申请"
    slug = factory.Sequence(lambda n: f"apply-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    number_prefix = factory.Sequence(lambda n: f"T{n}")


def make_application(
    organization=None,
    data=None,
    channel=ApplicationChannel.ONLINE,
    received_on=None,
    user=None,
    applied_on=None,
    **overrides,
):
    """An application created the way a submission creates it.

    Returns the application; its 查询码 is on ``application.query_code``.
    """
    organization = organization or OrganizationFactory()
    application, code = DisclosureApplication.objects.create_application(
        organization=organization,
        data=data or citizen_data(**overrides),
        channel=channel,
        received_on=received_on,
        user=user,
    )
    if applied_on is not None:
        DisclosureApplication.objects.filter(pk=application.pk).update(
            applied_on=applied_on
        )
        application.applied_on = applied_on
    application.query_code = code
    return application


def date(text):
    return datetime.date.fromisoformat(text)
