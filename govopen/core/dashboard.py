"""Wagtail dashboard panels of govopen.core."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from . import calendar
from .models import CalendarAdjustment


class CalendarScheduleMissingPanel(Component):
    """Warn administrators that a year's holiday schedule must be entered.

    Shown while this year, or a year that the next
    ``calendar.WARNING_HORIZON_WORKING_DAYS`` working days reach, has neither
    official data nor local adjustments, so that its deadlines are provisional.
    """

    name = "govopen_calendar_schedule_missing"
    template_name = "govopen/core/admin/calendar_schedule_missing_panel.html"
    order = 50
    permissions = ["govopen_core.add_calendaradjustment"]

    def __init__(self, years=None):
        self._years = years

    @classmethod
    def is_shown_to(cls, user):
        """Only those who can enter adjustments can act on the warning."""
        return user.has_perms(cls.permissions)

    @property
    def years(self):
        if self._years is None:
            self._years = calendar.years_needing_schedule()
        return self._years

    def get_context_data(self, parent_context=None):
        viewset = CalendarAdjustment.snippet_viewset
        return {
            "years": self.years,
            "years_display": ", ".join(str(year) for year in self.years),
            "horizon": calendar.WARNING_HORIZON_WORKING_DAYS,
            "list_url": reverse(viewset.get_url_name("list")),
            "add_url": reverse(viewset.get_url_name("add")),
            "heading": _("Working-day calendar"),
        }

    def render_html(self, parent_context=None):
        if not self.years:
            return ""
        return super().render_html(parent_context)


def add_calendar_panel(request, panels):
    """The ``construct_homepage_panels`` hook of the calendar warning."""
    if CalendarScheduleMissingPanel.is_shown_to(request.user):
        panels.append(CalendarScheduleMissingPanel())
