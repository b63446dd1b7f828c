from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovOpenNegativeListAppConfig(AppConfig):
    name = "govopen.negative_list"
    label = "govopen_negative_list"
    verbose_name = _("Negative list")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
