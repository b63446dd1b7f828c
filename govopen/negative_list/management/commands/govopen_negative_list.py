"""Maintain the negative lists: recompute review dates, list what is due."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from govopen.core import calendar
from govopen.negative_list.models import NegativeListEntry
from govopen.negative_list.review import get_review_interval, next_review_date


class Command(BaseCommand):
    help = (
        "Maintain the negative lists: recompute the next review dates after a "
        "change of GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL or of the working-day "
        "calendar, or list the entries due for review."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        reschedule = actions.add_parser(
            "reschedule",
            help="Recompute every listed entry's next review date from the setting.",
        )
        reschedule.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change, saving nothing.",
        )
        due = actions.add_parser(
            "due", help="Print the entries due for review, overdue first."
        )
        due.add_argument(
            "--days",
            type=int,
            default=30,
            help="Also list entries due within this many days (default 30).",
        )

    def handle(self, *args, **options):
        get_review_interval()  # fail early, naming the setting
        if options["action"] == "reschedule":
            self.reschedule(dry_run=options["dry_run"])
        else:
            self.due(options["days"])

    def reschedule(self, dry_run=False):
        working_calendar = calendar.get_calendar()
        changed = []
        entries = NegativeListEntry.objects.listed().only(
            "pk", "listed_on", "last_reviewed_on", "next_review_on"
        )
        for entry in entries:
            due = next_review_date(
                entry.review_base_date, working_calendar=working_calendar
            )
            if due != entry.next_review_on:
                changed.append((entry.pk, due))
        if not dry_run:
            with transaction.atomic():
                for pk, due in changed:
                    NegativeListEntry.objects.filter(pk=pk).update(next_review_on=due)
        verb = "would change" if dry_run else "changed"
        noun = "entry" if len(changed) == 1 else "entries"
        self.stdout.write(f"{len(changed)} {noun} {verb}.")

    def due(self, days):
        today = calendar.today()
        entries = (
            NegativeListEntry.objects.due_for_review(today, days)
            .originals()
            .filter(page__live=True)
            .select_related("organization")
            .order_by("next_review_on", "number")
        )
        for entry in entries:
            late = (today - entry.next_review_on).days
            when = (
                f"overdue by {late} days"
                if late > 0
                else f"due {entry.next_review_on.isoformat()}"
            )
            self.stdout.write(
                f"{entry.next_review_on.isoformat()}\t{when}\t"
                f"{entry.organization.name}\t{entry.number}. {entry.category}\t"
                f"{entry.content[:40]}"
            )
        self.stdout.write(
            f"{len(entries)} entries due by "
            f"{(today + datetime.timedelta(days=days)).isoformat()}."
        )
