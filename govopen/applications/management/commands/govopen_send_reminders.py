"""Remind handlers of disclosure applications due soon or overdue (for cron)."""

from govopen.applications.reminders import reminders, send_reminders
from govopen.applications.tasks import send_handler_reminders
from govopen.core.reminders import ReminderCommand


class Command(ReminderCommand):
    help = (
        "Email each handler the disclosure applications due within N working days "
        "and those overdue. Run it daily from cron, e.g. "
        "'30 7 * * 1-5 manage.py govopen_send_reminders'."
    )
    reminders = staticmethod(reminders)
    send_reminders = staticmethod(send_reminders)
    task = send_handler_reminders
