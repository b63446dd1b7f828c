"""The list pages 政策文件 and 政策解读 of the 政府信息公开 section."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from govopen.core.enums import ColumnType, GovOpenSection
from govopen.core.models import GovOpenPageMixin

from .interpretations import InterpretationPage
from .policies import PolicyDocumentPage

LIST_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    TranslatableField("column_keywords"),
    TranslatableField("intro"),
]


class PolicyListPage(GovOpenPageMixin, Page):
    """政策文件: every live policy document of the section, with filters.

    It lists the policies anywhere in its section (below its parent, the
    政府信息公开 page): those created below it and those created in a
    directory alike.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    govopen_section = GovOpenSection.PROACTIVE
    column_type = ColumnType.DIRECTORY

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    translatable_fields = LIST_TRANSLATABLE_FIELDS

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = ["govopen_policies.PolicyDocumentPage"]

    template = "govopen/policies/policy_list_page.html"

    class Meta:
        verbose_name = _("policy document list page")

    def get_section_path(self):
        """The tree path of the section the page lists (its parent's)."""
        return self.path[: -self.steplen] if self.depth > 1 else self.path

    def get_policies(self):
        """The live, public policies of the section; override this to list others."""
        section = self.get_section_path()
        return (
            PolicyDocumentPage.objects.live()
            .public()
            .filter(Q(path__startswith=section) & ~Q(path=section))
        )

    def get_listing(self, request):
        from ..listing import PolicyListing

        return PolicyListing(self, request.GET)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context["listing"] = listing
        # Paginate now, so a notice about the page number is shown above the list.
        context["page_obj"] = listing.page
        return context


class InterpretationListPage(GovOpenPageMixin, Page):
    """政策解读: the interpretations below it, filterable by format."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    govopen_section = GovOpenSection.INTERPRETATION
    column_type = ColumnType.INTERPRETATION

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    translatable_fields = LIST_TRANSLATABLE_FIELDS

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = ["govopen_policies.InterpretationPage"]

    template = "govopen/policies/interpretation_list_page.html"

    class Meta:
        verbose_name = _("policy interpretation list page")

    def get_interpretations(self):
        """The live, public interpretations below this page."""
        return InterpretationPage.objects.child_of(self).live().public()

    def get_listing(self, request):
        from ..listing import InterpretationListing

        return InterpretationListing(self, request.GET)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context["listing"] = listing
        context["page_obj"] = listing.page
        return context
