"""Policy documents (政策文件): a kind of disclosure item with a lifecycle.

``PolicyDocumentPage`` subclasses the directory's ``DisclosureItemPage`` with
multi-table inheritance, so a policy is listed by every directory with the
same single query and keeps all an item's metadata (索引号, 文号, dates, the
publishing organisation, 有效性). What it adds:

- the document type the annual report counts (规章 / 行政规范性文件 / 其他);
- the drafting department, which must interpret it (谁起草、谁解读);
- a lifecycle recorded by explicit actions (:meth:`~PolicyDocumentPage.amend`,
  :meth:`~PolicyDocumentPage.repeal`, :meth:`~PolicyDocumentPage.reinstate`)
  rather than typed into a status field; 失效 follows from the expiry date on
  the day a reader asks (:mod:`govopen.policies.lifecycle`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from govopen.core.conf import get_setting
from govopen.core.enums import PolicyDocumentType, Validity
from govopen.directory.models import DisclosureItemPage

from .. import lifecycle
from ..forms import PolicyDocumentForm
from ..panels import LifecyclePanel

# Recorded by the lifecycle actions, never by the editor's form: revisions and
# copies do not carry them (see with_content_json and exclude_fields_in_copy).
LIFECYCLE_FIELDS = (
    "validity",
    "replaced_by_id",
    "amended_date",
    "repeal_date",
    "repealed_by_id",
    "repeal_basis",
)

# How far the lifecycle follows "replaced by" links before giving up.
MAX_VERSIONS = 20


def required_types():
    """The :class:`PolicyDocumentType` values that need an interpretation."""
    return list(get_setting("GOVOPEN_INTERPRETATION_REQUIRED_TYPES"))


class PolicyDocumentQuerySet(PageQuerySet):
    """Queries the annual report and the compliance report are built from."""

    def with_current_validity(self, day=None):
        """Annotate ``current_validity``: the validity on ``day`` (default today)."""
        day = day or timezone.localdate()
        return self.annotate(current_validity=lifecycle.validity_expression(day))

    def validity_on(self, value, day=None):
        """Documents whose validity on ``day`` (default today) is ``value``."""
        return self.filter(lifecycle.validity_q(value, day or timezone.localdate()))

    def in_force_on(self, day):
        """Published by ``day`` and valid on it: 现行有效 at the end of ``day``."""
        return self.filter(lifecycle.in_force_q(day))

    def issued_between(self, start, end):
        """Published from ``start`` to ``end`` (inclusive): 本年制发 for a year."""
        return self.filter(publish_date__gte=start, publish_date__lte=end)

    def repealed_between(self, start, end):
        """Repealed with a date from ``start`` to ``end``: 本年废止 for a year."""
        return self.filter(
            validity=Validity.REPEALED,
            repeal_date__gte=start,
            repeal_date__lte=end,
        )

    def of_types(self, *types):
        return self.filter(document_type__in=[PolicyDocumentType(t) for t in types])

    def requiring_interpretation(self):
        """Documents that must be interpreted: by their type, or as the editor chose."""
        return self.filter(
            Q(interpretation_required=True)
            | Q(
                interpretation_required__isnull=True, document_type__in=required_types()
            )
        )

    def for_organizations(self, ids):
        """Documents drafted by one of ``ids`` (``None`` means every organisation)."""
        if ids is None:
            return self
        return self.filter(drafting_organization__in=ids)

    def originals(self):
        """One document per translation group: the default language's, if any."""
        default = Locale.get_default()
        in_default = PolicyDocumentPage.objects.filter(
            translation_key=OuterRef("translation_key"), locale=default
        )
        return self.exclude(~Q(locale=default) & Exists(in_default))


class PolicyDocumentManager(PageManager.from_queryset(PolicyDocumentQuerySet)):
    pass


