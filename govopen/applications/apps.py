from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovOpenApplicationsAppConfig(AppConfig):
    name = "govopen.applications"
    label = "govopen_applications"
    verbose_name = _("Disclosure applications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
