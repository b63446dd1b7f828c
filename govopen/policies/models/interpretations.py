"""Policy interpretations (政策解读), linked to the policies they interpret.

The links are an ``Orderable`` child of the interpretation (modelcluster), so
revisions, previews and translations carry them. Both pages show the other
side: a policy lists its live interpretations grouped as government sites do
(原文 / 政策解读 / 图文解读 / 视频解读), an interpretation lists its policies
with their 文号 and validity today.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
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
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from govopen.core.enums import ColumnType, GovOpenSection, InterpretationFormat
from govopen.core.models import GovOpenPageMixin

from ..blocks import InterpretationBodyBlock
from ..forms import InterpretationForm, format_errors
from .policies import PolicyDocumentPage, _prefer_locale

# What a list of interpretations reads; the body stays on disk.
INTERPRETATION_LISTING_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "translation_key",
    "format",
    "publish_date",
    "organization_id",
    "summary",
)
POLICY_LINK_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "translation_key",
    "document_number",
    "document_type",
    "publish_date",
    "validity",
    "effective_date",
    "expiry_date",
    "amended_date",
    "repeal_date",
)


# What a published interpretation is checked on (saving a revision touches none).
CONTENT_FIELDS = {"live", "format", "body", "expert_name"}


class InterpretationGroup(models.TextChoices):
    """How government sites group a policy's related reading (not statutory)."""

    ORIGINAL = "original", _("Original text")  # 原文
    POLICY = "policy", _("Policy interpretation")  # 政策解读
    GRAPHIC = "graphic", _("Illustrated interpretation")  # 图文解读
    VIDEO = "video", _("Video interpretation")  # 视频解读


FORMAT_GROUPS = {
    InterpretationFormat.TEXT: InterpretationGroup.POLICY,
    InterpretationFormat.EXPERT: InterpretationGroup.POLICY,
    InterpretationFormat.QA: InterpretationGroup.POLICY,
    InterpretationFormat.GRAPHIC: InterpretationGroup.GRAPHIC,
    InterpretationFormat.AUDIO_VIDEO: InterpretationGroup.VIDEO,
    InterpretationFormat.ANIMATION: InterpretationGroup.VIDEO,
    InterpretationFormat.INTERVIEW: InterpretationGroup.VIDEO,
    InterpretationFormat.PRESS_CONFERENCE: InterpretationGroup.VIDEO,
}


def group_interpretations(interpretations):
    """``[(InterpretationGroup, [pages])]`` in display order, empty groups left out."""
    grouped = {group: [] for group in InterpretationGroup if group != "original"}
    for page in interpretations:
        grouped[FORMAT_GROUPS[InterpretationFormat(page.format)]].append(page)
    return [(group, pages) for group, pages in grouped.items() if pages]


def live_interpretations(policy_keys, locale_id):
    """Live, public interpretations of any of the policy translation groups.

    One query (and Wagtail's one for view restrictions); one page per
    interpretation, in ``locale_id`` when translated.
    """
    links = InterpretedPolicy.objects.filter(
        page=OuterRef("pk"), policy__translation_key__in=list(policy_keys)
    )
    queryset = (
        InterpretationPage.objects.live()
        .public()
        .filter(Exists(links))
        .order_by("-publish_date", "-pk")
        .only(*INTERPRETATION_LISTING_FIELDS)
    )
    return _prefer_locale(queryset, locale_id)


