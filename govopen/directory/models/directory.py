"""The directory page (政府信息公开目录 / 法定主动公开内容)."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index

from govopen.core.enums import ColumnType, GovOpenSection
from govopen.core.models import GovOpenPageMixin

from .items import DisclosureItemPage


class DisclosureDirectoryPage(RoutablePageMixin, GovOpenPageMixin, Page):
    """A filterable, searchable list of the disclosure items below it.

    Besides the page itself it answers at ``feed/`` and ``feed/<category>/``
    (Atom) and ``export/csv/`` and ``export/xlsx/`` (the current filtered
    listing), so those URLs live under the page wherever it is placed.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Whose directory this is; leave blank for the site's default organisation."
        ),
    )
    application_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("application page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where citizens apply for information disclosed on request; "
            "items disclosed on request link to it."
        ),
    )

    govopen_section = GovOpenSection.PROACTIVE
    column_type = ColumnType.DIRECTORY

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("organization"),
        PageChooserPanel("application_page"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]

    template = "govopen/directory/disclosure_directory_page.html"

    class Meta:
        verbose_name = _("disclosure directory page")

    @classmethod
    def clean_subpage_models(cls):
        """Every kind of disclosure item (``DisclosureItemPage`` and its subclasses)."""
        return [
            model
            for model in get_page_models()
            if issubclass(model, DisclosureItemPage) and model.is_creatable
        ]

    # Items --------------------------------------------------------------
    def get_items(self):
        """The live, public items of this directory, of every item page type.

        Filters only the item table (its copies of the parent and of ``live``),
        so counting and paging 100,000 items reads one index. Items with a view
        restriction of their own are left out, as ``.public()`` would.
        """
        items = DisclosureItemPage.objects.filter(
            listing_parent_id=self.pk, listing_live=True
        )
        restricted = list(
            PageViewRestriction.objects.filter(
                page__path__startswith=self.path, page__depth__gt=self.depth
            ).values_list("page_id", flat=True)
        )
        if restricted:
            items = items.exclude(pk__in=restricted)
        return items

    def get_listing(self, request):
        from ..listing import DirectoryListing

        return DirectoryListing(self, request.GET)

    def get_application_url(self):
        """Where to apply for information disclosed on request."""
        if self.application_page_id and self.application_page:
            page = self.application_page.localized
            if page.live:
                return page.url or ""
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context["listing"] = listing
        # Paginate now, so a notice about the page number is shown above the list.
        context["page_obj"] = listing.page
        query = listing.querystring()
        base = self.url or ""
        context["feed_url"] = base + self.reverse_subpage("feed")
        context["csv_url"] = base + self.reverse_subpage("export_csv") + query
        context["xlsx_url"] = base + self.reverse_subpage("export_xlsx") + query
        return context

    # Routes -------------------------------------------------------------
    @path("feed/", name="feed")
    def feed(self, request):
        from ..feeds import DirectoryFeed

        return DirectoryFeed()(request, directory=self)

    @path("feed/<str:category>/", name="category_feed")
    def category_feed(self, request, category):
        from ..feeds import DirectoryFeed

        return DirectoryFeed()(request, directory=self, category=category)

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        from ..exports import csv_response

        return csv_response(self, self.get_listing(request))

    @path("export/xlsx/", name="export_xlsx")
    def export_xlsx(self, request):
        from ..exports import xlsx_response

        return xlsx_response(self, self.get_listing(request))

    def get_category(self, code):
        from .taxonomy import DirectoryCategory

        category = (
            DirectoryCategory.objects.filter(code=code)
            .order_by(
                models.Case(models.When(locale_id=self.locale_id, then=0), default=1)
            )
            .first()
        )
        if category is None:
            raise Http404
        return category
