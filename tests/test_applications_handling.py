"""Whole cases through the handling actions, with real dates (issue 10)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from govopen.applications.choices import ApplicationStatus, ClockState, EventKind
from govopen.applications.models import ActionNotAllowed, Reply, ReplyTemplate
from govopen.core.calendar import WorkingCalendar
from govopen.core.enums import REPLY_REASONS, ReplyReason, ReplyType
from govopen.core.models import OrganizationMembership

from .factories import OrganizationFactory
from .factories_applications import date, make_application

D = date
CAL = WorkingCalendar()

PERMS = [
    "wagtailadmin.access_admin",
    "govopen_applications.add_disclosureapplication",
    "govopen_applications.change_disclosureapplication",
    "govopen_applications.view_disclosureapplication",
]


def make_user(django_user_model, name, organization=None, perms=PERMS):
    user = django_user_model.objects.create_user(
        username=name, password="pw", email=f"{name}@example.gov.cn"
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    if organization is not None:
        OrganizationMembership.objects.create(user=user, organization=organization)
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def org(db):
    return OrganizationFactory()


@pytest.fixture
def handler(django_user_model, org):
    return make_user(django_user_model, "handler", org)


@pytest.fixture
def head(django_user_model, org):
    return make_user(
        django_user_model,
        "head",
        org,
        [*PERMS, "govopen_applications.approve_extension"],
    )


def received(org, handler, on="2025-09-24"):
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    application.confirm_receipt(handler, on=D(on))
    return application


def test_received_2025_09_24_no_pause_is_due_2025_10_28(org, handler):
    application = received(org, handler)
    assert application.status == ApplicationStatus.PROCESSING
    assert application.clock_state == ClockState.RUNNING
    assert application.received_on == D("2025-09-24")
    assert application.due_date == D("2025-10-28")
    application.refresh_from_db()
    assert application.due_date == D("2025-10-28")  # stored for the queue


def test_supplement_requested_and_answered_restarts_the_full_20_days(org, handler):
    application = received(org, handler)
    event = application.request_supplement(
        handler, "请写明所需信息的时间范围。", on=D("2025-09-26")
    )
    assert application.status == ApplicationStatus.AWAITING_SUPPLEMENT
    assert application.clock_state == ClockState.STOPPED
    assert application.due_date is None
    assert event.data["late"] is False
    assert event.public and event.public_note.startswith("请写明")
    application.record_supplement(handler, on=D("2025-10-20"))
    assert application.clock_state == ClockState.RUNNING
    assert application.due_date == CAL.add_working_days(D("2025-10-20"), 20)
    assert application.due_date == D("2025-11-17")


def test_a_late_supplement_request_is_allowed_with_a_warning(org, handler):
    application = received(org, handler)
    event = application.request_supplement(handler, "补正", on=D("2025-10-14"))
    assert event.data["late"] is True
    assert event.data["working_days_after_receipt"] == 10


@pytest.mark.usefixtures("english")
def test_a_supplement_is_requested_only_once(org, handler):
    application = received(org, handler)
    application.request_supplement(handler, "补正", on=D("2025-09-26"))
    application.record_supplement(handler, on=D("2025-09-30"))
    with pytest.raises(ActionNotAllowed, match="once"):
        application.request_supplement(handler, "再补正", on=D("2025-10-09"))


def test_supplement_period_lapsing_ends_as_other_handling(org, handler):
    application = received(org, handler)
    application.request_supplement(
        handler, "补正", on=D("2025-09-26"), due=D("2025-10-20")
    )
    with pytest.raises(ActionNotAllowed, match="2025-10-20"):
        application.record_supplement_lapsed(handler, on=D("2025-10-20"))
    application.record_supplement_lapsed(handler, on=D("2025-10-21"))
    assert application.status == ApplicationStatus.REPLIED
    assert (application.reply_type, application.reply_reason) == (
        ReplyType.OTHER,
        ReplyReason.SUPPLEMENT_LAPSED,
    )
    assert application.reply.letter


def test_consultation_pauses_the_clock_for_exactly_its_working_days(org, handler):
    application = received(org, handler)
    start = application.start_consultation(
        handler, "third_party", "某某公司", on=D("2025-10-13")
    )
    assert application.status == ApplicationStatus.CONSULTING
    assert application.clock_state == ClockState.PAUSED
    assert start.data["due"] == "2025-11-03"  # 15 working days for the answer
    state = application.compute_state()
    assert state.consultations[0].due_date == D("2025-11-03")
    application.end_consultation(handler, start, on=D("2025-10-17"))
    assert application.status == ApplicationStatus.PROCESSING
    paused = CAL.working_days_between(D("2025-10-13"), D("2025-10-17"))
    assert paused == 4
    assert application.due_date == CAL.add_working_days(D("2025-10-28"), paused)


@pytest.mark.usefixtures("english")
def test_extension_adds_20_working_days_once_and_needs_the_permission(
    org, handler, head
):
    application = received(org, handler)
    with pytest.raises(ActionNotAllowed, match="Article 33|第三十三条"):
        application.extend(handler, 20, "情况复杂", on=D("2025-10-20"))
    with pytest.raises(ActionNotAllowed):
        application.extend(head, 21, "太长", on=D("2025-10-20"))
    with pytest.raises(ActionNotAllowed):
        application.extend(head, 10, "", on=D("2025-10-20"))
    event = application.extend(head, 20, "需要调取档案", on=D("2025-10-20"))
    assert event.public and event.public_note == "需要调取档案"
    assert application.due_date == CAL.add_working_days(D("2025-09-24"), 40)
    assert application.due_date == D("2025-11-25")
    with pytest.raises(ActionNotAllowed, match="already"):
        application.extend(head, 5, "再延", on=D("2025-10-21"))


@pytest.mark.parametrize(
    ("reply_type", "reason"),
    [(ReplyType.DISCLOSED, ""), (ReplyType.PARTIALLY_DISCLOSED, "")]
    + [
        (reply_type, reason)
        for reply_type, reasons in REPLY_REASONS.items()
        for reason in reasons
    ],
)
def test_every_reply_type_and_reason_ends_in_its_report_row(
    org, handler, reply_type, reason
):
    application = received(org, handler)
    event = application.send_reply(
        handler,
        reply_type,
        reason=reason,
        on=D("2025-10-10"),
        summary="答复内容",
        legal_ground="《条例》第十四条"
        if reply_type == ReplyType.NOT_DISCLOSED
        else "",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REPLIED
    assert application.reply_type == reply_type
    assert application.reply_reason == reason
    assert application.replied_on == D("2025-10-10")
    assert application.replied_late is False
    assert event.kind == EventKind.REPLIED
    reply = Reply.objects.get(application=application)
    assert "60" in reply.letter and "6" in reply.letter  # the remedies
    assert application.files.filter(role="reply_letter", public=True).exists()


def test_reply_reasons_are_checked(org, handler):
    application = received(org, handler)
    with pytest.raises(ActionNotAllowed):
        application.send_reply(handler, ReplyType.NOT_DISCLOSED, on=D("2025-10-10"))
    with pytest.raises(ActionNotAllowed):
        application.send_reply(
            handler,
            ReplyType.NOT_DISCLOSED,
            reason=ReplyReason.NOT_HELD,
            on=D("2025-10-10"),
        )
    with pytest.raises(ActionNotAllowed):
        application.send_reply(
            handler,
            ReplyType.DISCLOSED,
            reason=ReplyReason.STATE_SECRET,
            on=D("2025-10-10"),
        )


def test_late_reply_is_recorded(org, handler):
    application = received(org, handler)
    application.send_reply(handler, ReplyType.DISCLOSED, on=D("2025-10-29"))
    assert application.replied_late is True


def test_reply_template_placeholders(org, handler):
    ReplyTemplate.objects.create(
        title="予以公开",
        organization=org,
        reply_type=ReplyType.DISCLOSED,
        body="{applicant}：\n\n您的申请（{number}）于{received_on}收到。{summary}\n\n{remedies}",
    )
    application = received(org, handler)
    application.send_reply(
        handler, ReplyType.DISCLOSED, on=D("2025-10-10"), summary="现提供如下信息。"
    )
    letter = application.reply.letter
    assert letter.startswith("张三：")
    assert application.number in letter and "2025-09-24" in letter
    assert "现提供如下信息。" in letter and "{" not in letter


@pytest.mark.usefixtures("english")
def test_fee_per_application_counts_the_applicants_month(org, handler):
    applications = [
        make_application(organization=org, applied_on=D("2025-09-01"))
        for _ in range(11)
    ]
    other_month = make_application(organization=org, applied_on=D("2025-10-01"))
    eleventh = applications[-1]
    assert eleventh.fee_ordinal() == 11
    assert other_month.fee_ordinal() == 1
    eleventh.confirm_receipt(handler, on=D("2025-09-02"))
    event = eleventh.issue_fee_notice(handler, "per_application", on=D("2025-09-03"))
    assert event.data["amount"] == "100"
    assert eleventh.status == ApplicationStatus.AWAITING_PAYMENT
    assert eleventh.clock_state == ClockState.PAUSED
    first = applications[0]
    first.confirm_receipt(handler, on=D("2025-09-02"))
    with pytest.raises(ActionNotAllowed, match="free"):
        first.issue_fee_notice(handler, "per_application", on=D("2025-09-03"))


def test_fee_per_page_and_payment_lapse(org, handler):
    application = received(org, handler)
    event = application.issue_fee_notice(
        handler, "per_page", pages=201, on=D("2025-10-09")
    )
    assert event.data["amount"] == "2740"
    assert len(event.data["lines"]) == 4
    due = D(event.data["due"])
    assert due == CAL.add_working_days(D("2025-10-09"), 20)
    with pytest.raises(ActionNotAllowed):
        application.record_fee_lapsed(handler, on=due)
    application.record_fee_lapsed(handler, on=due + datetime.timedelta(days=1))
    assert (application.reply_type, application.reply_reason) == (
        ReplyType.OTHER,
        ReplyReason.FEE_UNPAID,
    )


def test_payment_resumes_the_clock(org, handler):
    application = received(org, handler)
    application.issue_fee_notice(handler, "per_page", pages=31, on=D("2025-10-13"))
    application.record_payment(handler, on=D("2025-10-17"))
    assert application.clock_state == ClockState.RUNNING
    assert application.due_date == CAL.add_working_days(D("2025-10-28"), 4)


@pytest.mark.usefixtures("english")
def test_actions_refused_in_the_wrong_state_with_a_clear_message(org, handler):
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    with pytest.raises(ActionNotAllowed) as refusal:
        application.send_reply(handler, ReplyType.DISCLOSED, on=D("2025-10-10"))
    message = str(refusal.value.message)
    assert "Reply" in message or "答复" in message
    assert str(ApplicationStatus.SUBMITTED.label) in message
    with pytest.raises(ActionNotAllowed):
        application.record_supplement(handler, on=D("2025-10-10"))
    with pytest.raises(ActionNotAllowed):
        application.archive(handler)
    application.confirm_receipt(handler, on=D("2025-09-24"))
    with pytest.raises(ActionNotAllowed):
        application.confirm_receipt(handler, on=D("2025-09-25"))
    with pytest.raises(ActionNotAllowed, match="future|将来"):
        application.send_reply(
            handler,
            ReplyType.DISCLOSED,
            on=datetime.date.today() + datetime.timedelta(days=3),
        )
    application.send_reply(handler, ReplyType.DISCLOSED, on=D("2025-10-10"))
    with pytest.raises(ActionNotAllowed):
        application.start_consultation(
            handler, "agency", "县财政局", on=D("2025-10-11")
        )
    application.archive(handler)
    assert application.status == ApplicationStatus.ARCHIVED


def test_staff_act_only_on_their_organisations_applications(
    django_user_model, org, handler
):
    other_org = OrganizationFactory()
    stranger = make_user(django_user_model, "stranger", other_org)
    application = make_application(organization=org, applied_on=D("2025-09-23"))
    with pytest.raises(ActionNotAllowed, match="organisation|机关"):
        application.confirm_receipt(stranger, on=D("2025-09-24"))
    assert application.allowed_actions(stranger) == []
    assert [name for name, _ in application.allowed_actions(handler)] == [
        "confirm_receipt"
    ]


def test_every_action_is_in_wagtails_log(org, handler):
    application = received(org, handler)
    application.send_reply(handler, ReplyType.DISCLOSED, on=D("2025-10-10"))
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(application.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "govopen_applications.received",
        "govopen_applications.replied",
    ]


def test_identity_number_needs_the_permission_and_is_logged(
    django_user_model, org, handler
):
    application = received(org, handler)
    with pytest.raises(ActionNotAllowed):
        application.reveal_identity_number(handler)
    auditor = make_user(
        django_user_model,
        "auditor",
        org,
        [*PERMS, "govopen_applications.view_identity_number"],
    )
    assert (
        application.reveal_identity_number(auditor) == application.get_identity_number()
    )
    entry = ModelLogEntry.objects.get(
        action="govopen_applications.view_identity_number"
    )
    assert entry.user_id == auditor.pk
    assert application.get_identity_number() not in str(entry.data)


def test_applicant_is_emailed_at_public_milestones(
    org, handler, head, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = received(org, handler)
        application.request_supplement(handler, "请补正", on=D("2025-09-26"))
        application.record_supplement(handler, on=D("2025-09-30"))
        application.add_note(handler, "内部备注")
        application.extend(head, 10, "需要时间", on=D("2025-10-09"))
        application.send_reply(handler, ReplyType.DISCLOSED, on=D("2025-10-10"))
    subjects = [message.subject for message in mailoutbox]
    # submitted (created with the factory before the callbacks) is not here;
    # received, supplement requested, received, extended, replied are.
    assert len(subjects) == 5
    assert all(application.number in subject for subject in subjects)
    bodies = "\n".join(message.body for message in mailoutbox)
    assert "请补正" in bodies and "需要时间" in bodies and "内部备注" not in bodies
