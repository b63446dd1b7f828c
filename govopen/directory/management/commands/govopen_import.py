"""govopen_import FILE: load disclosure items from JSON Lines, CSV or XLSX."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from govopen.core.models import Organization
from govopen.directory.importing import Importer, read_rows
from govopen.directory.management import find_directory


class Command(BaseCommand):
    help = (
        "Import disclosure items from a JSON Lines, CSV or XLSX file (one document "
        "per row: title, document_number, publisher, written_date, category, body "
        "in Markdown, and optionally topic, genre, summary, keywords, index_number, "
        "validity, publish_date ...). Items are created live under --directory; a "
        "row that matches an existing item updates it, so a second run creates "
        "nothing new. Bad rows are reported with their line number and skipped. "
        "See docs/import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .jsonl, .csv or .xlsx file.")
        parser.add_argument(
            "--directory",
            help="The directory page: its id or URL path (e.g. /zfxxgk/fdzdgknr/). "
            "Optional when the site has exactly one directory page.",
        )
        parser.add_argument(
            "--format",
            choices=["jsonl", "csv", "xlsx"],
            help="The file format, when the file name does not say it.",
        )
        parser.add_argument(
            "--create-organizations",
            action="store_true",
            help="Create organisations for publishers that do not exist yet "
            "(default: report such rows as errors).",
        )
        parser.add_argument(
            "--default-organization",
            help="Code or name of the organisation for rows without a publisher "
            "(default: the directory's organisation).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row and report what would happen; change nothing.",
        )

    def handle(self, *args, **options):
        directory = find_directory(options["directory"])
        default_org = None
        if options["default_organization"]:
            name = options["default_organization"]
            default_org = (
                Organization.objects.filter(Q(code=name) | Q(name=name))
                .order_by("locale_id")
                .first()
            )
            if default_org is None:
                raise CommandError(f"No organisation with the code or name {name!r}.")
        try:
            rows = read_rows(options["file"], options["format"])
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error

        started = time.monotonic()
        verbosity = options["verbosity"]
        self.stdout.write(
            f"Importing {len(rows)} rows into “{directory.title}” "
            f"({directory.url_path}){' (dry run)' if options['dry_run'] else ''}"
        )

        def progress(result, total):
            if verbosity >= 1:
                self.stdout.write(
                    f"  {result.processed}/{total} rows: {result.created} created, "
                    f"{result.updated} updated, {result.unchanged} unchanged, "
                    f"{len(result.errors)} with errors"
                )

        def error(line, message):
            self.stderr.write(f"  line {line}: {message}")

        importer = Importer(
            directory,
            create_organizations=options["create_organizations"],
            default_organization=default_org,
            dry_run=options["dry_run"],
            progress=progress,
            error=error,
        )
        result = importer.run(rows)
        elapsed = time.monotonic() - started
        summary = (
            f"Done in {elapsed:.1f} s: {result.created} created, {result.updated} "
            f"updated, {result.unchanged} unchanged, {len(result.errors)} rows with "
            f"errors, {result.organizations_created} organisations created."
        )
        self.stdout.write(
            self.style.WARNING(summary)
            if result.errors
            else self.style.SUCCESS(summary)
        )
