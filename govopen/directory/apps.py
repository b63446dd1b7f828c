from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovOpenDirectoryAppConfig(AppConfig):
    name = "govopen.directory"
    label = "govopen_directory"
    verbose_name = _("Disclosure directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (registers them)
