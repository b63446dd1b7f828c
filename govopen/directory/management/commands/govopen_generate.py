"""govopen_generate --items N: synthetic disclosure items for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from govopen.directory.generate import Generator
from govopen.directory.management import find_directory


class Command(BaseCommand):
    help = (
        "Add N synthetic, live disclosure items to a directory page, fast enough "
        "for 100,000 (bulk inserts, no revisions). For benchmarks and load tests; "
        "never on a production site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--items", type=int, required=True, help="How many items to add."
        )
        parser.add_argument(
            "--directory",
            help="The directory page's id or URL path (default: the only one).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (default: %(default)s)."
        )
        parser.add_argument(
            "--years",
            type=int,
            default=5,
            help="Spread publication dates over this many years "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help="Do not add the items to the search index (faster).",
        )

    def handle(self, *args, **options):
        if options["items"] < 1:
            raise CommandError("--items must be at least 1.")
        directory = find_directory(options["directory"])
        started = time.monotonic()

        def progress(done, total):
            if options["verbosity"] >= 1:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(f"  {done}/{total} items ({rate:.0f}/s)")

        try:
            generator = Generator(
                directory,
                seed=options["seed"],
                years=options["years"],
                search_index=not options["no_search_index"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        count = generator.run(options["items"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {count} items to “{directory.title}” in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
