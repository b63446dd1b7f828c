"""Admin views of the negative list: the review report, an entry's record, actions.

Every view is for staff with the "review negative list entries" permission and
shows only the entries of the organisations they work for
(:mod:`govopen.core.permissions`).
"""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from govopen.core import calendar
from govopen.core.permissions import (
    organizations_for_request,
)

from .forms import AdjustForm, ReviewForm
from .models import (
    GROUND_CHOICES,
    NegativeListEntry,
    NegativeListEntryChange,
    citation_relation,
)
from .review import review_interval_display

permission_policy = ModelPermissionPolicy(NegativeListEntry)

# The report's windows: what "due" means, in calendar days from today.
DUE_SOON_DAYS = 30
DUE_CHOICES = [
    ("due", _("Due within 30 days or overdue")),
    ("overdue", _("Overdue")),
    ("quarter", _("Due within 90 days or overdue")),
    ("all", _("Every entry on the list")),
]
DUE_WINDOWS = {"due": DUE_SOON_DAYS, "quarter": 90}


def user_can_review(user):
    """True when ``user`` may see the review report and record reviews."""
    return permission_policy.user_has_permission(user, "review")


def reviewable_entries(user):
    """Entries ``user`` may review: theirs, of published lists, once per translation."""
    return (
        NegativeListEntry.objects.for_user(user)
        .filter(page__live=True)
        .originals()
        .select_related("organization", "page")
    )


def apply_due_window(queryset, window, today=None):
    today = today or calendar.today()
    if window == "all":
        return queryset.listed()
    if window == "overdue":
        return queryset.overdue(today)
    return queryset.due_for_review(today, DUE_WINDOWS.get(window, DUE_SOON_DAYS))


def _organizations_for_filter(request):
    return (
        organizations_for_request(request)
        .filter(negative_list_entries__isnull=False)
        .distinct()
    )


class ReviewReportFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=DUE_CHOICES,
        empty_label=None,
        method="filter_due",
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Responsible organisation"),
        queryset=_organizations_for_filter,
        empty_label=_("All organisations"),
    )
    ground = django_filters.ChoiceFilter(
        label=_("Ground for non-disclosure"),
        choices=GROUND_CHOICES,
        empty_label=_("All grounds"),
    )

    class Meta:
        model = NegativeListEntry
        fields = ["due", "organization", "ground"]

    def filter_due(self, queryset, name, value):
        return apply_due_window(queryset, value)


def _entry_title(entry):
    return f"{entry.number}. {entry.category} — {entry.content[:60]}"


def _iso(value):
    return value.isoformat() if value else ""


class NextReviewColumn(Column):
    cell_template_name = "govopen/negative_list/admin/next_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = calendar.today()
        context["date"] = instance.next_review_on
        context["overdue"] = instance.is_overdue(today)
        if instance.next_review_on is not None:
            context["days"] = (instance.next_review_on - today).days
            context["overdue_days"] = -context["days"]
        return context


class ActionsColumn(Column):
    cell_template_name = "govopen/negative_list/admin/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["entry"] = instance
        context["review_url"] = reverse(
            "govopen_negative_list:review", args=[instance.pk]
        )
        context["adjust_url"] = reverse(
            "govopen_negative_list:adjust", args=[instance.pk]
        )
        context["history_url"] = reverse(
            "govopen_negative_list:history", args=[instance.pk]
        )
        return context


class ReviewReportView(ReportView):
    """Entries due or overdue for review, with the review actions."""

    page_title = _("Negative list review")
    header_icon = "calendar-check"
    model = NegativeListEntry
    permission_policy = permission_policy
    permission_required = "review"
    filterset_class = ReviewReportFilterSet
    index_url_name = "govopen_negative_list:report"
    index_results_url_name = "govopen_negative_list:report_results"
    default_ordering = "next_review_on"
    verbose_name_plural = _("entries due for review")
    template_name = "govopen/negative_list/admin/report.html"
    export_filename = "negative-list-review"
    list_export = [
        "number",
        "category",
        "content",
        "organization.name",
        "get_ground_display",
        "legal_basis",
        "listed_on",
        "last_reviewed_on",
        "next_review_on",
        "citation_count",
    ]
    export_headings = {
        "number": _("No."),
        "category": _("Category"),
        "content": _("Information"),
        "organization.name": _("Responsible organisation"),
        "get_ground_display": _("Ground for non-disclosure"),
        "legal_basis": _("Legal or policy basis"),
        "listed_on": _("Date listed"),
        "last_reviewed_on": _("Date last reviewed"),
        "next_review_on": _("Next review date"),
        "citation_count": _("Cited by replies this year"),
    }

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "title",
                label=_("Entry"),
                accessor=_entry_title,
                get_url=lambda entry: reverse(
                    "govopen_negative_list:history", args=[entry.pk]
                ),
                sort_key="number",
            ),
            Column(
                "organization",
                label=_("Responsible organisation"),
                accessor="organization",
            ),
            Column("ground", label=_("Ground"), accessor="get_ground_display"),
            Column(
                "last_reviewed_on",
                label=_("Last reviewed"),
                accessor=lambda entry: (
                    _iso(entry.last_reviewed_on)
                    or _("never (listed %(date)s)") % {"date": _iso(entry.listed_on)}
                ),
            ),
            NextReviewColumn(
                "next_review_on", label=_("Next review"), sort_key="next_review_on"
            ),
        ]
        if citation_relation() is not None:
            columns.append(
                Column(
                    "citation_count",
                    label=_("Cited this year"),
                    accessor="citation_count",
                    sort_key="citation_count",
                )
            )
        columns.append(ActionsColumn("actions", label=_("Actions")))
        return columns

    def get_base_queryset(self):
        return reviewable_entries(self.request.user).with_citation_counts()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "number", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.filters
        chosen = (
            filters.form.cleaned_data.get("due")
            if filters is not None and filters.is_valid()
            else None
        )
        if not chosen:
            queryset = apply_due_window(queryset, "due")
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["interval"] = review_interval_display()
        context["today"] = calendar.today()
        return context


