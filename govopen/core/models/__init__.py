from .calendar import CalendarAdjustment
from .organizations import Organization, OrganizationQuerySet
from .pages import GovOpenIndexPage, GovOpenPageMixin, GuidePage, StandardPage
from .search import SearchPage
from .settings import GovOpenSettings
from .staff import OrganizationMembership

__all__ = [
    "CalendarAdjustment",
    "GovOpenIndexPage",
    "GovOpenPageMixin",
    "GovOpenSettings",
    "GuidePage",
    "Organization",
    "OrganizationMembership",
    "OrganizationQuerySet",
    "SearchPage",
    "StandardPage",
]
