from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from .views import (
    AdjustEntryView,
    EntryHistoryView,
    ReviewEntryView,
    ReviewReportView,
    user_can_review,
)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_review(request.user)


class NegativeListReviewViewSet(ViewSet):
    """The review report (Reports › Negative list review) and the review actions."""

    name = "govopen_negative_list"
    url_prefix = "negative-list"
    icon = "calendar-check"
    menu_label = _("Negative list review")
    menu_name = "negative-list-review"
    menu_order = 1500
    add_to_admin_menu = True
    # Beside Wagtail's own reports (aging pages, ...), not in the main menu.
    menu_hook = "register_reports_menu_item"

    @cached_property
    def menu_item_class(self):
        return ReviewMenuItem

    def get_urlpatterns(self):
        return [
            path("", ReviewReportView.as_view(), name="report"),
            path(
                "results/",
                ReviewReportView.as_view(results_only=True),
                name="report_results",
            ),
            path("<int:pk>/", EntryHistoryView.as_view(), name="history"),
            path("<int:pk>/review/", ReviewEntryView.as_view(), name="review"),
            path("<int:pk>/adjust/", AdjustEntryView.as_view(), name="adjust"),
        ]
