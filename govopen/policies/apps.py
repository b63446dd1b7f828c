from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovOpenPoliciesAppConfig(AppConfig):
    name = "govopen.policies"
    label = "govopen_policies"
    verbose_name = _("Policy documents and interpretations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
