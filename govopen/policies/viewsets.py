"""Admin viewsets: flat listings of policies and interpretations, the report."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
)
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import InterpretationPage, PolicyDocumentPage
from .views import (
    AmendView,
    InterpretationReportView,
    ReinstateView,
    RepealView,
    user_can_view_report,
)


def _title_column():
    return PageTitleColumn(
        "title", label=_("Title"), sort_key="title", classname="title"
    )


class PolicyDocumentListingViewSet(PageListingViewSet):
    """Every policy document, whichever directory or list page it is in."""

    model = PolicyDocumentPage
    name = "govopen_policy_documents"
    icon = "doc-full"
    menu_label = _("Policy documents")
    menu_order = 100
    list_filter = ["document_type", "validity", "organization"]
    columns = [
        BulkActionsColumn("bulk_actions"),
        _title_column(),
        Column("document_number", label=_("Document number")),
        Column(
            "document_type",
            label=_("Document type"),
            accessor="get_document_type_display",
        ),
        Column(
            "current_validity",
            label=_("Validity"),
            accessor="get_current_validity_display",
        ),
        DateColumn("publish_date", label=_("Published"), sort_key="publish_date"),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class InterpretationListingViewSet(PageListingViewSet):
    model = InterpretationPage
    name = "govopen_interpretations"
    icon = "help"
    menu_label = _("Policy interpretations")
    menu_order = 200
    list_filter = ["format", "organization"]
    columns = [
        BulkActionsColumn("bulk_actions"),
        _title_column(),
        Column("format", label=_("Format"), accessor="get_format_display"),
        DateColumn("publish_date", label=_("Published"), sort_key="publish_date"),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class PoliciesViewSetGroup(ViewSetGroup):
    items = (PolicyDocumentListingViewSet, InterpretationListingViewSet)
    menu_icon = "doc-full"
    menu_label = _("Policies")
    menu_name = "govopen-policies"
    menu_order = 245


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_report(request.user)


class InterpretationReportViewSet(ViewSet):
    """The compliance report (Reports › Interpretation compliance) and the
    lifecycle actions of policy documents."""

    name = "govopen_policies"
    url_prefix = "policies"
    icon = "doc-full"
    menu_label = _("Interpretation compliance")
    menu_name = "interpretation-compliance"
    menu_order = 1600
    add_to_admin_menu = True
    # Beside Wagtail's own reports, not in the main menu.
    menu_hook = "register_reports_menu_item"

    @cached_property
    def menu_item_class(self):
        return ReportMenuItem

    def get_urlpatterns(self):
        return [
            path("report/", InterpretationReportView.as_view(), name="report"),
            path(
                "report/results/",
                InterpretationReportView.as_view(results_only=True),
                name="report_results",
            ),
            path("<int:pk>/amend/", AmendView.as_view(), name="amend"),
            path("<int:pk>/repeal/", RepealView.as_view(), name="repeal"),
            path("<int:pk>/reinstate/", ReinstateView.as_view(), name="reinstate"),
        ]
