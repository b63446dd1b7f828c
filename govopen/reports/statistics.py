"""The figures of annual report tables 二, 三 and 四, computed with aggregates.

:func:`compute_statistics` returns a plain, JSON-serialisable ``dict`` (the
page freezes it into its published revision, the command prints it); the
:class:`ReportStatistics` wrapper reads it back and runs the template's check.
Whatever the amount of data, the computation costs the same few queries: one
per table source (policies, applications, entered figures, adjustments) and
one per level of the organisation tree below the organisation.

Definitions (docs/reports.md explains why):

- 本年新收: applications *received* (Art. 31) in the year;
- 上年结转: received before the year and not replied before it;
- 本年度办理结果: replied (or concluded as 其他处理) in the year, by reply type
  and sub-reason;
- 结转下年度继续办理: received by the end of the year and not replied by then.

With these definitions 一 + 二 = 三(七) + 四 holds for every column by
construction; only figures entered by hand (adjustments) can break it.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from govopen.core.enums import (
    REPLY_REASONS,
    ApplicantType,
    PolicyDocumentType,
    ReplyType,
    ReviewOutcome,
    ReviewProceeding,
)

VERSION = 1
MIN_YEAR = 2008  # the Regulations took effect on 1 May 2008

TOTAL = "total"
RECEIVED = "received"
CARRIED_OVER = "carried_over"
RESULTS_TOTAL = "results_total"
CARRIED_FORWARD = "carried_forward"

APPLICANT_COLUMNS = [member.value for member in ApplicantType]
TABLE3_COLUMNS = [*APPLICANT_COLUMNS, TOTAL]

POLICY_TYPES = (PolicyDocumentType.RULES, PolicyDocumentType.NORMATIVE)
POLICY_MEASURES = ("issued", "repealed", "in_force")
DECISION_FIELDS = (
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
)
REVIEW_OUTCOMES = [member.value for member in ReviewOutcome]
REVIEW_PROCEEDINGS = [member.value for member in ReviewProceeding]


def result_key(reply_type, reason=None):
    """The row key of a reply type (and sub-reason) in table 三."""
    return f"{reply_type}:{reason}" if reason else str(reply_type)


def result_rows():
    """``(key, reply_type, reason)`` of each counted row of 三, template order."""
    rows = []
    for reply_type in ReplyType:
        reasons = REPLY_REASONS[reply_type]
        if not reasons:
            rows.append((result_key(reply_type), reply_type, None))
        for reason in reasons:
            rows.append((result_key(reply_type, reason), reply_type, reason))
    return rows


RESULT_KEYS = [key for key, _type, _reason in result_rows()]
TABLE3_ROWS = [RECEIVED, CARRIED_OVER, *RESULT_KEYS, RESULTS_TOTAL, CARRIED_FORWARD]
# Rows an editor may adjust by hand; (七) is always the sum of the results.
ADJUSTABLE_ROWS = [RECEIVED, CARRIED_OVER, *RESULT_KEYS, CARRIED_FORWARD]


def review_field(proceeding, outcome):
    """The :class:`AnnualReportFigures` field of a table 四 cell."""
    return f"{proceeding}_{outcome}"


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def organization_scope(organization, include_suborganizations=False):
    """A subquery of the organisation IDs the report covers, in every language.

    Records point to an organisation in one language or another; the report
    counts them all. Sub-organisations cost one query per level of the tree.
    """
    from govopen.core.models import Organization

    if include_suborganizations:
        ids = organization.get_descendant_ids(inclusive=True)
    else:
        ids = [organization.pk]
    keys = Organization.objects.filter(pk__in=ids).values("translation_key")
    return Organization.objects.filter(translation_key__in=keys).values("pk")


# Table 二 ---------------------------------------------------------------------
def policy_counts(scope, year):
    """规章 and 行政规范性文件 issued, repealed and in force, by their 发布机构."""
    from govopen.policies.models import PolicyDocumentPage

    start, end = year_bounds(year)
    documents = PolicyDocumentPage.objects.live().originals()
    issued = Q(publish_date__gte=start, publish_date__lte=end)
    repealed = Q(pk__in=documents.repealed_between(start, end).values("pk"))
    in_force = Q(pk__in=documents.in_force_on(end).values("pk"))
    annotations = {}
    for document_type in POLICY_TYPES:
        of_type = Q(document_type=document_type)
        for measure, condition in zip(
            POLICY_MEASURES, (issued, repealed, in_force), strict=True
        ):
            annotations[f"{document_type}_{measure}"] = Count(
                "pk", filter=of_type & condition
            )
    figures = documents.filter(organization__in=scope).aggregate(**annotations)
    return {
        str(document_type): {
            measure: figures[f"{document_type}_{measure}"]
            for measure in POLICY_MEASURES
        }
        for document_type in POLICY_TYPES
    }


def entered_figures(scope, year):
    """The sums of the figures entered by hand for the organisations and year."""
    from .models import AnnualReportFigures

    fields = [
        *DECISION_FIELDS,
        "fee_amount",
        *(
            review_field(proceeding, outcome)
            for proceeding in REVIEW_PROCEEDINGS
            for outcome in REVIEW_OUTCOMES
        ),
    ]
    sums = AnnualReportFigures.objects.filter(
        organization__in=scope, year=year
    ).aggregate(
        entered=Count("pk"),
        **{name: Sum(name) for name in fields},
    )
    return sums


# Table 三 ---------------------------------------------------------------------
def application_counts(scope, year):
    """``{row: {applicant type: n}}`` counted by the database, in one query.

    The applications in play (received by the end of the year, not replied
    before it) grouped by applicant type, each row a conditional count. One
    pass measured faster than two ``GROUP BY`` queries on SQLite and
    PostgreSQL (benchmarks/annual_report.py).
    """
    from govopen.applications.models import DisclosureApplication

    start, end = year_bounds(year)
    not_replied_before = Q(replied_on__isnull=True) | Q(replied_on__gte=start)
    replied = Q(replied_on__gte=start, replied_on__lte=end)
    conditions = {
        RECEIVED: Q(received_on__gte=start),
        CARRIED_OVER: Q(received_on__lt=start),
        RESULTS_TOTAL: replied,
        CARRIED_FORWARD: Q(replied_on__isnull=True) | Q(replied_on__gt=end),
    }
    for key, reply_type, reason in result_rows():
        condition = replied & Q(reply_type=reply_type)
        if reason:
            condition &= Q(reply_reason=reason)
        conditions[key] = condition
    # Aliases are positional: row keys contain characters SQL aliases may not.
    keys = list(conditions)
    annotations = {
        f"n{index}": Count("pk", filter=conditions[key])
        for index, key in enumerate(keys)
    }
    groups = (
        DisclosureApplication.objects.filter(
            organization__in=scope, received_on__lte=end
        )
        .filter(not_replied_before)
        .order_by()
        .values("applicant_type")
        .annotate(**annotations)
    )
    counts = {row: dict.fromkeys(APPLICANT_COLUMNS, 0) for row in TABLE3_ROWS}
    for group in groups:
        column = group["applicant_type"]
        if column not in APPLICANT_COLUMNS:
            continue
        for index, key in enumerate(keys):
            counts[key][column] += group[f"n{index}"]
    return counts


def adjustments(scope, year):
    """``{row: {applicant type: n}}`` entered by hand, one query."""
    from .models import ApplicationCountAdjustment

    result = {}
    groups = (
        ApplicationCountAdjustment.objects.filter(
            figures__organization__in=scope, figures__year=year
        )
        .order_by()
        .values("row", "applicant_type")
        .annotate(n=Sum("count"))
    )
    for group in groups:
        result.setdefault(group["row"], {})[group["applicant_type"]] = group["n"]
    return result


def table3(counts, adjusted):
    """Table 三 with the adjustments added, (七) and the 总计 column computed."""
    table = {}
    for row in TABLE3_ROWS:
        cells = dict(counts.get(row, {}))
        for column in APPLICANT_COLUMNS:
            cells[column] = cells.get(column, 0) + adjusted.get(row, {}).get(column, 0)
        table[row] = cells
    # Adjustments of a result row count in (七) too.
    for column in APPLICANT_COLUMNS:
        table[RESULTS_TOTAL][column] += sum(
            adjusted.get(key, {}).get(column, 0) for key in RESULT_KEYS
        )
    for cells in table.values():
        cells[TOTAL] = sum(cells[column] for column in APPLICANT_COLUMNS)
    return table


# The whole report -----------------------------------------------------------
def compute_statistics(organization, year, include_suborganizations=False):
    """The figures of tables 二, 三 and 四 as a JSON-serialisable ``dict``."""
    scope = organization_scope(organization, include_suborganizations)
    policies = policy_counts(scope, year)
    entered = entered_figures(scope, year)
    table = table3(application_counts(scope, year), adjustments(scope, year))
    reviews = {}
    for proceeding in REVIEW_PROCEEDINGS:
        cells = {
            outcome: entered[review_field(proceeding, outcome)] or 0
            for outcome in REVIEW_OUTCOMES
        }
        cells[TOTAL] = sum(cells.values())
        reviews[proceeding] = cells
    fee_amount = entered["fee_amount"] or Decimal("0")
    return {
        "version": VERSION,
        "organization": organization.code,
        "organization_name": organization.name,
        "year": year,
        "include_suborganizations": bool(include_suborganizations),
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "figures_entered": bool(entered["entered"]),
        "table2": {
            **policies,
            **{name: entered[name] or 0 for name in DECISION_FIELDS},
            "fee_amount": str(fee_amount.quantize(Decimal("0.0001"))),
        },
        "table3": table,
        "table4": reviews,
    }


class ReportStatistics:
    """Reads a statistics ``dict`` and checks it against the template's rule."""

    def __init__(self, data):
        self.data = data

    @property
    def year(self):
        return self.data["year"]

    @property
    def table2(self):
        return self.data["table2"]

    @property
    def table3(self):
        return self.data["table3"]

    @property
    def table4(self):
        return self.data["table4"]

    def cell(self, row, column):
        return self.table3[row][column]

    def check_failures(self):
        """The cells of table 三 that break the template's rules, as a set of
        ``(row, column)``.

        一 + 二 = 三(七) + 四 in every column (the template's 勾稽关系), and
        (七) is the sum of the result rows.
        """
        failing = set()
        for column in TABLE3_COLUMNS:
            left = self.cell(RECEIVED, column) + self.cell(CARRIED_OVER, column)
            right = self.cell(RESULTS_TOTAL, column) + self.cell(
                CARRIED_FORWARD, column
            )
            if left != right:
                failing.update(
                    (row, column)
                    for row in (RECEIVED, CARRIED_OVER, RESULTS_TOTAL, CARRIED_FORWARD)
                )
            rows_sum = sum(self.cell(key, column) for key in RESULT_KEYS)
            if rows_sum != self.cell(RESULTS_TOTAL, column):
                failing.add((RESULTS_TOTAL, column))
        return failing

    def failing_columns(self):
        columns = {column for _row, column in self.check_failures()}
        return [column for column in TABLE3_COLUMNS if column in columns]

    @property
    def is_consistent(self):
        return not self.check_failures()
