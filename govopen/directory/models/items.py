"""Disclosure items (政府信息): the pages the directory lists.

``AbstractDisclosureItem`` holds the metadata of DOMAIN.md §1 and the rules
around it (index number at first publication, 公开属性 checks, what a citizen
may see); ``DisclosureItemPage`` is the concrete page. A page type that is "a
kind of disclosure item" (``policies.PolicyDocumentPage``) subclasses
``DisclosureItemPage`` with multi-table inheritance: its rows are then in the
item table, the directory lists it with the same single query, and it may be
created under any directory page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from govopen.core.conf import get_setting
from govopen.core.enums import (
    NON_DISCLOSURE_GROUNDS,
    ColumnType,
    DisclosureAttribute,
    DisclosureMethod,
    GovOpenSection,
    Validity,
)
from govopen.core.models import GovOpenPageMixin

from ..forms import DisclosureItemForm
from ..rules import missing_reason_message, not_disclosed_message

SUMMARY_MAX_LENGTH = 100


class AbstractDisclosureItem(GovOpenPageMixin, models.Model):
    """The metadata and rules of a 政府信息公开 item; mix into a ``Page``."""

    index_number = models.CharField(
        _("index number"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Assigned automatically when the item is first published."),
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The organisation that issued the document; for a joint document, "
            "the one that gave the document number."
        ),
    )
    category = models.ForeignKey(
        "govopen_directory.DirectoryCategory",
        verbose_name=_("directory category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        "govopen_directory.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    genre = models.ForeignKey(
        "govopen_directory.Genre",
        verbose_name=_("genre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("As printed on the document, for example 示政办发〔2024〕12号."),
    )
    written_date = models.DateField(_("date written"), null=True, blank=True)
    publish_date = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("Leave blank to use the day the item is first published."),
    )
    validity = models.CharField(
        _("validity"),
        max_length=16,
        choices=Validity.choices,
        default=Validity.VALID,
    )
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    expiry_date = models.DateField(_("effective until"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The document that amends or replaces this one."),
    )
    disclosure_method = models.CharField(
        _("disclosure method"),
        max_length=32,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.WEBSITE,
    )
    disclosure_attribute = models.CharField(
        _("disclosure attribute"),
        max_length=16,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    non_disclosure_reason = models.CharField(
        _("reason for not disclosing"),
        max_length=32,
        choices=[(ground.value, ground.label) for ground in NON_DISCLOSURE_GROUNDS],
        blank=True,
        help_text=_("Required when the item is not to be disclosed."),
    )
    keywords = models.CharField(
        _("subject keywords"),
        max_length=255,
        blank=True,
        help_text=_("Separate keywords with spaces or commas."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_("At most 100 characters."),
    )
    body = RichTextField(_("body"), blank=True)
    # Copies of the parent and of ``live``, kept by save() and the publish,
    # unpublish and move signals, so that a directory counts and pages its items
    # from this table's own index, without joining the page table. SET_NULL, as
    # Wagtail asks of page relations: deleting the parent deletes the items
    # through the page tree anyway.
    listing_parent = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_live = models.BooleanField(default=False, editable=False)

    govopen_section = GovOpenSection.PROACTIVE
    column_type = ColumnType.DIRECTORY

    # A copy is a new document: it gets its own number when published.
    exclude_fields_in_copy = ["index_number"]

    metadata_panels = [
        FieldPanel("index_number", read_only=True),
        # A plain select, so the editor sees only the organisations they work for.
        FieldPanel("organization", widget=forms.Select),
        FieldRowPanel([FieldPanel("category"), FieldPanel("genre")]),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("keywords")]),
        FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
    ]
    validity_panels = [
        FieldPanel("validity"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")]),
        PageChooserPanel("replaced_by", "govopen_directory.DisclosureItemPage"),
    ]
    disclosure_panels = [
        FieldRowPanel(
            [FieldPanel("disclosure_attribute"), FieldPanel("disclosure_method")]
        ),
        FieldPanel("non_disclosure_reason"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(metadata_panels, heading=_("Metadata")),
        MultiFieldPanel(disclosure_panels, heading=_("Disclosure")),
        MultiFieldPanel(validity_panels, heading=_("Validity")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel("related_links", label=_("Related items")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("public_body"),
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("document_number"),
        index.SearchField("index_number"),
        index.AutocompleteField("document_number"),
        index.FilterField("organization"),
        index.FilterField("category"),
        index.FilterField("topic"),
        index.FilterField("genre"),
        index.FilterField("validity"),
        index.FilterField("expiry_date"),
        index.FilterField("publish_date"),
        index.FilterField("disclosure_attribute"),
        index.FilterField("index_number"),
        index.FilterField("listing_parent"),
        index.FilterField("listing_live"),
    ]

    api_fields = [
        APIField("index_number"),
        APIField("organization_info"),
        APIField("category_info"),
        APIField("topic_info"),
        APIField("genre_info"),
        APIField("document_number"),
        APIField("written_date"),
        APIField("publish_date"),
        APIField("validity"),
        APIField("effective_date"),
        APIField("expiry_date"),
        APIField("replaced_by"),
        APIField("disclosure_method"),
        APIField("disclosure_attribute"),
        APIField("keywords"),
        APIField("summary"),
        APIField("public_body"),
        APIField("attachment_list"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("column_keywords"),
        TranslatableField("keywords"),
        TranslatableField("summary"),
        TranslatableField("body"),
        # Codes, numbers, dates and classifications are the same in every
        # language; templates show the classifications' translated names.
        SynchronizedField("index_number"),
        SynchronizedField("organization"),
        SynchronizedField("category"),
        SynchronizedField("topic"),
        SynchronizedField("genre"),
        SynchronizedField("document_number"),
        SynchronizedField("written_date"),
        SynchronizedField("publish_date"),
        SynchronizedField("validity"),
        SynchronizedField("effective_date"),
        SynchronizedField("expiry_date"),
        SynchronizedField("replaced_by"),
        SynchronizedField("disclosure_method"),
        SynchronizedField("disclosure_attribute"),
        SynchronizedField("non_disclosure_reason"),
        SynchronizedField("attachments"),
        SynchronizedField("related_links"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Saves of bookkeeping fields (latest revision, locks) leave the number be.
        bookkeeping = update_fields is not None and not {
            "live",
            "index_number",
        } & set(update_fields)
        if bookkeeping:
            return super().save(*args, **kwargs)
        self.sync_listing_fields()
        if not self.live or self.alias_of_id:
            return super().save(*args, **kwargs)
        from ..index_numbers import ensure_index_number

        if self.publish_date is None:
            self.publish_date = timezone.localdate()
        # The number, its counter and the page commit together: a publication
        # that fails validation takes its serial back, leaving no gap.
        with transaction.atomic():
            self.index_number = ensure_index_number(self)
            return super().save(*args, **kwargs)

    # Rules ---------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if (
            self.disclosure_attribute == DisclosureAttribute.NOT_DISCLOSED
            and not self.non_disclosure_reason
        ):
            errors["non_disclosure_reason"] = missing_reason_message()
        if self.live and self.disclosure_attribute == DisclosureAttribute.NOT_DISCLOSED:
            errors["disclosure_attribute"] = not_disclosed_message()
        if (
            self.effective_date
            and self.expiry_date
            and self.expiry_date < self.effective_date
        ):
            errors["expiry_date"] = _("The item cannot expire before it takes effect.")
        if (
            self.written_date
            and self.publish_date
            and self.publish_date < self.written_date
        ):
            errors["publish_date"] = _(
                "A document cannot be published before it was written."
            )
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("An item cannot replace itself.")
        if errors:
            raise ValidationError(errors)

    # Index numbers -------------------------------------------------------
    def get_index_number_generator(self):
        """Override this to number items differently: return ``callable(item) -> str``.

        The default reads ``GOVOPEN_INDEX_NUMBER_GENERATOR`` (a dotted path).
        """
        return import_string(get_setting("GOVOPEN_INDEX_NUMBER_GENERATOR"))

    def sync_listing_fields(self):
        """Copy the parent and ``live`` into the fields the listing indexes."""
        self.listing_live = bool(self.live)
        if self.path and len(self.path) > self.steplen:
            parent = self.get_parent()
            self.listing_parent_id = parent.pk if parent is not None else None

    def with_content_json(self, content):
        """Keep the number and publication date a revision made before them."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        if obj.publish_date is None:
            obj.publish_date = self.publish_date
        return obj

    # What citizens see ---------------------------------------------------
    @property
    def is_on_request(self):
        return self.disclosure_attribute == DisclosureAttribute.ON_REQUEST

    def validity_on(self, day):
        """The :class:`Validity` of this item on ``day``.

        What editors recorded, except that a valid item becomes 失效 the day
        after its expiry date, with no job run at midnight. Policy documents
        override this with their repeal and amendment dates.
        """
        if (
            self.validity == Validity.VALID
            and self.expiry_date is not None
            and self.expiry_date < day
        ):
            return Validity.EXPIRED
        return Validity(self.validity)

    @cached_property
    def current_validity(self):
        """The validity today."""
        return self.validity_on(timezone.localdate())

    def get_current_validity_display(self):
        return Validity(self.current_validity).label

    @property
    def is_superseded(self):
        """True for items that are no longer in force today (失效, 废止, 已修订)."""
        return self.current_validity != Validity.VALID

    @property
    def public_body(self):
        """The full text, or nothing for an item disclosed only on request."""
        return "" if self.is_on_request else self.body

    def get_keyword_list(self):
        return [
            word
            for word in self.keywords.replace("，", ",").replace(",", " ").split()
            if word
        ]

    def get_column_page(self):
        """Items are articles of their directory."""
        parent = self.get_parent()
        return parent.specific if parent is not None else self

    def get_attachment_list(self):
        return [
            attachment
            for attachment in self.attachments.all().select_related("document")
            if attachment.document_id
        ]

    # API --------------------------------------------------------------------
    @staticmethod
    def _info(obj):
        if obj is None:
            return None
        return {"id": obj.pk, "code": obj.code, "name": obj.name}

    @property
    def organization_info(self):
        return self._info(self.organization)

    @property
    def category_info(self):
        return self._info(self.category)

    @property
    def topic_info(self):
        return self._info(self.topic)

    @property
    def genre_info(self):
        return self._info(self.genre)

    @property
    def attachment_list(self):
        if self.is_on_request:
            return []
        return [
            {
                "title": attachment.display_title,
                "url": attachment.document.url,
                "format": attachment.file_format,
                "size": attachment.file_size,
            }
            for attachment in self.get_attachment_list()
        ]


