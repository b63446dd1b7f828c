from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from govopen.core import calendar
from govopen.core.enums import GovOpenSection
from govopen.core.models import GovOpenPageMixin, Organization

from ..forms import NegativeListPageForm
from .entries import NegativeListEntry, NegativeListEntryChange

__all__ = ["NegativeListListing", "NegativeListPage"]


@dataclass
class NegativeListListing:
    """What the public page shows, computed by :meth:`NegativeListPage.get_listing`."""

    groups: list = field(default_factory=list)  # [(category, [entry, ...]), ...]
    count: int = 0
    organizations: list = field(default_factory=list)
    organization: Organization | None = None
    year: int = 0
    year_param: bool = False  # the year was chosen, not the current one
    year_links: list = field(default_factory=list)  # [(year, query string), ...]
    changes: list = field(default_factory=list)  # [(change, entry), ...]


class NegativeListPage(GovOpenPageMixin, Page):
    """政务公开负面清单: what is not disclosed, why, and how the list changed.

    The entries are edited in the page (an inline panel), so their wording goes
    through the page's revisions, previews, workflow and translations. Override
    :meth:`get_listing` to change what the public page shows.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Leave empty for a site-wide list of every organisation's entries; "
            "choose an organisation for its own list (entries must then belong "
            "to it or to its sub-organisations)."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the list: its scope, its legal basis, whom to ask."),
    )

    # Not one of the Article 20 categories of 法定主动公开内容: listing it there
    # would mislead; it has its own place among the other columns.
    govopen_section = GovOpenSection.OTHER
    # 国办发〔2017〕47号 has no ColumnType for the negative list: none is sent.
    column_type = None

    content_panels = [
        *Page.content_panels,
        FieldPanel("organization"),
        FieldPanel("intro"),
        InlinePanel(
            "entries",
            heading=_("Entries"),
            label=_("entry"),
            help_text=_(
                "Changes of status (reviews, adjustments, removal) are recorded "
                "in Reports › Negative list review, not here."
            ),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "entries",
            [
                index.SearchField("category"),
                index.SearchField("content"),
                index.SearchField("legal_basis"),
            ],
        ),
    ]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    base_form_class = NegativeListPageForm
    template = "govopen/negative_list/negative_list_page.html"

    class Meta:
        verbose_name = _("negative list page")

    def get_entries(self):
        """All entries of this version of the page, organisation loaded.

        For a preview or a revision the entries come from the revision, but
        their review state is read from the database, where the actions keep it.
        """
        if "entries" not in getattr(self, "_cluster_related_objects", {}):
            if self.pk is None:
                return []
            return list(
                NegativeListEntry.objects.filter(page=self).select_related(
                    "organization"
                )
            )
        entries = list(self.entries.all())
        saved = [entry.pk for entry in entries if entry.pk is not None]
        if saved:
            states = NegativeListEntry.objects.filter(pk__in=saved).in_bulk()
            for entry in entries:
                current = states.get(entry.pk)
                if current is not None:
                    for name in (
                        "status",
                        "status_changed_on",
                        "last_reviewed_on",
                        "next_review_on",
                    ):
                        setattr(entry, name, getattr(current, name))
        organizations = Organization.objects.in_bulk(
            {entry.organization_id for entry in entries if entry.organization_id}
        )
        for entry in entries:
            if entry.organization_id in organizations:
                entry.organization = organizations[entry.organization_id]
        return entries

    def get_adjustments(self, entries):
        """The status changes of ``entries``, one per decision, oldest first.

        A change is recorded once, in the language of the entry it was made
        on; a translated page shows its own language's record when there is one.
        """
        keys = [entry.translation_key for entry in entries if entry.pk is not None]
        if not keys:
            return []
        rows = (
            NegativeListEntryChange.objects.filter(
                kind=NegativeListEntryChange.Kind.ADJUSTED,
                entry__translation_key__in=keys,
            )
            .annotate(entry_key=F("entry__translation_key"))
            .order_by("date", "recorded_at", "pk")
        )
        chosen = {}
        for change in rows:
            kept = chosen.get(change.translation_key)
            if kept is None or (
                kept.locale_id != self.locale_id and change.locale_id == self.locale_id
            ):
                chosen[change.translation_key] = change
        return sorted(chosen.values(), key=lambda c: (c.date, c.recorded_at, c.pk))

    def get_listing(self, request=None):
        """The current entries grouped by category, and the year's adjustments.

        Reads ``?organization=<code>`` and ``?year=<yyyy>`` from the request;
        values that match nothing are ignored. Two queries, whatever the size.
        """
        params = request.GET if request is not None else {}
        entries = self.get_entries()
        listing = NegativeListListing()

        organizations = {}
        for entry in entries:
            if entry.organization is not None:
                organizations[entry.organization.code] = entry.organization
        listing.organizations = sorted(
            organizations.values(), key=lambda o: (o.sort_order, o.name)
        )
        listing.organization = organizations.get(str(params.get("organization", "")))

        def shown(entry):
            return (
                listing.organization is None
                or entry.organization_id == listing.organization.pk
            )

        listed = sorted(
            (entry for entry in entries if entry.is_listed and shown(entry)),
            key=lambda entry: (entry.number, entry.sort_order or 0),
        )
        groups = {}
        for entry in listed:
            groups.setdefault(entry.category, []).append(entry)
        listing.groups = list(groups.items())
        listing.count = len(listed)

        this_year = calendar.today().year
        by_key = {entry.translation_key: entry for entry in entries}
        adjustments = self.get_adjustments(entries)
        years = sorted(
            {change.date.year for change in adjustments} | {this_year}, reverse=True
        )
        try:
            year = int(params.get("year", this_year))
        except (TypeError, ValueError):
            year = this_year
        listing.year = year if year in years else this_year
        listing.year_param = listing.year != this_year
        for link_year in years:
            query = {} if link_year == this_year else {"year": link_year}
            if listing.organization is not None:
                query["organization"] = listing.organization.code
            listing.year_links.append((link_year, urlencode(query)))
        listing.changes = [
            (change, by_key[change.entry_key])
            for change in adjustments
            if change.date.year == listing.year
            and change.entry_key in by_key
            and shown(by_key[change.entry_key])
        ]
        return listing

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request)
        return context
