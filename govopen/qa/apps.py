from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QAConfig(AppConfig):
    name = "govopen.qa"
    label = "govopen_qa"
    verbose_name = _("Citizen Q&A")
    default_auto_field = "django.db.models.BigAutoField"