class DisclosureItemPage(AbstractDisclosureItem, Page):  # noqa: DJ008 (Page has it)
    """A 政府信息公开 item listed in a directory (a document, a notice, a plan, ...)."""

    base_form_class = DisclosureItemForm

    parent_page_types = ["govopen_directory.DisclosureDirectoryPage"]
    subpage_types = []

    template = "govopen/directory/disclosure_item_page.html"

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        indexes = [
            # The directory lists newest first; page 500 walks this index.
            models.Index(
                fields=["listing_parent", "listing_live", "-publish_date", "-page_ptr"],
                name="govopen_dir_item_listing",
            ),
            models.Index(
                fields=["organization", "-publish_date"],
                name="govopen_dir_item_org_date",
            ),
            models.Index(
                fields=["category", "-publish_date"],
                name="govopen_dir_item_cat_date",
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = self.get_column_page()
        context["attachments"] = (
            [] if self.is_on_request else self.get_attachment_list()
        )
        context["related_items"] = self.get_related_items()
        context["replacement"] = self.get_replacement()
        return context

    def permissions_for_user(self, user):
        """Staff edit, publish and delete only their own organisation's items."""
        from ..permissions import DisclosureItemPermissionTester

        return DisclosureItemPermissionTester(user, self)

    def get_replacement(self):
        """The live item (in this language when translated) that replaces this one."""
        if not self.replaced_by_id:
            return None
        target = self.replaced_by
        if target is None:
            return None
        localized = target.localized
        return localized if localized.live else (target if target.live else None)

    def get_related_items(self, limit=5):
        """Items the editor linked, else the newest on the same topic or category."""
        chosen = [
            link.item
            for link in self.related_links.all().select_related("item")
            if link.item is not None and link.item.live
        ]
        if chosen:
            return chosen[:limit]
        if not (self.topic_id or self.category_id):
            return []
        similar = models.Q()
        if self.topic_id:
            similar |= models.Q(topic_id=self.topic_id)
        if self.category_id:
            similar |= models.Q(category_id=self.category_id)
        return list(
            DisclosureItemPage.objects.live()
            .public()
            .filter(similar, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("-publish_date", "-pk")
            .only("title", "url_path", "publish_date", "index_number", "locale_id")[
                :limit
            ]
        )

    @cached_property
    def application_url(self):
        """Where a citizen applies for an item disclosed on request."""
        directory = self.get_column_page()
        getter = getattr(directory, "get_application_url", None)
        return getter() if getter else ""


class DisclosureItemAttachment(Orderable):
    """A file published with an item (Wagtail documents)."""

    page = ParentalKey(
        DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or (self.document.title if self.document_id else "")

    @property
    def file_format(self):
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def file_size(self):
        if not self.document_id:
            return None
        try:
            return self.document.get_file_size()
        except OSError:
            return None


class RelatedItemLink(Orderable):
    """An item the editor lists as related."""

    page = ParentalKey(
        DisclosureItemPage, on_delete=models.CASCADE, related_name="related_links"
    )
    item = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("item", "govopen_directory.DisclosureItemPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related item")
        verbose_name_plural = _("related items")

    def __str__(self):
        return str(self.item)
