"""The handling record of a question: flow, dates, permissions, rating, statistics."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import override_settings
from django.utils import translation

from govopen.core.calendar import get_calendar
from govopen.core.enums import SatisfactionRating
from govopen.core.models import OrganizationMembership
from govopen.qa.choices import EventKind, QuestionStatus
from govopen.qa.models import ActionNotAllowed, Question
from govopen.qa.reminders import reminders
from govopen.qa.statistics import QuestionFacts, compute_statistics

from .factories import OrganizationFactory
from .factories_qa import QAPageFactory, date, make_question

PERMS = ("govopen_qa.change_question", "govopen_qa.view_question")
MONDAY = date("2025-03-03")  # an ordinary working week
S = SatisfactionRating


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
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def office(db):
    return OrganizationFactory(name="测试县人民政府办公室")


@pytest.fixture
def department(db):
    return OrganizationFactory(name="测试县教育局")


@pytest.fixture
def page(office):
    from wagtail.models import Page

    from .factories import GovOpenIndexPageFactory

    home = Page.get_first_root_node().get_children().first()
    index = GovOpenIndexPageFactory(parent=home)
    return QAPageFactory(parent=index, organization=office)


@pytest.fixture
def clerk(django_user_model, office):
    return make_user(django_user_model, "clerk", office)


@pytest.fixture
def teacher(django_user_model, department):
    return make_user(django_user_model, "teacher", department)


def test_whole_flow_with_dates(page, clerk, teacher, department):
    question, code = make_question(page, on=MONDAY)
    assert question.status == QuestionStatus.SUBMITTED
    assert question.number.startswith("ZX2025")
    question.accept(clerk, on=MONDAY)
    # 5 working days after Monday 3 March: Monday 10 March.
    assert question.due_date == date("2025-03-10")
    question.assign(clerk, department, on=MONDAY)
    question.reply_to(teacher, "报名时间为7月上旬。", on=date("2025-03-07"))
    assert question.status == QuestionStatus.REPLIED
    assert question.replied_on is None  # not yet told to the asker
    question.approve(clerk, on=date("2025-03-10"))
    assert question.status == QuestionStatus.ANSWERED
    assert question.replied_on == date("2025-03-10")
    assert question.replied_late is False
    question.publish(clerk)
    assert question.status == QuestionStatus.PUBLISHED
    kinds = list(question.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "accepted",
        "assigned",
        "replied",
        "approved",
        "published",
    ]


def test_late_reply_is_recorded_and_overdue_questions_are_found(
    page, clerk, department
):
    question, _ = make_question(page, on=MONDAY)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, department, on=MONDAY)
    assert (
        Question.objects.overdue(today=date("2025-03-11"))
        .filter(pk=question.pk)
        .exists()
    )
    assert not Question.objects.overdue(today=date("2025-03-10")).exists()
    assert question.is_overdue(today=date("2025-03-11"))
    question.reply_to(clerk, "答复", on=date("2025-03-11"))
    question.approve(clerk, on=date("2025-03-11"))
    assert question.replied_late is True
    assert not Question.objects.overdue(today=date("2025-03-20")).exists()


def test_the_deadline_setting_and_holidays_come_from_the_calendar(page, clerk):
    question, _ = make_question(page, on=date("2025-09-30"))
    with override_settings(GOVOPEN_QA_REPLY_DAYS=3):
        question.accept(clerk, on=date("2025-09-30"))
    assert question.due_date == get_calendar().add_working_days(date("2025-09-30"), 3)
    # The National Day holiday lies in between.
    assert question.due_date > date("2025-10-08")


def test_reassignment_records_every_hop(page, clerk, department, office):
    other = OrganizationFactory(name="测试县财政局")
    question, _ = make_question(page, on=MONDAY)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, department, on=MONDAY)
    question.assign(clerk, other, on=date("2025-03-04"))
    with pytest.raises(ActionNotAllowed):
        question.assign(clerk, other)
    hops = list(
        question.events.filter(kind=EventKind.ASSIGNED).values_list(
            "organization__name", flat=True
        )
    )
    assert hops == ["测试县教育局", "测试县财政局"]
    assert question.organization == other
    # The deadline still counts from 受理.
    assert question.due_date == date("2025-03-10")


def test_refusal_needs_a_reason_that_the_asker_is_told(
    page, clerk, django_capture_on_commit_callbacks
):
    question, _ = make_question(page, on=MONDAY)
    with pytest.raises(ActionNotAllowed):
        question.refuse(clerk, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        question.refuse(clerk, "属于信访事项，请通过信访渠道反映。", on=MONDAY)
    assert question.status == QuestionStatus.REFUSED
    assert question.allowed_actions(clerk) == []
    assert len(mail.outbox) == 1
    assert "属于信访事项" in mail.outbox[0].body
    assert question.number in mail.outbox[0].subject


def test_publication_needs_consent(page, clerk):
    question, _ = make_question(page, on=MONDAY, consent_to_publish=False)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, page.organization, on=MONDAY)
    question.reply_to(clerk, "答复", on=MONDAY)
    question.approve(clerk, on=MONDAY)
    assert "publish" not in dict(question.allowed_actions(clerk))
    with translation.override("en"), pytest.raises(ActionNotAllowed, match="consent"):
        question.publish(clerk)
    assert question.status == QuestionStatus.ANSWERED


def test_publication_needs_the_office_and_an_approved_reply(
    page, clerk, teacher, department
):
    question, _ = make_question(page, on=MONDAY)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, department, on=MONDAY)
    question.reply_to(teacher, "答复", on=MONDAY)
    with pytest.raises(ActionNotAllowed):
        question.publish(clerk)  # still under review
    with pytest.raises(ActionNotAllowed):
        question.approve(teacher)  # departments do not review themselves
    question.return_reply(clerk, "请补充办理地点。")
    assert question.status == QuestionStatus.ASSIGNED
    question.reply_to(teacher, "答复，地点在县政务服务中心。", on=MONDAY)
    question.approve(clerk, on=MONDAY)
    with pytest.raises(ActionNotAllowed):
        question.publish(teacher)
    question.publish(clerk, text="我改过的文字")
    assert question.published_question == "我改过的文字"


def test_publication_masks_personal_data_by_default(page, clerk):
    question, _ = make_question(
        page,
        on=MONDAY,
        subject="电话13812345678",
        question="我的身份证11010119900307123X，电话0991-1234567，邮箱zs@example.com。",
    )
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, page.organization, on=MONDAY)
    question.reply_to(clerk, "答复", on=MONDAY)
    question.approve(clerk, on=MONDAY)
    question.publish(clerk)
    assert question.published_subject == "电话138****5678"
    assert "11010119900307123X" not in question.published_question
    assert "1234567" not in question.published_question
    assert "zs@example.com" not in question.published_question
    assert question.question.startswith(
        "我的身份证11010119900307123X"
    )  # kept for staff


def test_without_review_the_reply_goes_to_the_asker_at_once(
    page, clerk, teacher, department
):
    question, _ = make_question(page, on=MONDAY)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, department, on=MONDAY)
    with override_settings(GOVOPEN_QA_REVIEW=False):
        question.reply_to(teacher, "答复", on=date("2025-03-04"))
    assert question.status == QuestionStatus.ANSWERED
    assert question.replied_on == date("2025-03-04")


def test_departments_act_only_on_their_questions(
    page, clerk, department, django_user_model
):
    stranger = make_user(django_user_model, "stranger", OrganizationFactory())
    nobody = make_user(django_user_model, "nobody", department, perms=())
    question, _ = make_question(page, on=MONDAY)
    assert question.action_refusal("accept", user=stranger) is not None
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, department, on=MONDAY)
    with pytest.raises(ActionNotAllowed):
        question.reply_to(stranger, "答复")
    with pytest.raises(ActionNotAllowed):
        question.reply_to(nobody, "答复")


def test_actions_refuse_future_dates_and_dates_before_submission(page, clerk):
    question, _ = make_question(page, on=MONDAY)
    with pytest.raises(ActionNotAllowed):
        question.accept(clerk, on=MONDAY - datetime.timedelta(days=1))
    with pytest.raises(ActionNotAllowed):
        question.accept(clerk, on=datetime.date.today() + datetime.timedelta(days=2))


def answered(page, clerk, on):
    question, code = make_question(page, on=on)
    question.accept(clerk, on=on)
    question.assign(clerk, page.organization, on=on)
    question.reply_to(clerk, "答复", on=on)
    question.approve(clerk, on=on)
    return question, code


def test_rating_once_within_the_period(page, clerk):
    question, _ = answered(page, clerk, MONDAY)
    closes = question.rating_closes_on()
    assert closes == get_calendar().add_working_days(MONDAY, 10)
    assert not question.can_be_rated(today=closes + datetime.timedelta(days=1))
    with pytest.raises(ActionNotAllowed):
        question.rate(S.SATISFIED, today=closes + datetime.timedelta(days=1))
    question.rate(S.DISSATISFIED, "没有说清楚", today=closes)
    assert question.rating == S.DISSATISFIED
    with pytest.raises(ActionNotAllowed):
        question.rate(S.SATISFIED, today=closes)


def test_missing_rating_counts_as_the_setting_says(page, clerk):
    question, _ = answered(page, clerk, MONDAY)
    after = question.rating_closes_on() + datetime.timedelta(days=1)
    assert question.effective_rating(today=after) == ""
    with override_settings(GOVOPEN_QA_DEFAULT_RATING=S.SATISFIED):
        assert question.effective_rating(today=after) == S.SATISFIED
        assert question.effective_rating(today=MONDAY) == ""


def facts(submitted, replied=None, late=False, rating="", closes=None):
    return QuestionFacts(
        date(submitted),
        date(replied) if replied else None,
        late if replied else None,
        rating,
        date(closes) if closes else None,
    )


def test_statistics_arithmetic():
    rows = [
        facts("2025-01-02", "2025-01-06", False, S.SATISFIED, "2025-01-20"),
        facts("2025-01-03", "2025-01-15", True, S.DISSATISFIED, "2025-01-29"),
        facts("2025-02-03", "2025-02-05", False, S.FAIRLY_SATISFIED, "2025-02-19"),
        facts("2025-03-03", "2025-03-05", False, "", "2025-03-19"),  # closed, no rating
        facts("2025-06-02", "2025-06-03", False, "", "2025-06-17"),  # still open
        facts("2025-06-20"),  # not replied
        facts(
            "2024-12-30", "2025-01-03", False, S.SATISFIED, "2025-01-17"
        ),  # last year's
        facts(
            "2025-12-30", "2026-01-05", False, S.SATISFIED, "2026-01-19"
        ),  # next year's reply
    ]
    today = date("2025-06-10")
    stats = compute_statistics(rows, 2025, today)
    assert (stats.received, stats.replied, stats.replied_on_time) == (7, 6, 5)
    assert (stats.rated, stats.satisfied) == (4, 3)
    assert str(stats.on_time_rate) == "83.3"
    assert str(stats.satisfaction_rate) == "75.0"
    counted = compute_statistics(rows, 2025, today, default_rating=S.SATISFIED)
    assert (counted.rated, counted.satisfied) == (5, 4)
    assert str(counted.satisfaction_rate) == "80.0"
    empty = compute_statistics([], 2025, today)
    assert empty.on_time_rate is None and empty.satisfaction_rate is None


def test_query_code_lookup(page):
    question, code = make_question(page)
    assert (
        Question.find_by_number_and_code(question.number.lower(), code.lower())
        == question
    )
    assert Question.find_by_number_and_code(question.number, "AAAA-BBBB-CCCC") is None
    assert Question.find_by_number_and_code("ZX0000000000", code) is None
    assert code not in question.query_code_hash


def test_reminders_go_to_the_office_or_the_assigned_department(
    page, clerk, teacher, department, run_command
):
    from govopen.qa.demo import working_days_ago

    waiting = make_question(page, on=working_days_ago(8))[0]
    waiting.accept(clerk, on=working_days_ago(7))  # overdue, not assigned
    assigned = make_question(page, on=working_days_ago(3))[0]
    assigned.accept(clerk, on=working_days_ago(3))
    assigned.assign(clerk, department, on=working_days_ago(3))
    make_question(page)  # not accepted: no clock
    plan = reminders(days=5)
    assert [q.number for q in plan[clerk]] == [waiting.number]
    assert [q.number for q in plan[teacher]] == [assigned.number]
    out = run_command("govopen_send_qa_reminders", "--days", "5")
    assert "Sent 2 reminder emails" in out
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert waiting.number in bodies[clerk.email]
    assert (
        "张三" not in bodies[clerk.email] and "13800138000" not in bodies[clerk.email]
    )
