"""CSV and XLSX exports of the current (filtered) directory listing.

Both stream or cap their rows (``GOVOPEN_DIRECTORY_EXPORT_MAX_ROWS``) so a
request for 100,000 items cannot exhaust the server, and both neutralise
spreadsheet formulas: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading apostrophe (OWASP "CSV injection").
"""

import csv
import io
import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from govopen.core.conf import get_setting

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """``value`` as text that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _name(obj):
    return obj.name if obj is not None else ""


def columns():
    """(header, getter) of every exported column, in order."""
    return [
        (_("Index number"), lambda item: item.index_number),
        (_("Title"), lambda item: item.title),
        (_("Document number"), lambda item: item.document_number),
        (_("Publishing organisation"), lambda item: _name(item.organization)),
        (_("Category"), lambda item: _name(item.category)),
        (_("Topic"), lambda item: _name(item.topic)),
        (_("Genre"), lambda item: _name(item.genre)),
        (_("Date written"), lambda item: item.written_date or ""),
        (_("Date published"), lambda item: item.publish_date or ""),
        (_("Validity"), lambda item: item.get_validity_display()),
        (
            _("Disclosure attribute"),
            lambda item: item.get_disclosure_attribute_display(),
        ),
        (_("Subject keywords"), lambda item: item.keywords),
        (_("Summary"), lambda item: item.summary),
        (_("Link"), lambda item: item.full_url or ""),
    ]


def export_rows(listing):
    """Header, then one row of text per item of the listing."""
    cols = columns()
    yield [str(header) for header, _getter in cols]
    limit = get_setting("GOVOPEN_DIRECTORY_EXPORT_MAX_ROWS")
    for item in listing.export_items(limit):
        yield [neutralise(getter(item)) for _header, getter in cols]


def filename(directory, extension):
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"{directory.slug}-{stamp}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(directory, listing):
    """A streamed UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese)."""
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"
        for row in export_rows(listing):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(directory, "csv")}"'
    )
    return response


def xlsx_response(directory, listing):
    """An XLSX workbook written in openpyxl's constant-memory mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # Sheet names are at most 31 characters and cannot hold []:*?/ or a backslash.
    title = re.sub(r"[\[\]:*?/\\]", "", directory.title)[:31]
    sheet = workbook.create_sheet(title=title or "items")
    bold = Font(bold=True)
    for index, row in enumerate(export_rows(listing)):
        if index == 0:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            # Every value as a string: an index number or document number must
            # never be reinterpreted as a number or a date.
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(directory, "xlsx")}"'
    )
    return response
