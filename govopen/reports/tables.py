"""Tables 二, 三 and 四 laid out as the template lays them out.

:func:`build_tables` turns :class:`~govopen.reports.statistics.ReportStatistics`
into :class:`Table` objects: header rows with their row and column spans, and
body rows whose cells name the headers they belong to. The page renders them as
accessible HTML (``<caption>``, ``<th scope>``, ``headers``), the exports write
them as CSV and XLSX, so every output has the same labels in the same order.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from govopen.core.enums import REPLY_REASONS, ReplyType

from . import labels
from .statistics import (
    APPLICANT_COLUMNS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    POLICY_MEASURES,
    POLICY_TYPES,
    RECEIVED,
    RESULTS_TOTAL,
    REVIEW_OUTCOMES,
    REVIEW_PROCEEDINGS,
    TABLE3_COLUMNS,
    TOTAL,
    result_key,
)


@dataclass
class Header:
    label: str
    id: str
    scope: str = "col"
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Cell:
    value: object
    headers: str  # space-separated header IDs
    failing: bool = False
    key: tuple = ()  # (row, column) of table 三


@dataclass
class Row:
    headers: list  # row header cells that start in this row
    cells: list
    label: str = ""  # the full row label, for the exports


@dataclass
class Table:
    id: str
    caption: str
    header_rows: list
    rows: list
    columns: list = field(default_factory=list)  # full column labels, for exports


def table3_row_label(row):
    """The template's label of a row key of table 三."""
    fixed = {
        RECEIVED: labels.RECEIVED,
        CARRIED_OVER: labels.CARRIED_OVER,
        RESULTS_TOTAL: labels.RESULTS_TOTAL,
        CARRIED_FORWARD: labels.CARRIED_FORWARD,
    }
    if row in fixed:
        return fixed[row]
    reply_type, _sep, reason = row.partition(":")
    if reason:
        return labels.REASON_ROWS[reason]
    return labels.REPLY_TYPE_ROWS[reply_type]


def _join(*parts):
    return " / ".join(str(part) for part in parts if part)


def table2(statistics, prefix="t2"):
    """Table 二 as four small tables, one per item of Article 20."""
    data = statistics.table2
    tables = []

    def simple(number, caption, measure_label, rows):
        table_id = f"{prefix}-{number}"
        info = Header(labels.INFORMATION, f"{table_id}-info")
        measure = Header(measure_label, f"{table_id}-value")
        body = []
        for index, (label, value) in enumerate(rows):
            row_id = f"{table_id}-r{index}"
            body.append(
                Row(
                    [Header(label, row_id, scope="row")],
                    [Cell(value, f"{measure.id} {row_id}")],
                    label=str(label),
                )
            )
        tables.append(
            Table(table_id, caption, [[info, measure]], body, [str(measure_label)])
        )

    table_id = f"{prefix}-1"
    measures = [
        Header(label, f"{table_id}-{measure}")
        for measure, label in zip(
            POLICY_MEASURES,
            (labels.ISSUED, labels.REPEALED, labels.IN_FORCE),
            strict=True,
        )
    ]
    body = []
    for document_type, label in zip(
        POLICY_TYPES, (labels.RULES, labels.NORMATIVE), strict=True
    ):
        row_id = f"{table_id}-{document_type}"
        body.append(
            Row(
                [Header(label, row_id, scope="row")],
                [
                    Cell(data[str(document_type)][measure], f"{header.id} {row_id}")
                    for measure, header in zip(POLICY_MEASURES, measures, strict=True)
                ],
                label=str(label),
            )
        )
    tables.append(
        Table(
            table_id,
            labels.ARTICLE_20_1,
            [[Header(labels.INFORMATION, f"{table_id}-info"), *measures]],
            body,
            [str(header.label) for header in measures],
        )
    )
    simple(
        5,
        labels.ARTICLE_20_5,
        labels.DECISIONS,
        [(labels.LICENSING, data["licensing_decisions"])],
    )
    simple(
        6,
        labels.ARTICLE_20_6,
        labels.DECISIONS,
        [
            (labels.PENALTY, data["penalty_decisions"]),
            (labels.ENFORCEMENT, data["enforcement_decisions"]),
        ],
    )
    simple(
        8,
        labels.ARTICLE_20_8,
        labels.FEE_AMOUNT,
        [(labels.FEES, data["fee_amount"])],
    )
    return tables


