"""Reminders to handlers, sub-organisations, negative-list citations, notices."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.models import Page

from govopen.applications.choices import ApplicationStatus
from govopen.applications.models import ApplicationFile
from govopen.applications.reminders import reminders
from govopen.core.calendar import get_calendar
from govopen.core.enums import ReplyReason, ReplyType
from govopen.core.permissions import user_can_access_organization

from .factories import GovOpenIndexPageFactory, OrganizationFactory
from .factories_applications import ApplicationFormPageFactory, date, make_application
from .test_applications_handling import make_user
from .test_negative_list_factories import (
    NegativeListEntryFactory,
    NegativeListPageFactory,
)

D = date


@pytest.fixture
def org(db):
    return OrganizationFactory()


@pytest.fixture
def handler(django_user_model, org):
    return make_user(django_user_model, "handler", org)


def received_days_ago(org, handler, working_days):
    """An application received ``working_days`` working days before today."""
    from govopen.applications.demo import working_days_ago

    on = working_days_ago(working_days)
    application = make_application(organization=org, applied_on=on)
    application.confirm_receipt(handler, on=on)
    return application


def test_reminders_go_to_the_handlers_of_due_and_overdue_applications(
    django_user_model, org, handler, run_command
):
    colleague = make_user(django_user_model, "colleague", org)
    overdue = received_days_ago(org, handler, 22)
    soon = received_days_ago(org, handler, 17)
    later = received_days_ago(org, handler, 2)
    assigned = received_days_ago(org, handler, 19)
    assigned.assign(handler, colleague)

    plan = reminders(days=5)
    assert {a.number for a in plan[handler]} == {overdue.number, soon.number}
    assert {a.number for a in plan[colleague]} == {
        overdue.number,
        soon.number,
        assigned.number,
    }
    assert later.number not in {a.number for apps in plan.values() for a in apps}

    out = run_command("govopen_send_reminders", "--days", "5")
    assert "Sent 2 reminder emails" in out
    by_user = {m.to[0]: m for m in mail.outbox}
    body = by_user[colleague.email].body
    assert assigned.number in body and overdue.number in body
    assert body.index(overdue.number) < body.index(soon.number)
    assert "张三" not in body  # no personal data in reminders

    dry = run_command("govopen_send_reminders", "--dry-run")
    assert "handler:" in dry and len(mail.outbox) == 2


def test_reminder_task_runs_on_the_task_backend(org, handler, run_command):
    received_days_ago(org, handler, 22)
    out = run_command("govopen_send_reminders", "--enqueue")
    assert "enqueued" in out
    assert len(mail.outbox) == 1  # the immediate backend ran it


def test_staff_may_see_sub_organisations_by_setting(django_user_model, org):
    child = OrganizationFactory(parent=org)
    parent_staff = make_user(django_user_model, "parent_staff", org)
    application = make_application(organization=child, applied_on=D("2025-09-23"))
    assert not user_can_access_organization(parent_staff, child)
    assert application.allowed_actions(parent_staff) == []
    with override_settings(GOVOPEN_STAFF_SEE_SUB_ORGANIZATIONS=True):
        parent_staff = django_user_model.objects.get(pk=parent_staff.pk)
        application.confirm_receipt(parent_staff, on=D("2025-09-24"))
    assert application.status == ApplicationStatus.PROCESSING


def test_a_not_disclosed_reply_cites_a_negative_list_entry(org, handler):
    home = Page.get_first_root_node().get_children().first()
    index = GovOpenIndexPageFactory(parent=home)
    NegativeListPageFactory(parent=index)
    entry = NegativeListEntryFactory(
        organization=org, page=index.get_children().last().specific
    )
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    application.confirm_receipt(handler, on=D("2025-09-24"))
    application.send_reply(
        handler,
        ReplyType.NOT_DISCLOSED,
        reason=ReplyReason.STATE_SECRET,
        legal_ground="《条例》第十四条",
        negative_list_entry=entry,
        on=D("2025-10-10"),
    )
    assert list(entry.citing_replies.all()) == [application.reply]
    assert entry.content in application.reply.letter


def test_fee_notice_document_shows_the_computation_to_the_applicant(
    client, org, handler
):
    home = Page.get_first_root_node().get_children().first()
    page = ApplicationFormPageFactory(parent=GovOpenIndexPageFactory(parent=home))
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    application.confirm_receipt(handler, on=D("2025-09-24"))
    event = application.issue_fee_notice(
        handler, "per_page", pages=101, on=D("2025-10-09")
    )
    notice = ApplicationFile.objects.get(event=event)
    assert notice.public
    html = notice.read().decode()
    assert "720" in html and "31–100" in html and event.data["due"] in html
    # The applicant reaches it from the status page after a lookup.
    client.post(
        page.url + "status/",
        {"number": application.number, "query_code": application.query_code},
    )
    status = client.get(page.url + "status/?number=" + application.number)
    assert f"status/files/{notice.pk}/" in status.content.decode()
    response = client.get(page.url + f"status/files/{notice.pk}/")
    assert response.status_code == 200
    assert "Content-Disposition" not in response  # a printable page
    assert "720" in response.content.decode()


def test_extension_after_the_due_date_is_refused(django_user_model, org, handler):
    from govopen.applications.models import ActionNotAllowed

    head = make_user(
        django_user_model,
        "head",
        org,
        [
            "wagtailadmin.access_admin",
            "govopen_applications.change_disclosureapplication",
            "govopen_applications.approve_extension",
        ],
    )
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    application.confirm_receipt(handler, on=D("2025-09-24"))
    with pytest.raises(ActionNotAllowed, match="2025-10-28"):
        application.extend(head, 10, "晚了", on=D("2025-10-29"))
    assert get_calendar().is_working_day(D("2025-10-29"))
    assert datetime.date(2025, 10, 28) == application.due_date
