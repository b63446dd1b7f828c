"""Show a year of the working-day calendar, or import a year's adjustments."""

import csv
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from govopen.core import calendar
from govopen.core.models import CalendarAdjustment

TRUE_VALUES = {"1", "true", "yes", "y", "t", "是", "班", "上班", "工作日"}
FALSE_VALUES = {"0", "false", "no", "n", "f", "否", "休", "休息", "休息日", "节假日"}
COLUMNS = ("date", "is_working_day", "note")
NOTE_MAX_LENGTH = CalendarAdjustment._meta.get_field("note").max_length


class Command(BaseCommand):
    help = (
        "Show a year of the working-day calendar, or import calendar adjustments "
        "(a year's holiday schedule, local holidays) from a CSV file."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        show = actions.add_parser(
            "show",
            help="Print a year's holidays, working weekends (调休) and data source.",
        )
        show.add_argument("year", type=int, help="The year, e.g. 2027.")
        show.add_argument(
            "--all",
            action="store_true",
            help="List every non-working day, ordinary weekends included.",
        )
        load = actions.add_parser(
            "import",
            help=(
                "Import adjustments from a UTF-8 CSV file with the header "
                "date,is_working_day,note. All rows or none are saved."
            ),
        )
        load.add_argument("file", help="Path of the CSV file.")
        load.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, saving nothing.",
        )

    def handle(self, *args, **options):
        if options["action"] == "show":
            self.show(options["year"], list_all=options["all"])
        else:
            self.import_file(options["file"], dry_run=options["dry_run"])

    # show ----------------------------------------------------------------

    def show(self, year, list_all=False):
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            raise CommandError(_("%(year)s is not a year.") % {"year": year})
        cal = calendar.get_year(year)
        self.stdout.write(
            _("%(year)s: %(source)s")
            % {"year": year, "source": calendar.YearSource(cal.source).label}
        )
        if cal.provisional:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Provisional: no official data and no local adjustments. "
                        "Monday to Friday are working days except New Year's Day, "
                        "Qingming, Labour Day and National Day; the Spring "
                        "Festival, Dragon Boat and Mid-Autumn holidays and the "
                        "weekend days worked in exchange (调休) are missing. Enter "
                        "the year's schedule in the admin or with "
                        "'govopen_calendar import'."
                    )
                )
            )
        non_working = cal.non_working_days()
        self.stdout.write(
            _("Working days: %(working)s; non-working days: %(non_working)s.")
            % {"working": len(cal.working), "non_working": len(non_working)}
        )

        self.stdout.write("")
        if list_all:
            self.stdout.write(_("Non-working days:"))
            named = {day.date: day for day in cal.holidays()}
            lines = [(day, named.get(day)) for day in non_working]
        else:
            self.stdout.write(_("Holidays (ordinary weekends not listed):"))
            lines = [(day.date, day) for day in cal.holidays()]
        for day, special in lines:
            self.stdout.write(self._line(day, special))
        if not lines:
            self.stdout.write("  " + _("none"))

        self.stdout.write("")
        self.stdout.write(_("Weekend days worked in exchange (调休):"))
        weekends = cal.working_weekends()
        for special in weekends:
            self.stdout.write(self._line(special.date, special))
        if not weekends:
            self.stdout.write("  " + _("none"))

        weekdays = cal.adjusted_working_weekdays()
        if weekdays:
            self.stdout.write("")
            self.stdout.write(_("Weekdays made working days by local adjustments:"))
            for special in weekdays:
                self.stdout.write(self._line(special.date, special))

    def _line(self, day, special):
        parts = ["  " + day.isoformat(), date_format(day, "D")]
        if special is not None:
            if special.display_name:
                parts.append(str(special.display_name))
            if special.local:
                parts.append("[{}]".format(_("local adjustment")))
        return "  ".join(parts)

    # import --------------------------------------------------------------

    def import_file(self, path, dry_run=False):
        rows = self._read(path)
        created = updated = unchanged = 0
        with transaction.atomic():
            existing = {
                adjustment.date: adjustment
                for adjustment in CalendarAdjustment.objects.filter(
                    date__in=[row[1] for row in rows]
                )
            }
            for _lineno, day, is_working, note in rows:
                current = existing.get(day)
                if current is None:
                    created += 1
                elif (current.is_working_day, current.note) == (is_working, note):
                    unchanged += 1
                    continue
                else:
                    updated += 1
                if not dry_run:
                    CalendarAdjustment.objects.update_or_create(
                        date=day,
                        defaults={"is_working_day": is_working, "note": note},
                    )
        counts = {"created": created, "updated": updated, "unchanged": unchanged}
        if dry_run:
            message = _(
                "Dry run, nothing was saved. Would be created: %(created)s, "
                "updated: %(updated)s, unchanged: %(unchanged)s."
            )
        else:
            message = _(
                "Calendar adjustments created: %(created)s, updated: %(updated)s, "
                "unchanged: %(unchanged)s."
            )
        self.stdout.write(self.style.SUCCESS(message % counts))
        if not dry_run:
            for year in sorted({row[1].year for row in rows}):
                source = calendar.YearSource(calendar.get_year(year).source)
                self.stdout.write(
                    _("%(year)s: %(source)s") % {"year": year, "source": source.label}
                )

    def _read(self, path):
        """Parse and validate the whole file; raise one error listing every bad row."""
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                try:
                    return self._parse(reader)
                except csv.Error as error:
                    raise CommandError(
                        _("Line %(line)s: %(error)s")
                        % {"line": reader.line_num, "error": error}
                    ) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(path)s is not UTF-8 text; save the CSV file as UTF-8.")
                % {"path": path}
            ) from error

    def _parse(self, reader):
        header = next(reader, None)
        if header is None:
            raise CommandError(_("The file is empty."))
        header = [column.strip().lower() for column in header]
        if header not in (list(COLUMNS), list(COLUMNS[:2])):
            raise CommandError(
                _(
                    "Line 1: the header must be 'date,is_working_day,note', "
                    "not '%(header)s'."
                )
                % {"header": ",".join(header)}
            )
        errors = []
        rows = []
        seen = {}
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(header) or len(values) < 2:
                errors.append(
                    _("Line %(line)s: expected %(expected)s columns, found %(found)s.")
                    % {"line": line, "expected": len(header), "found": len(values)}
                )
                continue
            raw_date, raw_working = values[0].strip(), values[1].strip()
            note = values[2].strip() if len(values) > 2 else ""
            try:
                day = datetime.date.fromisoformat(raw_date)
                if len(raw_date) != 10:
                    raise ValueError
            except ValueError:
                errors.append(
                    _(
                        "Line %(line)s: '%(value)s' is not a date; "
                        "write it as YYYY-MM-DD, e.g. 2027-02-06."
                    )
                    % {"line": line, "value": raw_date}
                )
                day = None
            working = raw_working.lower()
            if working in TRUE_VALUES:
                is_working = True
            elif working in FALSE_VALUES:
                is_working = False
            else:
                errors.append(
                    _(
                        "Line %(line)s: '%(value)s' is not a working-day value; "
                        "use true (working day) or false (non-working day)."
                    )
                    % {"line": line, "value": raw_working}
                )
                is_working = None
            if len(note) > NOTE_MAX_LENGTH:
                errors.append(
                    _("Line %(line)s: the note is longer than %(max)s characters.")
                    % {"line": line, "max": NOTE_MAX_LENGTH}
                )
            if day is not None and day in seen:
                errors.append(
                    _("Line %(line)s: %(date)s is already given on line %(first)s.")
                    % {"line": line, "date": day.isoformat(), "first": seen[day]}
                )
            elif day is not None:
                seen[day] = line
            rows.append((line, day, is_working, note))
        if errors:
            raise CommandError(
                "\n".join([_("Nothing was imported; correct these rows:"), *errors])
            )
        return rows
