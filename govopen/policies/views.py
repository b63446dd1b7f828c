"""Admin views: the interpretation compliance report and the lifecycle actions.

The report (Reports › 政策解读同步情况) is for staff with the "view the
interpretation compliance report" permission and shows the policies drafted
by the organisations they work for (:mod:`govopen.core.permissions`). The
lifecycle actions are for whoever may publish the policy.
"""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from govopen.core import calendar
from govopen.core.enums import PolicyDocumentType, Validity
from govopen.core.permissions import (
    organization_ids_for_user,
    organizations_for_request,
)

from . import compliance
from .admin_forms import AmendForm, ReinstateForm, RepealForm
from .compliance import ComplianceStatus
from .models import PolicyDocumentPage, required_types

permission_policy = ModelPermissionPolicy(PolicyDocumentPage)

ATTENTION = "attention"
STATUS_CHOICES = [
    (ATTENTION, _("Overdue or due soon")),
    *ComplianceStatus.choices,
    ("all", _("Every policy checked")),
]


def user_can_view_report(user):
    """True when ``user`` may see the interpretation compliance report."""
    return permission_policy.user_has_permission(user, "view_compliance")


def user_can_change_lifecycle(user, page):
    """Whoever may publish a policy may record its amendment or repeal."""
    return page.permissions_for_user(user).can_publish()


# The report -------------------------------------------------------------------
_organizations_for_filter = organizations_for_request


def _year_choices():
    today = calendar.today()
    return [(str(year), str(year)) for year in range(today.year, today.year - 10, -1)]


class ComplianceFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=None,
        method="filter_status",
    )
    drafting_organization = django_filters.ModelChoiceFilter(
        label=_("Drafting department"),
        queryset=_organizations_for_filter,
        empty_label=_("All organisations"),
    )
    document_type = django_filters.ChoiceFilter(
        label=_("Document type"),
        choices=PolicyDocumentType.choices,
        empty_label=_("All types"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year published"),
        choices=_year_choices,
        empty_label=_("All years"),
        method="filter_year",
    )

    class Meta:
        model = PolicyDocumentPage
        fields = ["status", "drafting_organization", "document_type", "year"]

    def filter_status(self, queryset, name, value):
        return apply_status(queryset, value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(publish_date__year=int(value))


def apply_status(queryset, value, today=None):
    today = today or calendar.today()
    if value == "all":
        return queryset
    if value in ComplianceStatus.values:
        return compliance.filter_by_status(queryset, value, today)
    return queryset.filter(
        compliance.pending_q(ComplianceStatus.OVERDUE, today)
        | compliance.pending_q(ComplianceStatus.DUE_SOON, today)
    )


class IsoDateColumn(Column):
    """A date as 2025-10-11: deadlines are read as dates, not "3 days ago"."""

    cell_template_name = "govopen/policies/admin/date_cell.html"


class StatusColumn(Column):
    cell_template_name = "govopen/policies/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.compliance_status
        context["days_overdue"] = instance.days_overdue
        return context


class InterpretationReportView(ReportView):
    """政策解读同步情况: policies and whether their interpretation came in time."""

    page_title = _("Interpretation compliance")
    header_icon = "doc-full"
    model = PolicyDocumentPage
    permission_policy = permission_policy
    permission_required = "view_compliance"
    filterset_class = ComplianceFilterSet
    index_url_name = "govopen_policies:report"
    index_results_url_name = "govopen_policies:report_results"
    default_ordering = "publish_date"
    verbose_name_plural = _("policies")
    template_name = "govopen/policies/admin/report.html"
    export_filename = "interpretation-compliance"
    list_export = [
        "title",
        "document_number",
        "document_type_label",
        "responsible_name",
        "publish_date",
        "deadline",
        "first_interpreted_on",
        "status_label",
        "days_overdue",
        "validity_label",
    ]
    export_headings = {
        "title": _("Title"),
        "document_number": _("Document number"),
        "document_type_label": _("Document type"),
        "responsible_name": _("Drafting department"),
        "publish_date": _("Date published"),
        "deadline": _("Interpretation due"),
        "first_interpreted_on": _("First interpreted"),
        "status_label": _("Status"),
        "days_overdue": _("Working days overdue"),
        "validity_label": _("Validity"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Policy document"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
                sort_key="title",
            ),
            Column("document_number", label=_("Document number")),
            Column("document_type", label=_("Type"), accessor="document_type_label"),
            Column(
                "drafting_organization",
                label=_("Drafting department"),
                accessor="responsible_name",
            ),
            IsoDateColumn(
                "publish_date", label=_("Published"), sort_key="publish_date"
            ),
            IsoDateColumn("deadline", label=_("Due")),
            IsoDateColumn("first_interpreted_on", label=_("Interpreted")),
            StatusColumn("status", label=_("Status")),
            Column("validity", label=_("Validity"), accessor="validity_label"),
        ]

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "publish_date", "-publish_date"]

    def get_base_queryset(self):
        ids = organization_ids_for_user(self.request.user)
        return compliance.checked_policies(ids).select_related(
            "organization", "drafting_organization"
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.filters
        chosen = (
            filters.form.cleaned_data.get("status")
            if filters is not None and filters.is_valid()
            else None
        )
        if not chosen:
            queryset = apply_status(queryset, ATTENTION)
        return queryset

    def decorate_paginated_queryset(self, object_list):
        today = calendar.today()
        days = compliance.deadline_days()
        rows = list(object_list)
        for page in rows:
            decorate(page, today, days)
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["days"] = compliance.deadline_days()
        context["today"] = calendar.today()
        context["since"] = compliance.required_since()
        context["required_types"] = [
            PolicyDocumentType(value).label for value in required_types()
        ]
        return context


def decorate(page, today, days):
    """Attach what a report row and an export line show."""
    page.deadline = compliance.interpretation_deadline(page.publish_date, days)
    status = compliance.classify(
        page.publish_date, page.first_interpreted_on, today, days
    )
    page.compliance_status = status
    page.status_label = status.label
    if status == ComplianceStatus.OVERDUE:
        page.days_overdue = calendar.working_days_between(page.deadline, today)
    elif status == ComplianceStatus.LATE:
        page.days_overdue = calendar.working_days_between(
            page.deadline, page.first_interpreted_on
        )
    else:
        page.days_overdue = 0
    page.document_type_label = PolicyDocumentType(page.document_type).label
    organization = page.drafting_organization or page.organization
    page.responsible_name = organization.name if organization else ""
    page.validity_label = Validity(page.validity_on(today)).label
    return page


# Lifecycle actions ------------------------------------------------------------
class LifecycleActionView(WagtailAdminTemplateMixin, FormView):
    """Base of amend / repeal / correct: a form, then the page's action method."""

    template_name = "govopen/policies/admin/lifecycle_form.html"
    header_icon = "history"
    submit_button_label = _("Record")

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(PolicyDocumentPage, pk=kwargs["pk"])
        if not user_can_change_lifecycle(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["history"] = self.page.get_history()
        context["action_url"] = self.request.get_full_path()
        context["submit_button_label"] = self.submit_button_label
        context["submit_button_active_label"] = _("Recording…")
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages_ in error.message_dict.items():
                    target = field if field in form.fields else None
                    for message in messages_:
                        form.add_error(target, message)
            else:
                for message in error.messages:
                    form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))

    def get_success_message(self):
        return _("“%(title)s” is now marked “%(validity)s”.") % {
            "title": self.page.title,
            "validity": self.page.get_validity_display(),
        }


class AmendView(LifecycleActionView):
    form_class = AmendForm
    submit_button_label = _("Record the amendment")

    def get_page_title(self):
        return _("Record amendment")

    def perform(self, form):
        self.page.amend(
            form.cleaned_data["replacement"],
            on=form.cleaned_data.get("on"),
            user=self.request.user,
        )


class RepealView(LifecycleActionView):
    form_class = RepealForm
    submit_button_label = _("Record the repeal")

    def get_page_title(self):
        return _("Record repeal")

    def perform(self, form):
        self.page.repeal(
            on=form.cleaned_data["on"],
            repealing_document=form.cleaned_data.get("repealing_document"),
            basis=form.cleaned_data.get("basis", ""),
            user=self.request.user,
        )


class ReinstateView(LifecycleActionView):
    form_class = ReinstateForm
    submit_button_label = _("Correct the record")

    def get_page_title(self):
        return _("Correct the lifecycle record")

    def perform(self, form):
        self.page.reinstate(reason=form.cleaned_data["reason"], user=self.request.user)
