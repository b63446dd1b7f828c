"""Remind the office and departments of questions due soon or overdue (for cron)."""

from govopen.core.reminders import ReminderCommand
from govopen.qa.reminders import reminders, send_reminders
from govopen.qa.tasks import send_qa_reminders


class Command(ReminderCommand):
    help = (
        "Email the staff of each office and department the citizen questions "
        "due within N working days and those overdue. Run it daily from cron."
    )
    reminders = staticmethod(reminders)
    send_reminders = staticmethod(send_reminders)
    task = send_qa_reminders
