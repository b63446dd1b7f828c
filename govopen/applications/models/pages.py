from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from govopen.core.enums import ColumnType, GovOpenSection
from govopen.core.models import GovOpenPageMixin

prefix_validator = RegexValidator(
    r"\A[0-9A-Za-z]{1,20}\Z",
    _("Use up to 20 letters and digits, for example XZF."),
)


class ApplicationFormPage(RoutablePageMixin, GovOpenPageMixin, Page):
    """依申请公开: the online application form of one handling organisation.

    Sub-pages (routes): ``receipt/`` shows the 回执 right after a submission,
    ``status/`` lets applicants follow an application with its number and
    查询码. Override :meth:`get_form_class` to change the form.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("handling organisation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation that receives and answers these applications."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )
    privacy_statement = RichTextField(
        _("privacy statement"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Applicants must accept it. Leave empty for the standard text."),
    )
    next_steps = RichTextField(
        _("what happens next"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown on the receipt, after the standard explanation."),
    )
    number_prefix = models.CharField(
        _("application number prefix"),
        max_length=20,
        blank=True,
        validators=[prefix_validator],
        help_text=_(
            "Starts every application number, as in XZF-2026-00042. "
            "Leave empty to use the organisation's code."
        ),
    )

    govopen_section = GovOpenSection.APPLICATION
    column_type = ColumnType.APPLICATION

    content_panels = [
        *Page.content_panels,
        FieldPanel("organization"),
        FieldPanel("intro"),
        FieldPanel("privacy_statement"),
        FieldPanel("next_steps"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel([FieldPanel("number_prefix")], heading=_("Numbering")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    template = "govopen/applications/application_form_page.html"

    class Meta:
        verbose_name = _("disclosure application form page")

    def clean(self):
        super().clean()
        if self.number_prefix and self.organization_id:
            clash = (
                ApplicationFormPage.objects.filter(number_prefix=self.number_prefix)
                .exclude(
                    organization__translation_key=self.organization.translation_key
                )
                .exists()
            )
            if clash:
                raise ValidationError(
                    {
                        "number_prefix": _(
                            "Another organisation's form already uses this prefix."
                        )
                    }
                )

    def get_form_class(self):
        """Override this to use another application form."""
        from ..forms import ApplicationForm

        return ApplicationForm

    def get_status_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("status")

    def get_receipt_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("receipt")

    @path("")
    def apply(self, request):
        from .. import views

        return views.application_form(request, self)

    @path("receipt/")
    def receipt(self, request):
        from .. import views

        return views.receipt(request, self)

    @path("status/")
    def status(self, request):
        from .. import views

        return views.status(request, self)

    @path("status/files/<int:file_id>/")
    def status_file(self, request, file_id):
        from .. import views

        return views.status_file(request, self, file_id)

    def serve_preview(self, request, mode_name):
        from .. import views

        return views.application_form(request, self, preview=True)