def table3(statistics, prefix="t3"):
    """Table 三 with the template's three header rows and row groups."""
    failing = statistics.check_failures()
    column_ids = {column: f"{prefix}-c-{column}" for column in TABLE3_COLUMNS}
    applicants = f"{prefix}-applicants"
    legal = f"{prefix}-legal"
    corner = Header(labels.CHECK_RULE, f"{prefix}-corner", colspan=3, rowspan=3)
    header_rows = [
        [
            corner,
            Header(labels.APPLICANTS, applicants, scope="colgroup", colspan=7),
        ],
        [
            Header(
                labels.APPLICANT_COLUMNS[APPLICANT_COLUMNS[0]],
                column_ids[APPLICANT_COLUMNS[0]],
                rowspan=2,
            ),
            Header(labels.LEGAL_PERSONS, legal, scope="colgroup", colspan=5),
            Header(labels.TOTAL, column_ids[TOTAL], rowspan=2),
        ],
        [
            Header(labels.APPLICANT_COLUMNS[column], column_ids[column])
            for column in APPLICANT_COLUMNS[1:]
        ],
    ]
    column_headers = {
        column: f"{applicants} {column_ids[column]}" for column in TABLE3_COLUMNS
    }
    for column in APPLICANT_COLUMNS[1:]:
        column_headers[column] = f"{applicants} {legal} {column_ids[column]}"
    column_labels = [
        _join(labels.APPLICANT_COLUMNS[APPLICANT_COLUMNS[0]]),
        *(
            _join(labels.LEGAL_PERSONS, labels.APPLICANT_COLUMNS[column])
            for column in APPLICANT_COLUMNS[1:]
        ),
        str(labels.TOTAL),
    ]

    def row(key, row_headers, header_ids, label):
        cells = [
            Cell(
                statistics.cell(key, column),
                f"{column_headers[column]} {header_ids}",
                failing=(key, column) in failing,
                key=(key, column),
            )
            for column in TABLE3_COLUMNS
        ]
        return Row(row_headers, cells, label=label)

    rows = []
    for key in (RECEIVED, CARRIED_OVER):
        row_id = f"{prefix}-{key}"
        label = table3_row_label(key)
        rows.append(
            row(key, [Header(label, row_id, "row", colspan=3)], row_id, str(label))
        )

    results_id = f"{prefix}-results"
    results = Header(labels.RESULTS, results_id, "rowgroup")
    group_rows = []
    for reply_type in ReplyType:
        reasons = REPLY_REASONS[reply_type]
        type_id = f"{prefix}-{reply_type}"
        type_label = labels.REPLY_TYPE_ROWS[reply_type]
        if not reasons:
            key = result_key(reply_type)
            group_rows.append(
                row(
                    key,
                    [Header(type_label, type_id, "row", colspan=2)],
                    f"{results_id} {type_id}",
                    _join(labels.RESULTS, type_label),
                )
            )
            continue
        for index, reason in enumerate(reasons):
            key = result_key(reply_type, reason)
            reason_id = f"{prefix}-{reply_type}-{reason}"
            reason_label = labels.REASON_ROWS[reason]
            row_headers = []
            if index == 0:
                row_headers.append(
                    Header(type_label, type_id, "rowgroup", rowspan=len(reasons))
                )
            row_headers.append(Header(reason_label, reason_id, "row"))
            group_rows.append(
                row(
                    key,
                    row_headers,
                    f"{results_id} {type_id} {reason_id}",
                    _join(labels.RESULTS, type_label, reason_label),
                )
            )
    total_id = f"{prefix}-{RESULTS_TOTAL}"
    group_rows.append(
        row(
            RESULTS_TOTAL,
            [Header(labels.RESULTS_TOTAL, total_id, "row", colspan=2)],
            f"{results_id} {total_id}",
            _join(labels.RESULTS, labels.RESULTS_TOTAL),
        )
    )
    results.rowspan = len(group_rows)
    group_rows[0].headers.insert(0, results)
    rows.extend(group_rows)

    row_id = f"{prefix}-{CARRIED_FORWARD}"
    label = table3_row_label(CARRIED_FORWARD)
    rows.append(
        row(
            CARRIED_FORWARD,
            [Header(label, row_id, "row", colspan=3)],
            row_id,
            str(label),
        )
    )
    return Table(prefix, labels.SECTION_TITLES[3], header_rows, rows, column_labels)


def table4(statistics, prefix="t4"):
    """Table 四: one row, fifteen columns under three proceedings."""
    data = statistics.table4
    reconsideration, litigation = f"{prefix}-reconsideration", f"{prefix}-litigation"
    outcomes = [*REVIEW_OUTCOMES, TOTAL]
    outcome_labels = {**labels.OUTCOMES, TOTAL: labels.TOTAL}
    first = [
        Header(labels.RECONSIDERATION, reconsideration, "colgroup", colspan=5),
        Header(labels.LITIGATION, litigation, "colgroup", colspan=10),
    ]
    second, third, cells, column_labels = [], [], [], []
    for proceeding in REVIEW_PROCEEDINGS:
        group_id = f"{prefix}-{proceeding}"
        if proceeding != REVIEW_PROCEEDINGS[0]:
            second.append(
                Header(labels.PROCEEDINGS[proceeding], group_id, "colgroup", colspan=5)
            )
        for outcome in outcomes:
            header_id = f"{prefix}-{proceeding}-{outcome}"
            header = Header(outcome_labels[outcome], header_id)
            if proceeding == REVIEW_PROCEEDINGS[0]:
                header.rowspan = 2
                second.append(header)
                headers = f"{reconsideration} {header_id}"
                column_labels.append(_join(labels.RECONSIDERATION, header.label))
            else:
                third.append(header)
                headers = f"{litigation} {group_id} {header_id}"
                column_labels.append(
                    _join(
                        labels.LITIGATION, labels.PROCEEDINGS[proceeding], header.label
                    )
                )
            cells.append(Cell(data[proceeding][outcome], headers))
    return Table(
        prefix,
        labels.SECTION_TITLES[4],
        [first, second, third],
        [Row([], cells, label="")],
        column_labels,
    )


@dataclass
class ReportTables:
    table2: list
    table3: Table
    table4: Table
    failing_columns: list

    @property
    def failing_column_labels(self):
        names = {
            **{
                column: labels.APPLICANT_COLUMNS[column] for column in APPLICANT_COLUMNS
            },
            TOTAL: labels.TOTAL,
        }
        return [names[column] for column in self.failing_columns]

    def all(self):
        return [*self.table2, self.table3, self.table4]


def build_tables(statistics):
    """The :class:`ReportTables` of a :class:`ReportStatistics`."""
    return ReportTables(
        table2=table2(statistics),
        table3=table3(statistics),
        table4=table4(statistics),
        failing_columns=statistics.failing_columns(),
    )


CHECK_FAILED = _(
    "The columns do not add up: in %(columns)s, item 1 plus item 2 does not "
    "equal item 3 (7) plus item 4, or (7) is not the sum of the results."
)
