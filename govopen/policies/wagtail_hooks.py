from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .dashboard import add_overdue_panel
from .demo import build_demo_content
from .log_actions import register_log_actions
from .models import PolicyDocumentPage
from .views import user_can_change_lifecycle
from .viewsets import InterpretationReportViewSet, PoliciesViewSetGroup

hooks.register("register_admin_viewset", InterpretationReportViewSet)
hooks.register("register_admin_viewset", PoliciesViewSetGroup)
hooks.register("register_log_actions", register_log_actions)
hooks.register("construct_homepage_panels", add_overdue_panel)
hooks.register("govopen_demo_content", build_demo_content)


@hooks.register("register_permissions")
def register_report_permission():
    return Permission.objects.filter(
        content_type__app_label="govopen_policies",
        codename="view_compliance_policydocumentpage",
    )


class LifecycleMenuItem(PageMenuItem):
    def __init__(self, label, url_name, *, page, priority):
        super().__init__(label, reverse(url_name, args=[page.pk]), page=page)
        self.icon_name = "history"
        self.priority = priority

    def is_shown(self, user):
        return self.page.live and user_can_change_lifecycle(user, self.page)


@hooks.register("register_page_header_buttons")
def lifecycle_header_buttons(page, user, view_name, next_url=None):
    """ "Record amendment / repeal" (or "Correct the record") on a policy's editor."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, PolicyDocumentPage):
        return
    policy = (
        page.specific_deferred if not isinstance(page, PolicyDocumentPage) else page
    )
    if policy.validity == "valid":
        yield LifecycleMenuItem(
            _("Record amendment"), "govopen_policies:amend", page=policy, priority=56
        )
        yield LifecycleMenuItem(
            _("Record repeal"), "govopen_policies:repeal", page=policy, priority=57
        )
    else:
        yield LifecycleMenuItem(
            _("Correct the record"),
            "govopen_policies:reinstate",
            page=policy,
            priority=56,
        )
