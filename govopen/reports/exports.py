"""CSV, XLSX and JSON of an annual report's tables (same labels as the page)."""

import csv
import io
import json

from django.http import Http404, HttpResponse

from .tables import build_tables

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_lines(statistics):
    """Yield ``(table, [cells])`` lines: a caption, the column labels, the rows."""
    for table in build_tables(statistics).all():
        yield table, [str(table.caption)]
        yield table, ["", *table.columns]
        for row in table.rows:
            yield (
                table,
                [row.label or str(table.caption), *(c.value for c in row.cells)],
            )


def write_csv(statistics, stream):
    """Write every table to ``stream``, a blank line between tables."""
    writer = csv.writer(stream)
    previous = None
    for table, line in table_lines(statistics):
        if previous is not None and table is not previous:
            writer.writerow([])
        previous = table
        writer.writerow(line)


def csv_bytes(statistics):
    buffer = io.StringIO()
    write_csv(statistics, buffer)
    # A byte order mark, so that spreadsheet programs read the Chinese as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(statistics):
    """A workbook with one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {}
    for table, line in table_lines(statistics):
        sheet = sheets.get(table.id)
        if sheet is None:
            sheet = sheets[table.id] = workbook.create_sheet(title=table.id)
            sheet.append(line)
            sheet.cell(row=1, column=1).font = Font(bold=True)
            continue
        sheet.append([_number(value) for value in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value):
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value


def json_text(statistics):
    return json.dumps(statistics.data, ensure_ascii=False, indent=2)


def _response(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(statistics, filename):
    if statistics is None:
        raise Http404
    return _response(csv_bytes(statistics), "text/csv; charset=utf-8", filename)


def xlsx_response(statistics, filename):
    if statistics is None:
        raise Http404
    return _response(xlsx_bytes(statistics), XLSX_CONTENT_TYPE, filename)
