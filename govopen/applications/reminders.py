"""Who must be reminded of which applications (pure selection + sending).

A handler is the user assigned to an application; applications without one
go to the active members of its organisation who may handle applications.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting

from .choices import ClockState
from .models import DisclosureApplication


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


def _handlers_of(organization_keys):
    """Users who handle applications, per organisation translation key."""
    User = get_user_model()
    users = (
        User.objects.filter(
            is_active=True,
            govopen_memberships__organization__translation_key__in=organization_keys,
        )
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="change_disclosureapplication")
            | Q(groups__permissions__codename="change_disclosureapplication")
        )
        .values_list("pk", "govopen_memberships__organization__translation_key")
        .distinct()
    )
    by_key = defaultdict(set)
    for pk, key in users:
        by_key[key].add(pk)
    return by_key


def reminders(days=None, today=None):
    """``{user: [applications]}`` to remind, each list sorted by due date."""
    applications = list(applications_to_remind(days, today))
    unassigned_keys = {
        a.organization.translation_key for a in applications if a.handler_id is None
    }
    handlers = _handlers_of(unassigned_keys) if unassigned_keys else {}
    per_user = defaultdict(list)
    for application in applications:
        if application.handler_id and application.handler.is_active:
            per_user[application.handler_id].append(application)
        else:
            for pk in handlers.get(application.organization.translation_key, ()):
                per_user[pk].append(application)
    users = get_user_model().objects.in_bulk(list(per_user))
    return {users[pk]: apps for pk, apps in per_user.items() if users[pk].email}


def send_reminders(days=None, today=None):
    """Email every handler their list; returns the number of emails sent."""
    today = today or timezone.localdate()
    calendar = get_calendar()
    sent = 0
    for user, applications in reminders(days, today).items():
        rows = [
            (
                application,
                calendar.working_days_between(today, application.due_date),
            )
            for application in applications
        ]
        context = {
            "user": user,
            "rows": rows,
            "overdue": [row for row in rows if row[1] < 0],
            "due_soon": [row for row in rows if row[1] >= 0],
            "today": today,
        }
        language = getattr(user, "wagtail_userprofile", None)
        language = getattr(language, "preferred_language", "") or None
        with translation.override(language or translation.get_language()):
            subject = render_to_string(
                "govopen/applications/email/reminder_subject.txt", context
            )
            body = render_to_string(
                "govopen/applications/email/reminder_body.txt", context
            )
        send_mail(" ".join(subject.split()), body, None, [user.email])
        sent += 1
    return sent
