"""The handling office's admin: the queue, the record, one view per action."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from govopen.core.admin_columns import DueDateColumn
from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.enums import ApplicantType, ApplicationChannel
from govopen.core.permissions import (
    filter_by_organization,
    organizations_for_request,
    user_can_access_organization,
)

from . import admin_forms
from .choices import ApplicationStatus, ClockState
from .models import (
    ACTIONS,
    ActionNotAllowed,
    DisclosureApplication,
    ReplyTemplate,
)


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but nobody deletes an application: it is a record."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "delete"]
        )


def scoped_applications(user):
    """The applications ``user`` may see (their organisations')."""
    return filter_by_organization(
        DisclosureApplication.objects.select_related("organization", "handler"),
        user,
    )


def get_application(request, pk):
    application = get_object_or_404(DisclosureApplication, pk=pk)
    if not user_can_access_organization(request.user, application.organization):
        raise PermissionDenied
    return application


# The queue -------------------------------------------------------------------


_organizations = organizations_for_request


def _years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 2018, -1)]


DUE_CHOICES = [
    ("overdue", _("Overdue")),
    ("soon", _("Due soon")),
    ("paused", _("Clock paused or stopped")),
]


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_organizations
    )
    due = django_filters.ChoiceFilter(
        label=_("Time limit"), choices=DUE_CHOICES, method="filter_due"
    )
    applicant_type = django_filters.ChoiceFilter(
        label=_("Applicant type"), choices=ApplicantType.choices
    )
    year = django_filters.TypedChoiceFilter(label=_("Year"), choices=_years, coerce=int)
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=ApplicationChannel.choices
    )

    class Meta:
        model = DisclosureApplication
        fields = []

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        if value == "soon":
            last = get_calendar().add_working_days(
                today, get_setting("GOVOPEN_REMINDER_DAYS")
            )
            return queryset.due_within(last, today)
        if value == "paused":
            return queryset.filter(
                clock_state__in=(ClockState.PAUSED, ClockState.STOPPED)
            )
        return queryset


class DueColumn(DueDateColumn):
    """Due date with the working days left; overdue in red."""

    cell_template_name = "govopen/applications/admin/due_cell.html"
    context_object_name = "application"


class ApplicationIndexView(generic.IndexView):
    search_fields = ["number", "applicant_name"]
    search_backend_name = None
    default_ordering = "-submitted_at"

    def get_base_queryset(self):
        return scoped_applications(self.request.user)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("Application number"),
                sort_key="number",
                get_url=lambda instance: reverse(
                    "govopen_applications:inspect", args=(instance.pk,)
                ),
            ),
            Column("received_on", label=_("Received"), sort_key="received_on"),
            Column("masked_name", label=_("Applicant")),
            Column("summary", label=_("Information requested")),
            Column("get_status_display", label=_("Status"), sort_key="status"),
            DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["govopen_calendar"] = get_calendar()
        return context


# The record ------------------------------------------------------------------


class ApplicationDetailView(WagtailAdminTemplateMixin, TemplateView):
    """The whole handling record and the actions allowed now."""

    template_name = "govopen/applications/admin/detail.html"
    header_icon = "mail"

    def dispatch(self, request, pk, *args, **kwargs):
        policy = ApplicationPermissionPolicy(DisclosureApplication)
        if not policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        self.application = get_application(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Application %(number)s") % {"number": self.application.number}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("govopen_applications:index"),
                "label": _("Disclosure applications"),
            },
            {"url": "", "label": self.application.number},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        user = self.request.user
        state = application.compute_state()
        context.update(
            {
                "application": application,
                "state": state,
                "overdue_days": -state.remaining if state.overdue else 0,
                "events": application.events.select_related("user")
                .prefetch_related("files")
                .order_by("date", "pk"),
                "files": application.files.filter(event__isnull=True),
                "reply": application.public_reply(),
                "actions": [
                    (
                        name,
                        label,
                        reverse(f"govopen_applications:{name}", args=(application.pk,)),
                    )
                    for name, label in application.allowed_actions(user)
                ],
                "can_change": user.has_perm(
                    "govopen_applications.change_disclosureapplication"
                ),
                "can_view_identity": user.has_perm(
                    "govopen_applications.view_identity_number"
                ),
                "history_url": reverse(
                    "govopen_applications:history", args=(application.pk,)
                ),
            }
        )
        return context


