"""Reminders of questions due soon or overdue (through govopen.core.reminders).

A question waiting for 受理, 转办 or 审核 goes to the office's staff; one
assigned to a department goes to that department's staff.
"""

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.reminders import deadline_context, group_by_user, send_reminder_emails

from .choices import QuestionStatus
from .models import Question

PERMISSION_CODENAME = "change_question"


def questions_to_remind(days=None, today=None):
    """Open questions overdue or due within ``days`` working days."""
    today = today or timezone.localdate()
    days = get_setting("GOVOPEN_REMINDER_DAYS") if days is None else days
    last = get_calendar().add_working_days(today, days)
    return (
        Question.objects.due_by(last)
        .select_related("organization", "office")
        .order_by("due_date", "number")
    )


def _responsible_key(question):
    if question.status == QuestionStatus.ASSIGNED and question.organization_id:
        return question.organization.translation_key
    return question.office.translation_key if question.office_id else None


def reminders(days=None, today=None):
    """``{user: [questions]}`` to remind, each list sorted by due date."""
    return group_by_user(
        questions_to_remind(days, today),
        PERMISSION_CODENAME,
        organization_key=_responsible_key,
        assignee=lambda question: None,
    )


def send_reminders(days=None, today=None):
    """Email every handler their list; returns the number of emails sent."""
    today = today or timezone.localdate()
    return send_reminder_emails(
        reminders(days, today),
        "govopen/qa/email/reminder_subject.txt",
        "govopen/qa/email/reminder_body.txt",
        deadline_context(today),
    )
