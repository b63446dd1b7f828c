"""Reminders to staff: who gets which records, and one email per person.

The generic part shared by the feature apps that have deadlines
(applications, Q&A): each app selects its due records, then
:func:`group_by_user` sends a record to its assigned handler, or, when there
is none, to the active staff of its organisation who hold a permission, and
:func:`send_reminder_emails` mails every person one list in their language.
The apps run it from a management command or a django-tasks task.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

__all__ = [
    "ReminderCommand",
    "deadline_context",
    "group_by_user",
    "send_reminder_emails",
    "staff_with_permission",
]


def staff_with_permission(organization_keys, codename):
    """``{organisation translation key: {user pk}}`` of active staff with email
    who hold the permission ``codename`` (or are superusers)."""
    User = get_user_model()
    users = (
        User.objects.filter(
            is_active=True,
            govopen_memberships__organization__translation_key__in=organization_keys,
        )
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename=codename)
            | Q(groups__permissions__codename=codename)
        )
        .values_list("pk", "govopen_memberships__organization__translation_key")
        .distinct()
    )
    by_key = defaultdict(set)
    for pk, key in users:
        by_key[key].add(pk)
    return by_key


def _organization_key(item):
    return item.organization.translation_key


def _handler(item):
    return item.handler


def group_by_user(
    items, codename, organization_key=_organization_key, assignee=_handler
):
    """``{user: [items]}``, keeping the order of ``items`` in each list.

    An item goes to ``assignee(item)`` when that user is active, else to the
    staff of its organisation (``organization_key(item)``) holding ``codename``.
    Users without an email address are left out.
    """
    items = list(items)
    unassigned = []
    per_user = defaultdict(list)
    for item in items:
        user = assignee(item)
        if user is not None and user.is_active:
            per_user[user.pk].append(item)
        else:
            unassigned.append(item)
    if unassigned:
        staff = staff_with_permission(
            {organization_key(item) for item in unassigned}, codename
        )
        for item in unassigned:
            for pk in staff.get(organization_key(item), ()):
                per_user[pk].append(item)
    # Restore the order of ``items`` where both kinds were mixed.
    order = {id(item): index for index, item in enumerate(items)}
    users = get_user_model().objects.in_bulk(list(per_user))
    return {
        users[pk]: sorted(rows, key=lambda item: order[id(item)])
        for pk, rows in per_user.items()
        if users[pk].email
    }


def _language_of(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return getattr(profile, "preferred_language", "") or translation.get_language()


def send_reminder_emails(per_user, subject_template, body_template, get_context):
    """Send each user one email; returns how many were sent.

    ``get_context(user, items)`` gives the templates' context; both templates
    are rendered in the user's preferred admin language.
    """
    sent = 0
    for user, items in per_user.items():
        context = get_context(user, items)
        with translation.override(_language_of(user)):
            subject = render_to_string(subject_template, context)
            body = render_to_string(body_template, context)
        send_mail(" ".join(subject.split()), body, None, [user.email])
        sent += 1
    return sent


def deadline_context(today):
    """The email context of one person's list: each record with the working
    days left to its ``due_date`` (negative when overdue), overdue ones apart.

    For :func:`send_reminder_emails`; the templates read ``rows``, ``overdue``,
    ``due_soon`` and ``today``.
    """
    from .calendar import get_calendar

    calendar = get_calendar()

    def context(user, items):
        rows = [
            (item, calendar.working_days_between(today, item.due_date))
            for item in items
        ]
        return {
            "user": user,
            "rows": rows,
            "overdue": [row for row in rows if row[1] < 0],
            "due_soon": [row for row in rows if row[1] >= 0],
            "today": today,
        }

    return context


class ReminderCommand(BaseCommand):
    """A management command that sends an app's reminders (for cron).

    Subclasses name ``reminders`` (``days -> {user: [records]}``),
    ``send_reminders`` (``days -> emails sent``) and ``task`` (the django-tasks
    task that does the same in the background) as static methods.
    """

    reminders = None
    send_reminders = None
    task = None

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Working days ahead (default: the GOVOPEN_REMINDER_DAYS setting).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be reminded of what; send nothing.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task backend instead of sending now.",
        )

    def handle(self, *args, days=None, dry_run=False, enqueue=False, **options):
        if dry_run:
            for user, records in self.reminders(days).items():
                numbers = ", ".join(record.number for record in records)
                self.stdout.write(f"{user.get_username()}: {numbers}")
            return
        if enqueue:
            result = self.task.enqueue(days)
            self.stdout.write(f"Reminders enqueued (task {result.id}).")
            return
        sent = self.send_reminders(days)
        self.stdout.write(f"Sent {sent} reminder emails.")