class InterpretationPage(GovOpenPageMixin, Page):
    """A 政策解读 of one or more policies: text, 图解, video, an expert, Q&A."""

    format = models.CharField(
        _("format"),
        max_length=32,
        choices=InterpretationFormat.choices,
        default=InterpretationFormat.TEXT,
        db_index=True,
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("interpreting organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Normally the department that drafted the policy (谁起草、谁解读)."
        ),
    )
    expert_name = models.CharField(
        _("expert's name"),
        max_length=100,
        blank=True,
        help_text=_("For an expert interpretation or an interview."),
    )
    expert_title = models.CharField(
        _("expert's title"),
        max_length=255,
        blank=True,
        help_text=_("Position and institution, as they should appear."),
    )
    publish_date = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Leave blank to use the day the interpretation is first published."
        ),
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    body = StreamField(InterpretationBodyBlock(), verbose_name=_("body"), blank=True)

    govopen_section = GovOpenSection.INTERPRETATION
    column_type = ColumnType.INTERPRETATION

    base_form_class = InterpretationForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("format"), FieldPanel("publish_date")]),
                FieldPanel("organization", widget=forms.Select),
                FieldRowPanel([FieldPanel("expert_name"), FieldPanel("expert_title")]),
            ],
            heading=_("Interpretation"),
        ),
        InlinePanel("policy_links", label=_("Policies interpreted")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("expert_name"),
        index.FilterField("format"),
        index.FilterField("organization"),
        index.FilterField("publish_date"),
    ]

    api_fields = [
        APIField("format"),
        APIField("organization_info"),
        APIField("expert_name"),
        APIField("expert_title"),
        APIField("publish_date"),
        APIField("summary"),
        APIField("body"),
        APIField("policy_ids"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("column_keywords"),
        TranslatableField("expert_name"),
        TranslatableField("expert_title"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("format"),
        SynchronizedField("organization"),
        SynchronizedField("publish_date"),
        # The links point at the source language's policies; pages show each
        # in the reader's language (see get_policies).
        SynchronizedField("policy_links"),
    ]

    parent_page_types = ["govopen_policies.InterpretationListPage"]
    subpage_types = []

    template = "govopen/policies/interpretation_page.html"

    class Meta:
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")
        indexes = [
            models.Index(
                fields=["-publish_date", "-page_ptr"],
                name="govopen_pol_interp_newest",
            ),
        ]

    # Saving -----------------------------------------------------------------
    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if (
            self.live
            and not self.alias_of_id
            and (update_fields is None or CONTENT_FIELDS & set(update_fields))
        ):
            # The editor's form says this when publishing; here it stops code
            # and imports from publishing an interpretation without its content.
            # (Not in clean(): the form cleans a new page while it is still
            # "live" by default, even when it is only saved as a draft.)
            errors = format_errors(self.format, self.body, self.expert_name)
            if errors:
                raise ValidationError(errors)
            if self.publish_date is None:
                self.publish_date = timezone.localdate()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Keep the publication date a revision made before it was set."""
        obj = super().with_content_json(content)
        if obj.publish_date is None:
            obj.publish_date = self.publish_date
        return obj

    def permissions_for_user(self, user):
        """Staff edit and publish only their own organisation's interpretations."""
        from govopen.directory.permissions import DisclosureItemPermissionTester

        return DisclosureItemPermissionTester(user, self)

    # Reading ------------------------------------------------------------------
    @property
    def format_group(self):
        return FORMAT_GROUPS[InterpretationFormat(self.format)]

    @property
    def organization_info(self):
        org = self.organization
        return {"id": org.pk, "code": org.code, "name": org.name} if org else None

    @property
    def policy_ids(self):
        return [link.policy_id for link in self.policy_links.all()]

    def get_column_page(self):
        """Interpretations are articles of their list page."""
        parent = self.get_parent()
        return parent.specific if parent is not None else self

    def get_policies(self):
        """The live policies interpreted, in link order, in the reader's language.

        Links to unpublished policies are left out; links to deleted ones are
        gone with them (and dropped from older revisions).
        """
        ids = [link.policy_id for link in self.policy_links.all() if link.policy_id]
        if not ids:
            return []
        keys = PolicyDocumentPage.objects.filter(pk__in=ids).values("translation_key")
        group = list(
            PolicyDocumentPage.objects.filter(translation_key__in=keys)
            .public()
            .only(*POLICY_LINK_FIELDS)
        )
        by_pk = {page.pk: page for page in group}
        ordered_keys = []
        for pk in ids:
            page = by_pk.get(pk)
            if page is not None and page.translation_key not in ordered_keys:
                ordered_keys.append(page.translation_key)
        policies = []
        for key in ordered_keys:
            live = [page for page in group if page.translation_key == key and page.live]
            if not live:
                continue
            live.sort(
                key=lambda page: (page.locale_id != self.locale_id, page.pk not in ids)
            )
            policies.append(live[0])
        return policies

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        policies = self.get_policies()
        context["policies"] = policies
        context["column"] = self.get_column_page()
        context["related_groups"] = group_interpretations(
            live_interpretations(
                {policy.translation_key for policy in policies}, self.locale_id
            )
            if policies
            else []
        )
        return context


class InterpretedPolicy(Orderable):
    """A policy an interpretation interprets."""

    page = ParentalKey(
        InterpretationPage, on_delete=models.CASCADE, related_name="policy_links"
    )
    policy = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("policy document"),
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [PageChooserPanel("policy", "govopen_policies.PolicyDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("interpreted policy")
        verbose_name_plural = _("interpreted policies")

    def __str__(self):
        return str(self.policy)
