"""The handling office's admin: queue, record, action views (issue 10)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from govopen.applications.choices import ApplicationStatus
from govopen.applications.models import DisclosureApplication
from govopen.core.enums import ApplicationChannel, ReplyType

from .factories import OrganizationFactory
from .factories_applications import citizen_data, date, make_application
from .test_applications_handling import PERMS, make_user

D = date


@pytest.fixture
def org(db):
    return OrganizationFactory(name="测试县教育局")


@pytest.fixture
def handler(django_user_model, org):
    return make_user(django_user_model, "handler", org)


@pytest.fixture
def staff_client(client, handler):
    client.force_login(handler)
    return client


def url(name, *args):
    return reverse(f"govopen_applications:{name}", args=args)


def received(org, handler, on="2025-09-24"):
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    application.confirm_receipt(handler, on=D(on))
    return application


def test_queue_lists_own_organisation_only_with_masked_names(
    staff_client, org, handler
):
    mine = received(org, handler)
    theirs = make_application(organization=OrganizationFactory(), name="李四")
    response = staff_client.get(url("index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert mine.number in text and theirs.number not in text
    assert "张*" in text and "张三" not in text
    assert mine.id_number_masked not in text  # not even masked in the list
    assert "2025-10-28" in text


def test_queue_marks_overdue_in_red(staff_client, org, handler):
    received(org, handler)  # due 2025-10-28, long past
    soup = BeautifulSoup(staff_client.get(url("index")).content, "html.parser")
    cell = soup.find(string=lambda s: s and "2025-10-28" in s).find_parent("span")
    assert "cd4444" in cell.get("style", "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "processing"}, {"received"}),
        ({"status": "submitted"}, {"new", "company", "posted"}),
        ({"due": "overdue"}, {"received"}),
        ({"applicant_type": "commercial_enterprise"}, {"company"}),
        ({"channel": "post"}, {"posted"}),
        ({"year": "2025"}, {"received"}),
    ],
)
def test_queue_filters(staff_client, org, handler, query, expected):
    from .factories_applications import organization_data

    apps = {
        "received": received(org, handler),
        "new": make_application(organization=org),
        "company": make_application(organization=org, data=organization_data()),
        "posted": make_application(
            organization=org, channel=ApplicationChannel.POST, user=handler
        ),
    }
    DisclosureApplication.objects.filter(pk=apps["received"].pk).update(year=2025)
    DisclosureApplication.objects.exclude(pk=apps["received"].pk).update(year=2026)
    response = staff_client.get(url("index"), query)
    text = response.content.decode()
    shown = {key for key, app in apps.items() if app.number in text}
    assert shown == expected


def test_queue_search_by_number_and_name(staff_client, org, handler):
    a = make_application(organization=org, name="王小明")
    b = make_application(organization=org, name="赵六")
    text = staff_client.get(url("index"), {"q": "王小明"}).content.decode()
    assert a.number in text and b.number not in text
    text = staff_client.get(url("index"), {"q": b.number}).content.decode()
    assert b.number in text and a.number not in text


def test_queue_query_count_does_not_grow_with_rows(staff_client, org, handler):
    for _ in range(3):
        received(org, handler)
    staff_client.get(url("index"))
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url("index"))
    for _ in range(6):
        received(org, handler)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url("index"))
    assert len(many) == len(few)


def test_detail_shows_the_record_and_the_allowed_actions(staff_client, org, handler):
    application = received(org, handler)
    response = staff_client.get(url("inspect", application.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert application.number in text and "张三" in text
    assert application.id_number_masked in text
    assert application.get_identity_number() not in text
    assert url("send_reply", application.pk) in text
    assert url("confirm_receipt", application.pk) not in text
    assert url("extend", application.pk) not in text  # needs the permission


def test_other_organisations_records_are_forbidden(
    django_user_model, client, org, handler
):
    application = received(org, handler)
    stranger = make_user(django_user_model, "stranger", OrganizationFactory())
    client.force_login(stranger)
    # Wagtail turns PermissionDenied into a redirect to the dashboard.
    for response in (
        client.get(url("inspect", application.pk)),
        client.get(url("send_reply", application.pk)),
        client.post(url("identity_number", application.pk)),
        client.get(url("file", application.pk, 1)),
    ):
        assert response.status_code in (302, 403)
        assert application.number not in response.content.decode()
    assert DisclosureApplication.objects.get().status == "processing"


def test_action_view_in_the_wrong_state_explains_and_redirects(
    staff_client, org, handler
):
    application = make_application(organization=org)
    response = staff_client.get(url("send_reply", application.pk), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(str(ApplicationStatus.SUBMITTED.label) in m for m in messages)
    assert response.redirect_chain[-1][0] == url("inspect", application.pk)


def test_confirm_receipt_and_reply_through_the_admin(staff_client, org, handler):
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    response = staff_client.post(
        url("confirm_receipt", application.pk), {"on": "2025-09-24", "note": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.due_date == D("2025-10-28")
    response = staff_client.post(
        url("send_reply", application.pk),
        {
            "reply_type": ReplyType.NOT_DISCLOSED,
            "reason": "",
            "legal_ground": "",
            "summary": "",
            "on": "2025-10-10",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "reason" in response.context["form"].errors
    response = staff_client.post(
        url("send_reply", application.pk),
        {
            "reply_type": ReplyType.NOT_DISCLOSED,
            "reason": "state_secret",
            "legal_ground": "《条例》第十四条",
            "summary": "属于国家秘密。",
            "on": "2025-10-10",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.reply_type == ReplyType.NOT_DISCLOSED
    letter = application.files.get(role="reply_letter")
    page = staff_client.get(url("file", application.pk, letter.pk) + "?print=1")
    assert page.status_code == 200
    assert "属于国家秘密" in page.content.decode()


def test_extension_view_needs_the_permission(
    django_user_model, client, staff_client, org, handler
):
    application = received(org, handler)
    response = staff_client.get(url("extend", application.pk), follow=True)
    assert any(
        "extend" in str(m).lower() or "延" in str(m)
        for m in response.context["messages"]
    )
    head = make_user(
        django_user_model,
        "head",
        org,
        [*PERMS, "govopen_applications.approve_extension"],
    )
    client.force_login(head)
    response = client.post(
        url("extend", application.pk),
        {"days": "20", "reason": "需要调取档案", "on": "2025-10-20"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.due_date == D("2025-11-25")


def test_identity_number_view_needs_permission_and_is_logged(
    django_user_model, client, staff_client, org, handler
):
    application = received(org, handler)
    refused = staff_client.post(url("identity_number", application.pk))
    assert refused.status_code in (302, 403)
    assert application.get_identity_number() not in refused.content.decode()
    auditor = make_user(
        django_user_model,
        "auditor",
        org,
        [*PERMS, "govopen_applications.view_identity_number"],
    )
    client.force_login(auditor)
    assert client.get(url("identity_number", application.pk)).status_code == 405
    response = client.post(url("identity_number", application.pk))
    assert response.status_code == 200
    assert application.get_identity_number() in response.content.decode()
    assert (
        ModelLogEntry.objects.filter(
            action="govopen_applications.view_identity_number", user=auditor
        ).count()
        == 1
    )


def test_register_an_application_received_by_post(staff_client, org, handler):
    data = {k: ("on" if v is True else v) for k, v in citizen_data(name="孙七").items()}
    data.update(
        organization=org.pk, channel="post", received_on="2025-09-24", note="信件"
    )
    response = staff_client.post(url("add"), data)
    assert response.status_code == 302, response.context["form"].errors
    application = DisclosureApplication.objects.get(applicant_name="孙七")
    assert application.channel == ApplicationChannel.POST
    assert application.received_on == D("2025-09-24")
    assert application.due_date == D("2025-10-28")
    assert application.created_by == handler


def test_applications_cannot_be_deleted_or_edited_as_forms(staff_client, org, handler):
    application = received(org, handler)
    response = staff_client.get(f"/admin/govopen/applications/delete/{application.pk}/")
    assert response.status_code == 404
    response = staff_client.get(url("edit", application.pk))
    assert response.status_code == 302
    assert response["Location"] == url("inspect", application.pk)


def test_history_shows_the_actions(staff_client, org, handler):
    application = received(org, handler)
    response = staff_client.get(url("history", application.pk))
    assert response.status_code == 200
    assert "2025-09-24" in response.content.decode()


def test_users_without_permissions_are_kept_out(django_user_model, client, org):
    outsider = make_user(
        django_user_model, "outsider", org, ["wagtailadmin.access_admin"]
    )
    client.force_login(outsider)
    assert client.get(url("index")).status_code in (302, 403)
    assert Permission.objects.filter(codename="approve_extension").exists()
