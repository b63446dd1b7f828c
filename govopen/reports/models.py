"""The annual report (政府信息公开工作年度报告): entered figures and the page."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govopen.core.enums import (
    ApplicantType,
    ColumnType,
    GovOpenSection,
    ReviewOutcome,
    ReviewProceeding,
)
from govopen.core.models import GovOpenPageMixin

from . import labels
from .forms import AnnualReportFiguresForm
from .statistics import (
    ADJUSTABLE_ROWS,
    MIN_YEAR,
    ReportStatistics,
    compute_statistics,
)

__all__ = [
    "AnnualReportFigures",
    "AnnualReportPage",
    "ApplicationCountAdjustment",
]


def year_validators():
    return [MinValueValidator(MIN_YEAR), MaxValueValidator(2100)]


def _count(label):
    return models.PositiveIntegerField(label, default=0)


def adjustable_row_choices():
    """Rows of table 三 an adjustment may add to, with the template's labels."""
    from .tables import table3_row_label

    return [(row, table3_row_label(row)) for row in ADJUSTABLE_ROWS]


class AnnualReportFigures(ClusterableModel):
    """What govopen does not hold, entered per organisation and year.

    Table 二's 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费, and
    table 四's 行政复议 / 行政诉讼 cases decided in the year. The review cases are
    entered rather than recorded on applications: a reconsideration or lawsuit
    is decided long after the reply (often in another year), the report counts
    cases decided or pending in the year, not applications, and many concern
    the disclosure work in general rather than one application.

    Figures are numbers, the same in every language, so the model is not
    translatable; it points to the organisation in the default language.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="annual_report_figures",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())

    # Table 二, Art. 20 items (5), (6), (8)
    licensing_decisions = _count(labels.LICENSING)
    penalty_decisions = _count(labels.PENALTY)
    enforcement_decisions = _count(labels.ENFORCEMENT)
    fee_amount = models.DecimalField(
        labels.FEE_AMOUNT,
        max_digits=14,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
    )

    # Table 四
    reconsideration_upheld = _count(_("reconsideration: upheld"))
    reconsideration_corrected = _count(_("reconsideration: corrected"))
    reconsideration_other = _count(_("reconsideration: other result"))
    reconsideration_pending = _count(_("reconsideration: not yet concluded"))
    litigation_direct_upheld = _count(_("direct litigation: upheld"))
    litigation_direct_corrected = _count(_("direct litigation: corrected"))
    litigation_direct_other = _count(_("direct litigation: other result"))
    litigation_direct_pending = _count(_("direct litigation: not yet concluded"))
    litigation_after_upheld = _count(_("litigation after reconsideration: upheld"))
    litigation_after_corrected = _count(
        _("litigation after reconsideration: corrected")
    )
    litigation_after_other = _count(_("litigation after reconsideration: other result"))
    litigation_after_pending = _count(
        _("litigation after reconsideration: not yet concluded")
    )

    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("organization", widget=forms.Select), FieldPanel("year")]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("licensing_decisions"),
                        FieldPanel("penalty_decisions"),
                        FieldPanel("enforcement_decisions"),
                    ]
                ),
                FieldPanel("fee_amount"),
            ],
            heading=labels.SECTION_TITLES[2],
        ),
        *(
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel(f"{proceeding}_{outcome}")
                            for outcome in ReviewOutcome
                        ]
                    )
                ],
                heading=heading,
            )
            for proceeding, heading in (
                (ReviewProceeding.RECONSIDERATION, labels.RECONSIDERATION),
                (
                    ReviewProceeding.LITIGATION_DIRECT,
                    _("Administrative litigation without prior reconsideration"),
                ),
                (
                    ReviewProceeding.LITIGATION_AFTER,
                    _("Administrative litigation after reconsideration"),
                ),
            )
        ),
        InlinePanel(
            "adjustments",
            heading=_("Applications handled outside govopen"),
            label=_("adjustment"),
            help_text=_(
                "Add applications that are not recorded in govopen, for example "
                "those carried over from before it was used. The check below "
                "the tables shows whether the columns still add up."
            ),
        ),
        FieldPanel("note"),
    ]

    base_form_class = AnnualReportFiguresForm

    class Meta:
        verbose_name = _("annual report figures")
        verbose_name_plural = _("annual report figures")
        ordering = ["-year", "organization__sort_order", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="govopen_reports_figures_org_year",
            )
        ]

    def __str__(self):
        return _("%(organization)s, %(year)s") % {
            "organization": self.organization,
            "year": self.year,
        }

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                raise ValidationError(
                    {
                        "year": _(
                            "Figures for this organisation and year already exist; "
                            "edit them instead."
                        )
                    }
                ) from error
            raise


class ApplicationCountAdjustment(Orderable):
    """Applications counted in a row of table 三 that govopen does not hold."""

    figures = ParentalKey(
        AnnualReportFigures,
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    row = models.CharField(_("row"), max_length=64, choices=adjustable_row_choices)
    applicant_type = models.CharField(
        _("applicant type"), max_length=32, choices=ApplicantType.choices
    )
    count = models.IntegerField(
        _("number"),
        help_text=_("Use a negative number to take applications away."),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("row"), FieldPanel("applicant_type"), FieldPanel("count")]
        ),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")

    def __str__(self):
        return f"{self.row} {self.applicant_type} {self.count:+d}"


def default_report_year():
    return timezone.localdate().year - 1


class AnnualReportPage(RoutablePageMixin, GovOpenPageMixin, Page):
    """政府信息公开工作年度报告 of an organisation for a year.

    Editors write sections 一, 五 and 六; tables 二, 三 and 四 are computed by
    :func:`govopen.reports.statistics.compute_statistics`. Publishing freezes
    the figures into the page and its published revision (see ``signals.py``),
    so later changes to the data never alter a published report; previews
    show the live figures, i.e. what publishing now would freeze.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Whose report this is."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), default=default_report_year, validators=year_validators()
    )
    include_suborganizations = models.BooleanField(
        _("include sub-organisations"),
        default=False,
        help_text=_(
            "Count the records of the organisations below this one too "
            "(a government's report that covers its departments)."
        ),
    )
    overview = RichTextField(labels.SECTION_TITLES[1], blank=True)
    problems = RichTextField(labels.SECTION_TITLES[5], blank=True)
    other_matters = RichTextField(labels.SECTION_TITLES[6], blank=True)
    statistics = models.JSONField(
        _("frozen figures"), null=True, blank=True, editable=False
    )

    govopen_section = GovOpenSection.ANNUAL_REPORT
    column_type = ColumnType.ANNUAL_REPORT

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [
                FieldPanel("organization"),
                FieldPanel("year"),
                FieldPanel("include_suborganizations"),
            ],
            heading=_("Report"),
        ),
        FieldPanel("overview"),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("overview"),
        index.SearchField("problems"),
        index.SearchField("other_matters"),
        index.FilterField("year"),
    ]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    template = "govopen/reports/annual_report_page.html"

    class Meta:
        verbose_name = _("annual report page")
        verbose_name_plural = _("annual report pages")

    # Figures -------------------------------------------------------------
    def compute_statistics(self):
        """Override this to compute the figures another way (a ``dict``)."""
        if self.organization_id is None or not self.year:
            return None
        return compute_statistics(
            self.organization, self.year, self.include_suborganizations
        )

    def get_statistics(self, live=False):
        """The frozen figures, or the live ones for a preview or an unpublished page."""
        data = None if live else self.statistics
        if data is None:
            data = self.compute_statistics()
        return ReportStatistics(data) if data is not None else None

    def freeze_statistics(self, revision=None):
        """Compute the figures now and store them in the page and ``revision``."""
        data = self.compute_statistics()
        self.statistics = data
        type(self).objects.filter(pk=self.pk).update(statistics=data)
        if revision is not None:
            revision.content["statistics"] = data
            revision.save(update_fields=["content"])

    # Serving -------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        from .tables import build_tables

        context = super().get_context(request, *args, **kwargs)
        live = getattr(request, "is_preview", False)
        statistics = self.get_statistics(live=live)
        context["statistics"] = statistics
        context["tables"] = build_tables(statistics) if statistics else None
        context["section_titles"] = labels.SECTION_TITLES
        base = self.url or ""
        context["csv_url"] = base + self.reverse_subpage("download_csv")
        context["xlsx_url"] = base + self.reverse_subpage("download_xlsx")
        return context

    @path("download/csv/", name="download_csv")
    def download_csv(self, request):
        from .exports import csv_response

        return csv_response(self.get_statistics(), self.export_filename("csv"))

    @path("download/xlsx/", name="download_xlsx")
    def download_xlsx(self, request):
        from .exports import xlsx_response

        return xlsx_response(self.get_statistics(), self.export_filename("xlsx"))

    def export_filename(self, extension):
        code = self.organization.code if self.organization_id else "report"
        return f"annual-report-{code}-{self.year}.{extension}"