class PolicyDocumentPage(DisclosureItemPage):  # noqa: DJ008 (Page has it)
    """A 政策文件: a disclosure item with a type, a drafting department, a lifecycle."""

    document_type = models.CharField(
        _("document type"),
        max_length=16,
        choices=PolicyDocumentType.choices,
        default=PolicyDocumentType.NORMATIVE,
        db_index=True,
        help_text=_("The kind of document the annual report counts."),
    )
    drafting_organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("drafting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The department that drafted the document and interprets it. "
            "Leave blank when it is the publishing organisation."
        ),
    )
    interpretation_required = models.BooleanField(
        _("interpretation required"),
        null=True,
        blank=True,
        choices=[
            (None, _("As the document type requires")),
            (True, _("Required")),
            (False, _("Not required")),
        ],
        help_text=_(
            "Whether the document must be published with an interpretation. "
            "By default government rules and normative documents must."
        ),
    )
    amended_date = models.DateField(_("date amended"), null=True, blank=True)
    repeal_date = models.DateField(
        _("date repealed"), null=True, blank=True, db_index=True
    )
    repealed_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("repealed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The decision or document that repealed this one."),
    )
    repeal_basis = models.CharField(
        _("basis of repeal"),
        max_length=255,
        blank=True,
        help_text=_(
            "The repealing decision, for example its document number, when it is "
            "not published on this website."
        ),
    )

    objects = PolicyDocumentManager()

    base_form_class = PolicyDocumentForm

    exclude_fields_in_copy = [
        *DisclosureItemPage.exclude_fields_in_copy,
        "validity",
        "replaced_by",
        "amended_date",
        "repeal_date",
        "repealed_by",
        "repeal_basis",
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("index_number", read_only=True),
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("genre")]),
                # Plain selects: the form narrows them to the editor's organisations.
                FieldRowPanel(
                    [
                        FieldPanel("organization", widget=forms.Select),
                        FieldPanel("drafting_organization", widget=forms.Select),
                    ]
                ),
                FieldRowPanel([FieldPanel("category"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("keywords")]),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
                FieldPanel("interpretation_required"),
            ],
            heading=_("Metadata"),
        ),
        MultiFieldPanel(DisclosureItemPage.disclosure_panels, heading=_("Disclosure")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("effective_date"), FieldPanel("expiry_date")]
                ),
                LifecyclePanel(),
            ],
            heading=_("Validity"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel("related_links", label=_("Related items")),
    ]

    search_fields = [
        *DisclosureItemPage.search_fields,
        index.FilterField("document_type"),
        index.FilterField("drafting_organization"),
        index.FilterField("repeal_date"),
    ]

    api_fields = [
        *DisclosureItemPage.api_fields,
        APIField("document_type"),
        APIField("drafting_organization_info"),
        APIField("current_validity"),
        APIField("amended_date"),
        APIField("repeal_date"),
        APIField("repealed_by"),
        APIField("repeal_basis"),
    ]

    translatable_fields = [
        *DisclosureItemPage.translatable_fields,
        SynchronizedField("document_type"),
        SynchronizedField("drafting_organization"),
        SynchronizedField("interpretation_required"),
        SynchronizedField("amended_date"),
        SynchronizedField("repeal_date"),
        SynchronizedField("repealed_by"),
        SynchronizedField("repeal_basis"),
    ]

    parent_page_types = [
        "govopen_directory.DisclosureDirectoryPage",
        "govopen_policies.PolicyListPage",
    ]
    subpage_types = []

    template = "govopen/policies/policy_document_page.html"

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        permissions = [
            (
                "view_compliance_policydocumentpage",
                "Can view the interpretation compliance report",
            ),
        ]
        indexes = [
            models.Index(
                fields=["document_type", "repeal_date"],
                name="govopen_pol_type_repeal",
            ),
        ]

    # Saving -----------------------------------------------------------------
    def clean(self):
        if not self.drafting_organization_id and self.organization_id:
            self.drafting_organization_id = self.organization_id
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self.lifecycle_errors())
        if errors:
            raise ValidationError(errors)

    def lifecycle_errors(self):
        """What is inconsistent in the recorded lifecycle (for imports and code)."""
        errors = {}
        if self.validity == Validity.AMENDED and not self.replaced_by_id:
            errors["replaced_by"] = _("An amended document needs its new version.")
        if self.validity == Validity.REPEALED:
            if not self.repeal_date:
                errors["repeal_date"] = _("A repealed document needs its repeal date.")
            if not (self.repealed_by_id or self.repeal_basis):
                errors["repeal_basis"] = _(
                    "Give the repealing document or the basis of the repeal."
                )
        if self.validity != Validity.REPEALED and (
            self.repeal_date or self.repealed_by_id or self.repeal_basis
        ):
            errors["repeal_date"] = _("Only a repealed document has a repeal date.")
        if self.validity != Validity.AMENDED and self.amended_date:
            errors["amended_date"] = _(
                "Only an amended document has an amendment date."
            )
        if self.repealed_by_id and self.repealed_by_id == self.pk:
            errors["repealed_by"] = _("A document cannot repeal itself.")
        if (
            self.repeal_date
            and self.publish_date
            and self.repeal_date < self.publish_date
        ):
            errors["repeal_date"] = _(
                "A document cannot be repealed before it was published."
            )
        return errors

    def save(self, *args, **kwargs):
        if self._state.adding and self.translation_key:
            self._adopt_translation_lifecycle()
        return super().save(*args, **kwargs)

    def _adopt_translation_lifecycle(self):
        """A new translation is in the state its source is in (copies leave it out)."""
        source = (
            PolicyDocumentPage.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .order_by("pk")
            .first()
        )
        if source is not None:
            for name in LIFECYCLE_FIELDS:
                setattr(self, name, getattr(source, name))

    def with_content_json(self, content):
        """Revisions show the lifecycle as recorded now, not as it was then."""
        obj = super().with_content_json(content)
        for name in LIFECYCLE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    # Reading ------------------------------------------------------------------
    def validity_on(self, day):
        """The :class:`Validity` of this document on ``day``, from its repeal,
        amendment and expiry dates (``current_validity`` and ``is_superseded``
        come from the directory item and use this)."""
        return lifecycle.validity_on(self, day)

    @property
    def needs_interpretation(self):
        """Whether an interpretation must be published with this document."""
        if self.interpretation_required is not None:
            return self.interpretation_required
        return self.document_type in required_types()

    @property
    def responsible_organization(self):
        """The department that drafted the document and answers for it."""
        return self.drafting_organization or self.organization

    @property
    def drafting_organization_info(self):
        return self._info(self.drafting_organization)

    def get_replacement(self):
        """The live version (in this language if translated) that replaced this one."""
        return self.replacement_page

    def get_repealing_document(self):
        """The live document (in this language if translated) that repealed this one."""
        return self.repealing_page

    @cached_property
    def replacement_page(self):
        if not self.replaced_by_id:
            return None
        return _localized_live(self.replaced_by)

    @cached_property
    def repealing_page(self):
        if not self.repealed_by_id:
            return None
        return _localized_live(self.repealed_by)

    def get_interpretations(self):
        """Live, public interpretations of this document, newest first."""
        from .interpretations import live_interpretations

        return live_interpretations([self.translation_key], self.locale_id)

    def get_context(self, request, *args, **kwargs):
        from .interpretations import group_interpretations

        context = super().get_context(request, *args, **kwargs)
        context["interpretation_groups"] = group_interpretations(
            self.get_interpretations()
        )
        context["history"] = self.get_history()
        context["current_version"] = self.get_current_version()
        context["previous_versions"] = self.get_previous_versions()
        context["repealing_document"] = self.get_repealing_document()
        return context

    def get_current_version(self):
        """The newest version reached through "replaced by" links, or ``None``.

        ``None`` when this is the current version or the chain is broken by
        an unpublished or deleted document.
        """
        if self.validity != Validity.AMENDED or not self.replaced_by_id:
            return None
        seen = {self.pk}
        page = self
        for _step in range(MAX_VERSIONS):
            target_id = getattr(page, "replaced_by_id", None)
            if not target_id or target_id in seen:
                break
            seen.add(target_id)
            target = (
                DisclosureItemPage.objects.filter(pk=target_id)
                .select_related("replaced_by")
                .first()
            )
            if target is None:
                break
            page = target
            if page.validity != Validity.AMENDED:
                break
        if page.pk == self.replaced_by_id:
            return None
        return _localized_live(page)

    def get_previous_versions(self):
        """Live documents this one replaced (marked 已修订 with a link here)."""
        keys = PolicyDocumentPage.objects.filter(
            translation_key=self.translation_key
        ).values("pk")
        found = (
            PolicyDocumentPage.objects.live()
            .public()
            .filter(replaced_by__in=keys, validity=Validity.AMENDED)
            .order_by("-publish_date", "-pk")
        )
        return _prefer_locale(found, self.locale_id)

    def get_history(self, day=None):
        """The dated events of the document's life, oldest first, for its page."""
        from ..history import policy_history

        return policy_history(self, day or timezone.localdate())

    # Lifecycle actions --------------------------------------------------------
    def _check_live(self):
        if not self.live:
            raise ValidationError(
                _("Only a published document can change its validity.")
            )

    def _check_valid(self):
        if self.validity != Validity.VALID:
            raise ValidationError(
                _("The document is already marked “%(validity)s”.")
                % {"validity": self.get_validity_display()}
            )

    def amend(self, replacement, *, on=None, user=None):
        """Mark this document 已修订, replaced by ``replacement`` from ``on``.

        ``on`` defaults to the day the new version takes effect, else the day
        it was published. Raises ``ValidationError`` when the step is not allowed.
        """
        self._check_live()
        self._check_valid()
        replacement = replacement.specific if replacement is not None else None
        if not isinstance(replacement, PolicyDocumentPage):
            raise ValidationError(
                {"replacement": _("Choose the policy document that replaces this one.")}
            )
        if replacement.translation_key == self.translation_key:
            raise ValidationError(
                {"replacement": _("A document cannot replace itself.")}
            )
        if not replacement.live:
            raise ValidationError({"replacement": _("Publish the new version first.")})
        if self._replacement_leads_back(replacement):
            raise ValidationError(
                {"replacement": _("That document is an earlier version of this one.")}
            )
        on = on or replacement.effective_date or replacement.publish_date
        on = on or timezone.localdate()
        if self.publish_date and on < self.publish_date:
            raise ValidationError(
                {"on": _("A document cannot be amended before it was published.")}
            )
        self._record(
            "govopen_policies.amend",
            user,
            {
                "validity": Validity.AMENDED,
                "replaced_by_id": replacement.pk,
                "amended_date": on,
            },
            {
                "date": on.isoformat(),
                "replacement": {"id": replacement.pk, "title": replacement.title},
            },
        )

    def repeal(self, *, on, repealing_document=None, basis="", user=None):
        """Mark this document 废止 from ``on``, by a document on the site or a basis."""
        self._check_live()
        self._check_valid()
        basis = (basis or "").strip()
        if repealing_document is not None:
            repealing_document = repealing_document.specific
            if not isinstance(repealing_document, DisclosureItemPage):
                raise ValidationError(
                    {"repealing_document": _("Choose a published document.")}
                )
            if repealing_document.translation_key == self.translation_key:
                raise ValidationError(
                    {"repealing_document": _("A document cannot repeal itself.")}
                )
            if not repealing_document.live:
                raise ValidationError(
                    {"repealing_document": _("Publish the repealing document first.")}
                )
        elif not basis:
            raise ValidationError(
                {"basis": _("Give the repealing document or the basis of the repeal.")}
            )
        if on is None:
            raise ValidationError({"on": _("Give the date of the repeal.")})
        if self.publish_date and on < self.publish_date:
            raise ValidationError(
                {"on": _("A document cannot be repealed before it was published.")}
            )
        self._record(
            "govopen_policies.repeal",
            user,
            {
                "validity": Validity.REPEALED,
                "repeal_date": on,
                "repealed_by_id": repealing_document.pk if repealing_document else None,
                "repeal_basis": basis,
            },
            {
                "date": on.isoformat(),
                "repealing_document": (
                    {"id": repealing_document.pk, "title": repealing_document.title}
                    if repealing_document
                    else None
                ),
                "basis": basis,
            },
        )

    def reinstate(self, *, reason, user=None):
        """Undo a recorded amendment or repeal that was entered by mistake."""
        self._check_live()
        reason = (reason or "").strip()
        if self.validity == Validity.VALID:
            raise ValidationError(_("The document is already marked valid."))
        if not reason:
            raise ValidationError({"reason": _("Say why the record is corrected.")})
        self._record(
            "govopen_policies.reinstate",
            user,
            {
                "validity": Validity.VALID,
                "replaced_by_id": None,
                "amended_date": None,
                "repeal_date": None,
                "repealed_by_id": None,
                "repeal_basis": "",
            },
            {"from": self.validity, "reason": reason},
        )

    def _replacement_leads_back(self, replacement):
        keys = set(
            PolicyDocumentPage.objects.filter(
                translation_key=self.translation_key
            ).values_list("pk", flat=True)
        )
        page = replacement
        for _step in range(MAX_VERSIONS):
            target_id = getattr(page, "replaced_by_id", None)
            if not target_id:
                return False
            if target_id in keys:
                return True
            page = DisclosureItemPage.objects.filter(pk=target_id).first()
            if page is None:
                return False
        return False

    def _record(self, action, user, changes, data):
        """Write ``changes`` to every translation of the document and log ``action``.

        The lifecycle fields are written to the live rows only: revisions
        read them back from there (:meth:`with_content_json`), so a draft in
        progress keeps its content and cannot undo the change when published.
        """
        previous = self.validity
        with transaction.atomic():
            group = PolicyDocumentPage.objects.filter(
                translation_key=self.translation_key
            )
            group.update(**changes)
            for name, value in changes.items():
                setattr(self, name, value)
            for name in ("current_validity", "replacement_page", "repealing_page"):
                self.__dict__.pop(name, None)
            log(
                instance=self,
                action=action,
                user=user,
                data={**data, "previous": previous},
            )
        for page in group:
            _reindex_and_purge(page)


def _localized_live(page):
    """``page`` in the active language when that is live, else ``page`` if live."""
    if page is None:
        return None
    localized = page.localized
    if localized.live:
        return localized.specific
    return page.specific if page.live else None


def _prefer_locale(pages, locale_id):
    """One page per translation group, in ``locale_id`` when there is one."""
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale_id == locale_id and current.locale_id != locale_id
        ):
            chosen[page.translation_key] = page
    order = {key: index for index, key in enumerate(chosen)}
    return sorted(chosen.values(), key=lambda page: order[page.translation_key])


def _reindex_and_purge(page):
    """The search index filters on validity; a CDN may hold the old page."""
    from django.apps import apps

    index.insert_or_update_object(page)
    if apps.is_installed("wagtail.contrib.frontend_cache"):
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        purge_page_from_cache(page)
