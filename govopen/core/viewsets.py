from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarAdjustment, Organization, OrganizationMembership


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code", "parent", "active"]
    list_filter = ["active", "locale"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["sort_order", "name"]


class OrganizationMembershipViewSet(SnippetViewSet):
    model = OrganizationMembership
    icon = "user"
    menu_label = _("Staff memberships")
    menu_order = 260
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["user", "organization"]
    list_filter = ["organization"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class CalendarAdjustmentViewSet(SnippetViewSet):
    """Local adjustments of the working-day calendar (docs/calendar.md)."""

    model = CalendarAdjustment
    icon = "date"
    menu_label = _("Working-day calendar")
    menu_order = 270
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["date", "weekday", "is_working_day", "note", "updated_at"]
    list_filter = ["is_working_day", "date"]
    search_fields = ["note"]
    search_backend_name = None
    ordering = ["-date"]
    # The export is a file that `govopen_calendar import` reads back.
    list_export = ["date", "is_working_day", "note"]
    export_headings = {
        "date": "date",
        "is_working_day": "is_working_day",
        "note": "note",
    }
    export_filename = "calendar-adjustments"
