"""Compute the annual report tables of an organisation for a year."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from wagtail.models import Locale

from govopen.core.models import Organization
from govopen.reports.exports import csv_bytes, json_text, xlsx_bytes
from govopen.reports.statistics import MIN_YEAR, ReportStatistics, compute_statistics


class Command(BaseCommand):
    help = (
        "Compute tables 二, 三 and 四 of the annual report (政府信息公开工作年度报告) "
        "of an organisation for a year, from the live data, and write them as "
        "XLSX, CSV or JSON. Exits with status 2 when table 三 does not add up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organization",
            required=True,
            metavar="CODE",
            help="The organisation's code (统一社会信用代码 or the code in the admin).",
        )
        parser.add_argument("--year", type=int, required=True, metavar="YYYY")
        parser.add_argument("--format", choices=("xlsx", "csv", "json"), default="csv")
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write to FILE (required for xlsx; csv and json go to stdout).",
        )
        parser.add_argument(
            "--include-suborganizations",
            action="store_true",
            help="Count the organisations below this one too.",
        )
        parser.add_argument(
            "--language",
            default=None,
            help="Language of the labels (default: the site's default, zh-hans).",
        )

    def handle(self, *args, **options):
        organization = self.get_organization(options["organization"])
        year = options["year"]
        if not MIN_YEAR <= year <= 2100:
            raise CommandError(f"--year must be between {MIN_YEAR} and 2100.")
        fmt = options["format"]
        if fmt == "xlsx" and not options["output"]:
            raise CommandError("--format xlsx needs --output FILE.")
        language = options["language"] or Locale.get_default().language_code
        with translation.override(language):
            statistics = ReportStatistics(
                compute_statistics(
                    organization, year, options["include_suborganizations"]
                )
            )
            if fmt == "xlsx":
                content = xlsx_bytes(statistics)
            elif fmt == "csv":
                content = csv_bytes(statistics)
            else:
                content = (json_text(statistics) + "\n").encode()
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
        if not statistics.is_consistent:
            columns = ", ".join(statistics.failing_columns())
            self.stderr.write(
                f"Table 三 does not add up in the columns: {columns}. "
                "Check the adjustments entered in the admin."
            )
            sys.exit(2)

    def get_organization(self, code):
        organizations = Organization.objects.filter(code=code)
        organization = (
            organizations.filter(locale=Locale.get_default()).first()
            or organizations.first()
        )
        if organization is None:
            raise CommandError(f"No organisation has the code {code!r}.")
        return organization