class EntryMixin:
    """Finds the entry among those the user may review (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_review(request.user):
            raise PermissionDenied
        self.entry = get_object_or_404(
            NegativeListEntry.objects.for_user(request.user).select_related(
                "organization", "page"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("govopen_negative_list:report"),
                "label": _("Negative list review"),
            },
            {
                "url": reverse("govopen_negative_list:history", args=[self.entry.pk]),
                "label": _("Entry %(number)s: %(category)s")
                % {"number": self.entry.number, "category": self.entry.category},
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry"] = self.entry
        context["page_edit_url"] = reverse(
            "wagtailadmin_pages:edit", args=[self.entry.page_id]
        )
        return context


class EntryHistoryView(EntryMixin, WagtailAdminTemplateMixin, TemplateView):
    """An entry, its review state and every recorded decision."""

    template_name = "govopen/negative_list/admin/history.html"
    header_icon = "history"

    def get_page_title(self):
        return _("Record of entry %(number)s") % {"number": self.entry.number}

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items()[:-1]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        # Decisions recorded on any translation of the entry are its record.
        context["changes"] = (
            NegativeListEntryChange.objects.filter(
                entry__translation_key=entry.translation_key
            )
            .select_related("user", "locale")
            .order_by("-date", "-recorded_at", "-pk")
        )
        context["citations"] = entry.citations_this_year()
        context["counts_citations"] = citation_relation() is not None
        context["today"] = calendar.today()
        context["review_url"] = reverse("govopen_negative_list:review", args=[entry.pk])
        context["adjust_url"] = reverse("govopen_negative_list:adjust", args=[entry.pk])
        context["public_url"] = entry.page.get_url(self.request)
        return context


class EntryActionView(EntryMixin, WagtailAdminTemplateMixin, FormView):
    """Base of the review actions: a form, then the entry's action method."""

    template_name = "govopen/negative_list/admin/action_form.html"
    header_icon = "calendar-check"
    submit_button_label = _("Record")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["entry"] = self.entry
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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
            for field, messages_ in error.message_dict.items():
                target = field if field in form.fields else None
                for message in messages_:
                    form.add_error(target, message)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def get_success_url(self):
        next_url = self.request.GET.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return next_url
        return reverse("govopen_negative_list:history", args=[self.entry.pk])


class ReviewEntryView(EntryActionView):
    """Reviewed, unchanged: the entry stays on the list until the next review."""

    form_class = ReviewForm
    submit_button_label = _("Record the review")

    def get_page_title(self):
        return _("Reviewed, unchanged")

    def perform(self, form):
        self.entry.mark_reviewed(
            self.request.user, form.cleaned_data["reason"], form.cleaned_data["date"]
        )

    def get_success_message(self):
        return _("Entry %(number)s reviewed; next review on %(date)s.") % {
            "number": self.entry.number,
            "date": _iso(self.entry.next_review_on),
        }


class AdjustEntryView(EntryActionView):
    """Adjust: move the entry toward disclosure, or off the list."""

    form_class = AdjustForm
    submit_button_label = _("Record the change")

    def get_page_title(self):
        return _("Adjust")

    def perform(self, form):
        self.entry.adjust(
            self.request.user,
            form.cleaned_data["to_status"],
            form.cleaned_data["reason"],
            form.cleaned_data["date"],
        )

    def get_success_message(self):
        return _("Entry %(number)s is now “%(status)s”.") % {
            "number": self.entry.number,
            "status": self.entry.get_status_display(),
        }
