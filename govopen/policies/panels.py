from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class LifecyclePanel(Panel):
    """A policy's validity and history in its editor, with the lifecycle actions.

    Read-only: amendments, repeals and corrections are recorded through their
    own actions (see :mod:`govopen.policies.views`), not typed into the form.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Lifecycle"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "govopen/policies/admin/lifecycle_panel.html"

        def get_context_data(self, parent_context=None):
            from .views import user_can_change_lifecycle

            context = super().get_context_data(parent_context)
            page = self.instance
            saved = page is not None and page.pk is not None
            context["page"] = page
            context["saved"] = saved
            context["today"] = timezone.localdate()
            context["history"] = page.get_history() if saved else []
            actions = []
            if (
                saved
                and page.live
                and self.request is not None
                and user_can_change_lifecycle(self.request.user, page)
            ):
                if page.validity == "valid":
                    actions = [
                        (
                            _("Record amendment"),
                            reverse("govopen_policies:amend", args=[page.pk]),
                        ),
                        (
                            _("Record repeal"),
                            reverse("govopen_policies:repeal", args=[page.pk]),
                        ),
                    ]
                else:
                    actions = [
                        (
                            _("Correct the record"),
                            reverse("govopen_policies:reinstate", args=[page.pk]),
                        )
                    ]
            context["actions"] = actions
            return context
