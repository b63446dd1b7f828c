"""The Wagtail dashboard panel of govopen.policies."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from govopen.core import calendar
from govopen.core.permissions import organization_ids_for_user

from . import compliance
from .compliance import ComplianceStatus


class OverdueInterpretationsPanel(Component):
    """How many policies of the editor's organisations still lack an interpretation.

    Counts the overdue ones (and those due soon) among the policies drafted by
    the organisations the editor works for; shown only when there are some.
    """

    name = "govopen_overdue_interpretations"
    template_name = "govopen/policies/admin/overdue_panel.html"
    order = 60

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or calendar.today()
        self._counts = None

    @property
    def counts(self):
        if self._counts is None:
            ids = organization_ids_for_user(self.user)
            policies = compliance.checked_policies(ids)
            self._counts = {
                status: policies.filter(
                    compliance.pending_q(status, self.today)
                ).count()
                for status in (ComplianceStatus.OVERDUE, ComplianceStatus.DUE_SOON)
            }
        return self._counts

    def overdue_policies(self, limit=5):
        """The longest overdue policies, oldest publication first."""
        ids = organization_ids_for_user(self.user)
        return list(
            compliance.checked_policies(ids)
            .filter(compliance.pending_q(ComplianceStatus.OVERDUE, self.today))
            .order_by("publish_date", "pk")
            .only("title", "document_number", "publish_date")[:limit]
        )

    def get_context_data(self, parent_context=None):
        from .views import user_can_view_report

        report_url = reverse("govopen_policies:report")
        policies = (
            self.overdue_policies() if self.counts[ComplianceStatus.OVERDUE] else []
        )
        for policy in policies:
            policy.deadline = compliance.interpretation_deadline(policy.publish_date)
            policy.edit_url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
        return {
            "policies": policies,
            "can_view_report": user_can_view_report(self.user),
            "heading": _("Policy interpretation"),
            "overdue": self.counts[ComplianceStatus.OVERDUE],
            "due_soon": self.counts[ComplianceStatus.DUE_SOON],
            "days": compliance.deadline_days(),
            "overdue_url": report_url
            + "?"
            + urlencode({"status": ComplianceStatus.OVERDUE.value}),
            "due_soon_url": report_url
            + "?"
            + urlencode({"status": ComplianceStatus.DUE_SOON.value}),
        }

    def render_html(self, parent_context=None):
        if not any(self.counts.values()):
            return ""
        return super().render_html(parent_context)


def add_overdue_panel(request, panels):
    """The ``construct_homepage_panels`` hook of the compliance panel.

    For superusers and for staff who work for an organisation.
    """
    if organization_ids_for_user(request.user) != set():
        panels.append(OverdueInterpretationsPanel(request.user))
