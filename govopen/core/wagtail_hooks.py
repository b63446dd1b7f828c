from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .dashboard import add_calendar_panel
from .viewsets import (
    CalendarAdjustmentViewSet,
    OrganizationMembershipViewSet,
    OrganizationViewSet,
)

register_snippet(OrganizationViewSet)
register_snippet(OrganizationMembershipViewSet)
register_snippet(CalendarAdjustmentViewSet)
hooks.register("construct_homepage_panels", add_calendar_panel)
