from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from govopen.core.models import Organization
from govopen.core.permissions import organization_ids_for_user


class AnnualReportFiguresForm(WagtailAdminModelForm):
    """Offers only the organisations the user works for, in the default language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organization")
        if field is None:
            return
        queryset = Organization.objects.filter(locale=Locale.get_default())
        ids = organization_ids_for_user(self.for_user)
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        field.queryset = queryset
        field.help_text = _("The figures of this organisation alone.")