class ApplicationActionView(WagtailAdminTemplateMixin, FormView):
    """One handling action: a form, its precondition, the model method."""

    template_name = "govopen/applications/admin/action.html"
    header_icon = "mail"
    action = None
    form_class = None
    permission = "change"

    def dispatch(self, request, pk, *args, **kwargs):
        policy = ApplicationPermissionPolicy(DisclosureApplication)
        if not policy.user_has_permission(request.user, self.permission):
            raise PermissionDenied
        self.application = get_application(request, pk)
        if self.action in ACTIONS:
            refusal = self.application.action_refusal(self.action, user=request.user)
            if refusal is not None:
                messages.error(request, refusal)
                return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.action in ACTIONS:
            return ACTIONS[self.action][0]
        return self.title

    def get_page_subtitle(self):
        return self.application.number

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("govopen_applications:index"),
                "label": _("Disclosure applications"),
            },
            {
                "url": self.get_success_url(),
                "label": self.application.number,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(application=self.application, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        context["state"] = self.application.compute_state()
        context["cancel_url"] = self.get_success_url()
        return context

    def get_success_url(self):
        return reverse("govopen_applications:inspect", args=(self.application.pk,))

    def form_valid(self, form):
        try:
            event = self.perform(form.cleaned_data)
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(action)s: done for %(number)s.")
            % {"action": self.get_page_title(), "number": self.application.number},
        )
        self.after(event)
        return redirect(self.get_success_url())

    def after(self, event):
        """Override to add messages about the recorded event."""

    def perform(self, data):
        raise NotImplementedError


def _common(data):
    return {"on": data.get("on"), "note": data.get("note", "")}


class ConfirmReceiptView(ApplicationActionView):
    action = "confirm_receipt"
    form_class = admin_forms.ConfirmReceiptForm

    def perform(self, data):
        return self.application.confirm_receipt(self.request.user, **_common(data))


class RequestSupplementView(ApplicationActionView):
    action = "request_supplement"
    form_class = admin_forms.RequestSupplementForm

    def perform(self, data):
        return self.application.request_supplement(
            self.request.user,
            data["items"],
            due=data.get("due"),
            attachments=data.get("attachments") or (),
            **_common(data),
        )

    def after(self, event):
        if event.data.get("late"):
            messages.warning(
                self.request,
                _(
                    "This request came %(days)s working days after receipt; Article "
                    "30 asks for it within 7 working days."
                )
                % {"days": event.data["working_days_after_receipt"]},
            )


class RecordSupplementView(ApplicationActionView):
    action = "record_supplement"
    form_class = admin_forms.RecordSupplementForm

    def perform(self, data):
        return self.application.record_supplement(
            self.request.user,
            attachments=data.get("attachments") or (),
            **_common(data),
        )


class SupplementLapsedView(ApplicationActionView):
    action = "record_supplement_lapsed"
    form_class = admin_forms.LapsedForm

    def perform(self, data):
        return self.application.record_supplement_lapsed(
            self.request.user, **_common(data)
        )


class StartConsultationView(ApplicationActionView):
    action = "start_consultation"
    form_class = admin_forms.StartConsultationForm

    def perform(self, data):
        return self.application.start_consultation(
            self.request.user,
            data["party_kind"],
            data["party"],
            attachments=data.get("attachments") or (),
            **_common(data),
        )


class EndConsultationView(ApplicationActionView):
    action = "end_consultation"
    form_class = admin_forms.EndConsultationForm

    def perform(self, data):
        return self.application.end_consultation(
            self.request.user,
            data["consultation"],
            attachments=data.get("attachments") or (),
            **_common(data),
        )


class ExtendView(ApplicationActionView):
    action = "extend"
    form_class = admin_forms.ExtendForm

    def perform(self, data):
        return self.application.extend(
            self.request.user, data["days"], data["reason"], **_common(data)
        )


class FeeNoticeView(ApplicationActionView):
    action = "issue_fee_notice"
    form_class = admin_forms.FeeNoticeForm
    template_name = "govopen/applications/admin/fee_notice_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["per_application"] = self.application.compute_fee("per_application")
        return context

    def perform(self, data):
        return self.application.issue_fee_notice(
            self.request.user, data["method"], pages=data.get("pages"), **_common(data)
        )


class RecordPaymentView(ApplicationActionView):
    action = "record_payment"
    form_class = admin_forms.LapsedForm

    def perform(self, data):
        return self.application.record_payment(self.request.user, **_common(data))


class FeeLapsedView(ApplicationActionView):
    action = "record_fee_lapsed"
    form_class = admin_forms.LapsedForm

    def perform(self, data):
        return self.application.record_fee_lapsed(self.request.user, **_common(data))


class ReplyView(ApplicationActionView):
    action = "send_reply"
    form_class = admin_forms.ReplyForm

    def perform(self, data):
        return self.application.send_reply(
            self.request.user,
            data["reply_type"],
            reason=data.get("reason") or "",
            summary=data.get("summary", ""),
            legal_ground=data.get("legal_ground", ""),
            negative_list_entry=data.get("negative_list_entry"),
            documents=data.get("documents") or (),
            template=data.get("template"),
            **_common(data),
        )


class ArchiveView(ApplicationActionView):
    action = "archive"
    form_class = admin_forms.ArchiveForm

    def perform(self, data):
        return self.application.archive(self.request.user, **_common(data))


class AssignView(ApplicationActionView):
    action = "assign"
    title = _("Assign a handler")
    form_class = admin_forms.AssignForm

    def perform(self, data):
        return self.application.assign(
            self.request.user, data["handler"], note=data.get("note", "")
        )


class NoteView(ApplicationActionView):
    action = "add_note"
    title = _("Add a note")
    form_class = admin_forms.NoteForm

    def perform(self, data):
        return self.application.add_note(self.request.user, data["note"])


ACTION_VIEWS = {
    "confirm_receipt": ConfirmReceiptView,
    "request_supplement": RequestSupplementView,
    "record_supplement": RecordSupplementView,
    "record_supplement_lapsed": SupplementLapsedView,
    "start_consultation": StartConsultationView,
    "end_consultation": EndConsultationView,
    "extend": ExtendView,
    "issue_fee_notice": FeeNoticeView,
    "record_payment": RecordPaymentView,
    "record_fee_lapsed": FeeLapsedView,
    "send_reply": ReplyView,
    "archive": ArchiveView,
    "assign": AssignView,
    "add_note": NoteView,
}


class IdentityNumberView(WagtailAdminTemplateMixin, TemplateView):
    """Show an applicant's identity number: a permission, a POST, a log entry."""

    template_name = "govopen/applications/admin/identity.html"
    header_icon = "view"
    page_title = _("Identity number")
    http_method_names = ["post"]

    def post(self, request, pk):
        application = get_application(request, pk)
        try:
            number = application.reveal_identity_number(request.user)
        except ActionNotAllowed as refusal:
            raise PermissionDenied(refusal.message) from refusal
        context = self.get_context_data(application=application, number=number)
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store"
        return response


def download_file(request, pk, file_id):
    application = get_application(request, pk)
    policy = ApplicationPermissionPolicy(DisclosureApplication)
    if not policy.user_has_any_permission(request.user, ["view", "change"]):
        raise PermissionDenied
    stored = application.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    inline = stored.content_type == "text/html" and request.GET.get("print")
    response = HttpResponse(stored.read(), content_type=stored.content_type)
    from .views import _content_disposition

    if not inline:
        response["Content-Disposition"] = _content_disposition(stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


class EditRedirectView(generic.EditView):
    """Applications are never edited as a form; their actions change them."""

    def dispatch(self, request, pk, *args, **kwargs):
        return redirect("govopen_applications:inspect", pk)


class RegisterView(generic.CreateView):
    """Register an application received in person, by post, fax or email."""

    template_name = "govopen/applications/admin/register.html"
    page_title = _("Register an application")

    def get_form_class(self):
        return admin_forms.RegisterForm

    def get_form_kwargs(self):
        kwargs = {
            "initial": self.get_initial(),
            "prefix": self.get_prefix(),
            "user": self.request.user,
        }
        if self.request.method in ("POST", "PUT"):
            kwargs.update({"data": self.request.POST, "files": self.request.FILES})
        return kwargs

    def get_form(self, form_class=None):
        return (form_class or self.get_form_class())(**self.get_form_kwargs())

    def get_panel(self):
        return None

    def get_bound_panel(self, form):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.form
        return context

    def post(self, request, *args, **kwargs):
        self.form = self.get_form()
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(form=self.form))
        data = self.form.cleaned_data
        application, _code = DisclosureApplication.objects.create_application(
            organization=data["organization"],
            data=data,
            uploads=data.get("attachments") or (),
            channel=data["channel"],
            user=request.user,
            received_on=data.get("received_on"),
            note=data.get("note", ""),
        )
        from wagtail.log_actions import log

        log(instance=application, action="wagtail.create", user=request.user)
        messages.success(
            request,
            _("Application %(number)s registered.") % {"number": application.number},
        )
        return redirect("govopen_applications:inspect", application.pk)

    def get(self, request, *args, **kwargs):
        self.form = self.get_form()
        return self.render_to_response(self.get_context_data(form=self.form))


class ApplicationViewSet(ModelViewSet):
    model = DisclosureApplication
    icon = "mail"
    menu_label = _("Applications")
    name = "govopen_applications"
    url_prefix = "govopen/applications"
    index_view_class = ApplicationIndexView
    add_view_class = RegisterView
    edit_view_class = EditRedirectView
    filterset_class = ApplicationFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return admin_forms.RegisterForm

    def get_add_view_kwargs(self, **kwargs):
        return {"template_name": RegisterView.template_name, **kwargs}

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        kwargs.update(edit_url_name=None, delete_url_name=None, copy_url_name=None)
        return kwargs

    @property
    def inspect_view(self):
        return ApplicationDetailView.as_view()

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("delete", "usage")
        ]
        for name, view_class in ACTION_VIEWS.items():
            patterns.append(
                path(
                    f"{name.replace('_', '-')}/<int:pk>/",
                    view_class.as_view(),
                    name=name,
                )
            )
        patterns += [
            path(
                "identity/<int:pk>/",
                IdentityNumberView.as_view(),
                name="identity_number",
            ),
            path("file/<int:pk>/<int:file_id>/", download_file, name="file"),
        ]
        return patterns


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = _("Reply templates")
    list_display = ["title", "reply_type", "reason", "organization", "active"]
    list_filter = ["reply_type", "active", "locale"]
    search_fields = ["title"]


class ApplicationsViewSetGroup(ViewSetGroup):
    menu_label = _("Disclosure applications")
    menu_icon = "mail"
    menu_order = 220
    items = (ApplicationViewSet, ReplyTemplateViewSet)
