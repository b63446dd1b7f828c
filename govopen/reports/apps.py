from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovOpenReportsAppConfig(AppConfig):
    name = "govopen.reports"
    label = "govopen_reports"
    verbose_name = _("Annual reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (freezes the figures on publish)
