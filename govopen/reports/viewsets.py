"""Admin screens: the figures entered per organisation and year, and their check."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from govopen.core.permissions import (
    filter_by_organization,
    user_can_access_organization,
)

from .models import AnnualReportFigures
from .statistics import ReportStatistics, compute_statistics
from .tables import CHECK_FAILED, build_tables


class ScopedObjectMixin:
    """Staff see and change only the figures of their organisations."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not user_can_access_organization(self.request.user, obj.organization):
            raise PermissionDenied
        return obj


class FiguresIndexView(generic.IndexView):
    def get_base_queryset(self):
        return filter_by_organization(
            super().get_base_queryset().select_related("organization"),
            self.request.user,
        )


class FiguresCreateView(generic.CreateView):
    def get_success_url(self):
        return reverse("govopen_reports_figures:check", args=[self.object.pk])


class FiguresEditView(ScopedObjectMixin, generic.EditView):
    def get_success_url(self):
        return reverse("govopen_reports_figures:check", args=[self.object.pk])


class FiguresDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class FiguresCheckView(TemplateView):
    """Tables 二-四 of an organisation and year, as the report will show them,
    with the cells that break the template's check highlighted."""

    template_name = "govopen/reports/admin/check.html"

    def dispatch(self, request, pk):
        self.figures = get_object_or_404(
            AnnualReportFigures.objects.select_related("organization"), pk=pk
        )
        if not request.user.has_perm(
            "govopen_reports.view_annualreportfigures"
        ) and not request.user.has_perm("govopen_reports.change_annualreportfigures"):
            raise PermissionDenied
        if not user_can_access_organization(request.user, self.figures.organization):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        include = self.request.GET.get("include_suborganizations") == "1"
        statistics = ReportStatistics(
            compute_statistics(
                self.figures.organization,
                self.figures.year,
                include_suborganizations=include,
            )
        )
        tables = build_tables(statistics)
        message = None
        if tables.failing_columns:
            message = CHECK_FAILED % {
                "columns": pgettext_lazy("list separator", ", ").join(
                    str(label) for label in tables.failing_column_labels
                )
            }
        return super().get_context_data(
            figures=self.figures,
            statistics=statistics,
            tables=tables,
            include_suborganizations=include,
            check_message=message,
            edit_url=reverse("govopen_reports_figures:edit", args=[self.figures.pk]),
            check_url=reverse("govopen_reports_figures:check", args=[self.figures.pk]),
            index_url=reverse("govopen_reports_figures:index"),
            **kwargs,
        )


class AnnualReportFiguresViewSet(ModelViewSet):
    model = AnnualReportFigures
    name = "govopen_reports_figures"
    url_prefix = "govopen/annual-report-figures"
    icon = "table"
    menu_label = _("Annual report figures")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = FiguresIndexView
    add_view_class = FiguresCreateView
    edit_view_class = FiguresEditView
    delete_view_class = FiguresDeleteView
    list_filter = ["year"]
    list_display = [
        "organization",
        "year",
        TitleColumn(
            "check",
            label=_("Check"),
            accessor=lambda obj: _("Show the tables and check"),
            get_url=lambda obj: reverse("govopen_reports_figures:check", args=[obj.pk]),
        ),
        "updated_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("check/<int:pk>/", FiguresCheckView.as_view(), name="check"),
        ]
