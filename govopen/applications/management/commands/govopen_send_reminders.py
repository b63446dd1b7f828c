"""Remind handlers of disclosure applications due soon or overdue (for cron)."""

from django.core.management.base import BaseCommand

from govopen.applications.reminders import reminders, send_reminders
from govopen.applications.tasks import send_handler_reminders


class Command(BaseCommand):
    help = (
        "Email each handler the disclosure applications due within N working days "
        "and those overdue. Run it daily from cron, e.g. "
        "'30 7 * * 1-5 manage.py govopen_send_reminders'."
    )

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
            for user, applications in reminders(days).items():
                numbers = ", ".join(a.number for a in applications)
                self.stdout.write(f"{user.get_username()}: {numbers}")
            return
        if enqueue:
            result = send_handler_reminders.enqueue(days)
            self.stdout.write(f"Reminders enqueued (task {result.id}).")
            return
        sent = send_reminders(days)
        self.stdout.write(f"Sent {sent} reminder emails.")
