from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class GovOpenSettings(BaseSiteSetting):
    """The site's identity as government websites must show it (国办发〔2017〕47号)."""

    site_name = models.CharField(
        _("site name"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown in the header and the SiteName meta tag; "
            "defaults to the Wagtail site name."
        ),
    )
    sponsor = models.CharField(_("sponsor"), max_length=255, blank=True)
    organizer = models.CharField(_("organiser"), max_length=255, blank=True)
    site_id_code = models.CharField(
        _("website identification code"),
        max_length=32,
        blank=True,
        help_text=_("The code issued by the government website census."),
    )
    icp_number = models.CharField(
        _("ICP record number"),
        max_length=64,
        blank=True,
    )
    police_record_number = models.CharField(
        _("public security record number"),
        max_length=64,
        blank=True,
    )
    default_organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("default organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation that pages without their own belong to."),
    )
    contact_line = models.CharField(
        _("contact line"),
        max_length=255,
        blank=True,
        help_text=_("One line of contact details for the footer."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("sponsor"), FieldPanel("organizer")],
            heading=_("Site identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("default_organization"), FieldPanel("contact_line")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("government disclosure settings")

    def __str__(self):
        return str(self._meta.verbose_name)
