"""Remind the office and departments of questions due soon or overdue (for cron)."""

from django.core.management.base import BaseCommand

from govopen.qa.reminders import reminders, send_reminders
from govopen.qa.tasks import send_qa_reminders


class Command(BaseCommand):
    help = (
        "Email the staff of each office and department the citizen questions "
        "due within N working days and those overdue. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Working days ahead (default: the GOVOPEN_REMINDER_DAYS setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task backend instead of sending now.",
        )

    def handle(self, *args, days=None, dry_run=False, enqueue=False, **options):
        if dry_run:
            for user, questions in reminders(days).items():
                numbers = ", ".join(q.number for q in questions)
                self.stdout.write(f"{user.get_username()}: {numbers}")
            return
        if enqueue:
            result = send_qa_reminders.enqueue(days)
            self.stdout.write(f"Reminders enqueued (task {result.id}).")
            return
        sent = send_reminders(days)
        self.stdout.write(f"Sent {sent} reminder emails.")
