"""The admin of the Q&A: the queue, the record of a question, one view per action.

The office that runs a mailbox sees all its questions; a department sees the
questions assigned to it (govopen.core.permissions, as for applications).
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
from govopen.core.models import Organization
from govopen.core.permissions import (
    organization_ids_for_user,
    user_can_access_organization,
)

from . import admin_forms
from .choices import QuestionStatus
from .masking import find_personal_data
from .models import ACTIONS, ActionNotAllowed, Question, QuestionCategory


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but questions are records: nobody deletes or adds them."""

    def user_has_permission(self, user, action):
        if action in ("delete", "add"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action not in ("delete", "add")]
        )


def scoped_questions(user):
    """The questions ``user`` may see: their office's and their department's."""
    queryset = Question.objects.select_related("organization", "office", "category")
    ids = organization_ids_for_user(user)
    if ids is None:
        return queryset
    return queryset.filter(Q(office__in=ids) | Q(organization__in=ids))


def get_question(request, pk):
    question = get_object_or_404(Question, pk=pk)
    if not (
        user_can_access_organization(request.user, question.office)
        or user_can_access_organization(request.user, question.organization)
    ):
        raise PermissionDenied
    return question


def _organizations(request):
    if request is None:
        return Organization.objects.none()
    ids = organization_ids_for_user(request.user)
    queryset = Organization.objects.all()
    return queryset if ids is None else queryset.filter(pk__in=ids)


class QuestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=QuestionStatus.choices
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=Organization.objects.all()
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    category = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("question", "Category"),
        queryset=QuestionCategory.objects.all(),
    )

    class Meta:
        model = Question
        fields = []

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value:
            return queryset.overdue(today)
        if value is False:
            return queryset.exclude(pk__in=queryset.overdue(today).values("pk"))
        return queryset


class DueColumn(DueDateColumn):
    """Due date with the working days left; overdue in red."""

    cell_template_name = "govopen/qa/admin/due_cell.html"
    context_object_name = "question"


