"""govopen_demo adds form pages and applications in every state."""

import pytest

from govopen.applications.choices import ApplicationStatus, ClockState
from govopen.applications.models import ApplicationFormPage, DisclosureApplication
from govopen.core.enums import ReplyType


@pytest.mark.django_db
def test_demo_form_pages_and_applications_in_every_state(demo, client):
    from wagtail.models import Locale

    pages = ApplicationFormPage.objects.live().filter(locale=Locale.get_default())
    assert pages.count() == 3
    assert {page.number_prefix for page in pages} == {"SFX", "SFJY", "SFCZ"}
    assert client.get("/zfxxgk/apply/").status_code == 200
    assert client.get("/zfxxgk/apply/status/").status_code == 200

    applications = DisclosureApplication.objects.all()
    statuses = set(applications.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    clocks = set(applications.values_list("clock_state", flat=True))
    assert clocks == set(ClockState.values)
    assert applications.overdue().exists()
    replies = set(
        applications.exclude(reply_type="").values_list("reply_type", flat=True)
    )
    assert replies == set(ReplyType.values)
    assert applications.filter(extension_days=20).exists()


@pytest.mark.django_db
def test_demo_applications_are_idempotent(demo):
    from govopen.core.demo import DemoBuilder

    before = DisclosureApplication.objects.count()
    builder = DemoBuilder()
    builder.build()
    assert DisclosureApplication.objects.count() == before
