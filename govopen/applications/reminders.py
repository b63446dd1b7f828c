"""Who must be reminded of which applications (selection + sending).

A handler is the user assigned to an application; applications without one
go to the active members of its organisation who may handle applications.
The generic part lives in :mod:`govopen.core.reminders`.
"""

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.reminders import deadline_context, group_by_user, send_reminder_emails

from .choices import ClockState
from .models import DisclosureApplication

PERMISSION_CODENAME = "change_disclosureapplication"


def applications_to_remind(days=None, today=None):
    """Open applications overdue or due within ``days`` working days."""
    today = today or timezone.localdate()
    days = get_setting("GOVOPEN_REMINDER_DAYS") if days is None else days
    last = get_calendar().add_working_days(today, days)
    return (
        DisclosureApplication.objects.filter(
            clock_state=ClockState.RUNNING, due_date__lte=last
        )
        .select_related("organization", "handler")
        .order_by("due_date", "number")
    )


def reminders(days=None, today=None):
    """``{user: [applications]}`` to remind, each list sorted by due date."""
    return group_by_user(applications_to_remind(days, today), PERMISSION_CODENAME)


def send_reminders(days=None, today=None):
    """Email every handler their list; returns the number of emails sent."""
    today = today or timezone.localdate()
    return send_reminder_emails(
        reminders(days, today),
        "govopen/applications/email/reminder_subject.txt",
        "govopen/applications/email/reminder_body.txt",
        deadline_context(today),
    )
