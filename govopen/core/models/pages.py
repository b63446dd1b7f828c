from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from ..enums import ColumnType, GovOpenSection


class GovOpenPageMixin(models.Model):
    """What every govopen page shares: its column, meta tags and organisation.

    Concrete page types set ``govopen_section`` (where the landing page lists
    them) and ``column_type`` (the ColumnType meta tag). Override
    :meth:`get_govopen_organization` to say which organisation a page speaks for.
    """

    column_keywords = models.CharField(
        _("column keywords"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated keywords for the ColumnKeywords meta tag."),
    )

    govopen_section = GovOpenSection.OTHER
    column_type = None

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("column_keywords")], heading=_("Column")),
    ]

    class Meta:
        abstract = True

    def get_govopen_organization(self, request=None):
        """Override this to return the organisation the page belongs to."""
        organization = getattr(self, "organization", None)
        if organization is not None:
            return organization
        site_settings = self._get_govopen_settings(request)
        return site_settings.default_organization if site_settings else None

    def _get_govopen_site(self, request=None):
        # Site.find_for_request caches on the request; get_site() queries each time.
        if request is not None:
            return Site.find_for_request(request)
        return self.get_site()

    def _get_govopen_settings(self, request=None):
        from .settings import GovOpenSettings

        if request is not None:
            return GovOpenSettings.for_request(request)
        site = self.get_site()
        if site is None:
            return None
        return GovOpenSettings.for_site(site)

    def get_column_page(self):
        """The page whose title is the column (栏目) name: the nearest listing."""
        return self

    def get_meta_tags(self, request=None):
        """The meta tags of 国办发〔2017〕47号 for this page, in document order."""
        site = self._get_govopen_site(request)
        site_settings = self._get_govopen_settings(request)
        column = self.get_column_page()
        tags = {
            "SiteName": (site_settings and site_settings.site_name)
            or (site.site_name if site else ""),
            "SiteDomain": site.hostname if site else "",
            "SiteIDCode": site_settings.site_id_code if site_settings else "",
            "ColumnName": column.title,
            "ColumnDescription": column.search_description,
            "ColumnKeywords": getattr(column, "column_keywords", ""),
            "ColumnType": ColumnType(self.column_type).label
            if self.column_type
            else "",
        }
        if column.pk != self.pk:
            organization = self.get_govopen_organization(request)
            published = self.first_published_at or self.latest_revision_created_at
            tags.update(
                {
                    "ArticleTitle": self.title,
                    "PubDate": published.strftime("%Y-%m-%d %H:%M")
                    if published
                    else "",
                    "ContentSource": organization.name if organization else "",
                }
            )
        return {name: value for name, value in tags.items() if value}


class GovOpenIndexPage(GovOpenPageMixin, Page):
    """The 政府信息公开 landing page: one column with links to its sub-columns."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # No subpage_types: every govopen app's page types name this page in their
    # parent_page_types, so the landing page never has to know the apps.

    template = "govopen/core/govopen_index_page.html"

    class Meta:
        verbose_name = _("government information disclosure page")

    def get_sections(self):
        """Live child pages grouped by their section, in the landing page's order.

        Most page types name their section on the class, read without loading
        the page; only the children whose section is a field (a text page's)
        are fetched as their specific type, in one more query per such type.
        """
        children = list(self.get_children().live().public().order_by("path"))
        sections = {}
        dynamic = []
        for child in children:
            section = getattr(child.specific_class, "govopen_section", None)
            if section is None or isinstance(section, str):
                sections[child.pk] = section or GovOpenSection.OTHER
            else:  # a property of the instance
                dynamic.append(child.pk)
        if dynamic:
            for page in Page.objects.filter(pk__in=dynamic).specific():
                sections[page.pk] = page.govopen_section or GovOpenSection.OTHER
        grouped = {section: [] for section in GovOpenSection}
        for child in children:
            section = sections.get(child.pk, GovOpenSection.OTHER)
            grouped.setdefault(section, []).append(child)
        return [
            (GovOpenSection(section), pages)
            for section, pages in grouped.items()
            if pages
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_sections()
        return context


class GuidePage(GovOpenPageMixin, Page):
    """政府信息公开指南: how to obtain information, with the office's details."""

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Whose guide this is; its disclosure office details are shown."),
    )
    body = RichTextField(_("body"), blank=True)

    govopen_section = GovOpenSection.GUIDE
    column_type = ColumnType.GUIDE

    content_panels = [
        *Page.content_panels,
        FieldPanel("organization"),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    template = "govopen/core/guide_page.html"

    class Meta:
        verbose_name = _("disclosure guide page")


class StandardPage(GovOpenPageMixin, Page):
    """A plain column page: 政府信息公开制度 and other text the section needs."""

    section = models.CharField(
        _("section"),
        max_length=32,
        choices=GovOpenSection.choices,
        default=GovOpenSection.RULES,
        help_text=_("Where the landing page lists this page."),
    )
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("section"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["govopen_core.GovOpenIndexPage", "govopen_core.StandardPage"]

    template = "govopen/core/standard_page.html"

    class Meta:
        verbose_name = _("disclosure text page")

    @property
    def govopen_section(self):
        return self.section

    def get_column_page(self):
        """A text page under another text page is an article of that column."""
        parent = self.get_parent()
        if parent is not None and isinstance(parent.specific, StandardPage):
            return parent.specific.get_column_page()
        return self