class QuestionIndexView(generic.IndexView):
    search_fields = ["number", "subject"]
    search_backend_name = None
    default_ordering = "-submitted_at"

    def get_base_queryset(self):
        return scoped_questions(self.request.user)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("Number"),
                sort_key="number",
                get_url=lambda instance: reverse(
                    "govopen_qa:inspect", args=(instance.pk,)
                ),
            ),
            Column("subject", label=_("Subject")),
            Column("submitted_on", label=_("Submitted"), sort_key="submitted_on"),
            Column("get_status_display", label=_("Status"), sort_key="status"),
            Column("organization", label=_("Assigned to")),
            DueColumn("due_date", label=_("Reply due"), sort_key="due_date"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["govopen_calendar"] = get_calendar()
        return context


class QuestionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """The question, its record and the actions allowed now (as buttons)."""

    template_name = "govopen/qa/admin/detail.html"
    header_icon = "help"

    def dispatch(self, request, pk, *args, **kwargs):
        policy = QuestionPermissionPolicy(Question)
        if not policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        self.question = get_question(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Question %(number)s") % {"number": self.question.number}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("govopen_qa:index"), "label": _("Questions")},
            {"url": "", "label": self.question.number},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.question
        user = self.request.user
        days_left = question.working_days_left()
        context.update(
            {
                "question": question,
                "days_left": days_left,
                "overdue_days": -days_left if (days_left or 0) < 0 else 0,
                "findings": find_personal_data(question.question),
                "events": question.events.select_related("user", "organization"),
                "actions": [
                    (name, label, reverse(f"govopen_qa:{name}", args=(question.pk,)))
                    for name, label in question.allowed_actions(user)
                ],
                "can_change": user.has_perm("govopen_qa.change_question"),
                "history_url": reverse("govopen_qa:history", args=(question.pk,)),
                "public_url": question.get_absolute_url(),
            }
        )
        return context


class QuestionActionView(WagtailAdminTemplateMixin, FormView):
    """One action: its form, its precondition, the model method."""

    template_name = "govopen/qa/admin/action.html"
    header_icon = "help"
    action = None
    title = None
    form_class = None

    def dispatch(self, request, pk, *args, **kwargs):
        policy = QuestionPermissionPolicy(Question)
        if not policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.question = get_question(request, pk)
        if self.action in ACTIONS:
            refusal = self.question.action_refusal(self.action, user=request.user)
            if refusal is not None:
                messages.error(request, refusal)
                return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return ACTIONS[self.action][0] if self.action in ACTIONS else self.title

    def get_page_subtitle(self):
        return self.question.number

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("govopen_qa:index"), "label": _("Questions")},
            {"url": self.get_success_url(), "label": self.question.number},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(question=self.question, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        context["cancel_url"] = self.get_success_url()
        if self.action == "publish":
            context["findings"] = find_personal_data(self.question.question)
        return context

    def get_success_url(self):
        return reverse("govopen_qa:inspect", args=(self.question.pk,))

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.perform(data, {"on": data.get("on"), "note": data.get("note", "")})
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(action)s: done for %(number)s.")
            % {"action": self.get_page_title(), "number": self.question.number},
        )
        return redirect(self.get_success_url())

    def perform(self, data, common):
        raise NotImplementedError


def _action_view(name, form_class, perform, title=None):
    return type(
        f"{name.title().replace('_', '')}View",
        (QuestionActionView,),
        {
            "action": name,
            "form_class": form_class,
            "title": title,
            "perform": lambda self, data, common: perform(
                self.question, self.request.user, data, common
            ),
        },
    )


ACTION_VIEWS = {
    "accept": _action_view(
        "accept", admin_forms.AcceptForm, lambda q, u, d, c: q.accept(u, **c)
    ),
    "refuse": _action_view(
        "refuse",
        admin_forms.RefuseForm,
        lambda q, u, d, c: q.refuse(u, d["reason"], **c),
    ),
    "assign": _action_view(
        "assign",
        admin_forms.AssignForm,
        lambda q, u, d, c: q.assign(u, d["organization"], **c),
    ),
    "reply": _action_view(
        "reply",
        admin_forms.ReplyForm,
        lambda q, u, d, c: q.reply_to(u, d["reply"], **c),
    ),
    "approve": _action_view(
        "approve",
        admin_forms.ApproveForm,
        lambda q, u, d, c: q.approve(u, reply=d["reply"], **c),
    ),
    "return_reply": _action_view(
        "return_reply",
        admin_forms.ReturnForm,
        lambda q, u, d, c: q.return_reply(u, c["note"], on=c["on"]),
    ),
    "publish": _action_view(
        "publish",
        admin_forms.PublishForm,
        lambda q, u, d, c: q.publish(u, subject=d["subject"], text=d["text"], **c),
    ),
    "unpublish": _action_view(
        "unpublish",
        admin_forms.ActionForm,
        lambda q, u, d, c: q.unpublish(u, note=c["note"]),
    ),
    "add_note": _action_view(
        "add_note",
        admin_forms.NoteForm,
        lambda q, u, d, c: q.add_note(u, c["note"]),
        title=_("Add a note"),
    ),
}


class EditRedirectView(generic.EditView):
    """Questions are never edited as a form; their actions change them."""

    def dispatch(self, request, pk, *args, **kwargs):
        return redirect("govopen_qa:inspect", pk)


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    name = "govopen_qa"
    url_prefix = "govopen/qa"
    index_view_class = QuestionIndexView
    edit_view_class = EditRedirectView
    filterset_class = QuestionFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    exclude_form_fields = []

    def get_form_class(self, for_update=False):
        return admin_forms.ActionForm

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        kwargs.update(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            copy_url_name=None,
        )
        return kwargs

    @property
    def inspect_view(self):
        return QuestionDetailView.as_view()

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("delete", "usage", "add")
        ]
        for name, view_class in ACTION_VIEWS.items():
            patterns.append(
                path(
                    f"{name.replace('_', '-')}/<int:pk>/",
                    view_class.as_view(),
                    name=name,
                )
            )
        return patterns


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "tag"
    menu_label = _("Question categories")
    list_display = ["name", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["name"]


class QAViewSetGroup(ViewSetGroup):
    menu_label = _("Citizen Q&A")
    menu_icon = "help"
    menu_order = 230
    items = (QuestionViewSet, QuestionCategoryViewSet)
