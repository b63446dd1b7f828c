"""Entries of the negative list and the record of their reviews.

An entry is part of its :class:`~govopen.negative_list.models.NegativeListPage`
(a ``ParentalKey`` child), so editing its wording goes through the page's
revisions, previews, workflow and translations. Its review state (status,
dates of change and of review) is not edited: it is written only by the review
actions below, each of which records a :class:`NegativeListEntryChange` and a
line in Wagtail's log. A page revision carries a copy of that state, so
:meth:`NegativeListEntry.save` always takes it from the database: publishing an
old revision can never undo a recorded decision.
"""

import datetime

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.log_actions import log
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from govopen.core import calendar
from govopen.core.enums import (
    NON_DISCLOSURE_GROUNDS,
    REASON_ARTICLES,
    NegativeListStatus,
    ReplyReason,
)
from govopen.core.permissions import filter_by_organization

from ..panels import ReviewStatePanel
from ..review import next_review_date

__all__ = [
    "GROUND_CHOICES",
    "TRANSITIONS",
    "NegativeListEntry",
    "NegativeListEntryChange",
    "NegativeListEntryQuerySet",
    "citation_relation",
]


# The non-disclosure grounds with the article each rests on, e.g.
# "属于国家秘密（第十四条）": what the editor chooses from and the public reads.
def _ground_with_article(ground):
    return gettext("%(ground)s (%(article)s)") % {
        "ground": ground.label,
        "article": REASON_ARTICLES[ground],
    }


GROUND_CHOICES = [
    (ground.value, lazy(_ground_with_article, str)(ground))
    for ground in NON_DISCLOSURE_GROUNDS
]

# Where a review may move an entry: always toward disclosure (DOMAIN.md §4).
TRANSITIONS = {
    NegativeListStatus.LISTED: (
        NegativeListStatus.ON_REQUEST,
        NegativeListStatus.PROACTIVE,
        NegativeListStatus.REMOVED,
    ),
    NegativeListStatus.ON_REQUEST: (NegativeListStatus.PROACTIVE,),
    NegativeListStatus.PROACTIVE: (),
    NegativeListStatus.REMOVED: (),
}

# The fields only the review actions write; see the module docstring.
REVIEW_STATE_FIELDS = ("status", "status_changed_on", "last_reviewed_on")


def citation_relation():
    """The reverse relation ``citing_replies`` of application replies, or None.

    ``govopen.applications`` adds a foreign key from its replies to
    :class:`NegativeListEntry` with ``related_name="citing_replies"``; without
    that app installed the negative list works alone and counts nothing.
    Returns ``(reply_model, foreign_key_name, date_field_name)``.
    """
    try:
        relation = NegativeListEntry._meta.get_field("citing_replies")
    except FieldDoesNotExist:
        return None
    model = relation.related_model
    return model, relation.field.name, citation_date_field(model)


def citation_date_field(model):
    """The date field that places a reply in a year.

    The reply model may name it in ``negative_list_citation_date_field`` or in
    Django's ``Meta.get_latest_by``; otherwise ``replied_on``, the reply date of
    ``govopen.applications``, if the model has it. ``None`` means "count every
    reply, whatever its date".
    """
    name = getattr(model, "negative_list_citation_date_field", None)
    if name is None and isinstance(model._meta.get_latest_by, str):
        name = model._meta.get_latest_by.lstrip("-")
    if name is None:
        try:
            model._meta.get_field("replied_on")
        except FieldDoesNotExist:
            return None
        name = "replied_on"
    return name


class NegativeListEntryQuerySet(models.QuerySet):
    def listed(self):
        """Entries currently on the list (在列)."""
        return self.filter(status=NegativeListStatus.LISTED)

    def due_for_review(self, on=None, within_days=0):
        """Listed entries whose review falls on or before ``on + within_days``."""
        on = on or calendar.today()
        return self.listed().filter(
            next_review_on__lte=on + datetime.timedelta(days=within_days)
        )

    def overdue(self, on=None):
        """Listed entries whose review date has passed."""
        on = on or calendar.today()
        return self.listed().filter(next_review_on__lt=on)

    def citable(self):
        """Entries a reply may cite: on the list, of a published list, once each."""
        return self.listed().filter(page__live=True).originals()

    def for_user(self, user):
        """The entries of the organisations ``user`` works for."""
        return filter_by_organization(self, user)

    def originals(self):
        """One entry per translation group: the default language's, if it has one.

        The review actions act on a whole group, so lists of work show each
        entry once.
        """
        default = Locale.get_default()
        in_default = NegativeListEntry.objects.filter(
            translation_key=OuterRef("translation_key"), locale=default
        )
        return self.exclude(~Q(locale=default) & models.Exists(in_default))

    def with_citation_counts(self, year=None):
        """Annotate ``citation_count``: replies citing the entry in ``year``.

        Replies may cite any translation of an entry; all count. Zero when
        ``govopen.applications`` is not installed.
        """
        relation = citation_relation()
        if relation is None:
            return self.annotate(citation_count=models.Value(0))
        model, fk_name, date_field = relation
        replies = model._default_manager.filter(
            **{f"{fk_name}__translation_key": OuterRef("translation_key")}
        )
        if date_field:
            replies = replies.filter(
                **{f"{date_field}__year": year or calendar.today().year}
            )
        counts = (
            replies.order_by()
            .values(f"{fk_name}__translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            citation_count=Coalesce(
                Subquery(counts, output_field=models.IntegerField()), 0
            )
        )


class NegativeListEntry(TranslatableMixin, Orderable):
    """One item of the negative list: information the organisation does not disclose.

    Editors write the wording; the review actions (:meth:`mark_reviewed`,
    :meth:`move_to_on_request`, :meth:`move_to_proactive`, :meth:`remove`)
    change the state, each with its date, reason and author. After each one
    commits, the functions of the ``govopen_negative_list_entry_changed`` hook
    are called with ``(entry, change)`` (the default one purges the CDN).
    """

    page = ParentalKey(
        "govopen_negative_list.NegativeListPage",
        on_delete=models.CASCADE,
        related_name="entries",
    )
    number = models.PositiveIntegerField(
        _("number"),
        help_text=_(
            "The entry's number (序号) in the list. It stays with the entry when "
            "the entry leaves the list."
        ),
    )
    category = models.CharField(
        _("category"),
        max_length=100,
        help_text=_(
            "The category of information (信息事项类别); the public list is "
            "grouped by it."
        ),
    )
    content = models.TextField(
        _("information"),
        help_text=_("What information is not disclosed (信息事项内容)."),
    )
    ground = models.CharField(
        _("ground for non-disclosure"),
        max_length=32,
        choices=GROUND_CHOICES,
        help_text=_("The statutory ground, with the article it rests on."),
    )
    # An entry is its ground and basis: required even in a draft (Wagtail lets
    # drafts leave other text fields blank).
    ground.required_on_save = True
    legal_basis = models.TextField(
        _("legal or policy basis"),
        help_text=_(
            "The exact provision cited, e.g. 《中华人民共和国保守国家秘密法》第十三条."
        ),
    )
    legal_basis.required_on_save = True
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="negative_list_entries",
    )
    listed_on = models.DateField(_("date listed"), default=calendar.today)

    # The review state: written by the review actions only.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NegativeListStatus.choices,
        default=NegativeListStatus.LISTED,
        editable=False,
    )
    status_changed_on = models.DateField(
        _("date of status change"), null=True, blank=True, editable=False
    )
    last_reviewed_on = models.DateField(
        _("date last reviewed"), null=True, blank=True, editable=False
    )
    next_review_on = models.DateField(
        _("next review date"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Computed from the last review (or the listing) and the interval."),
    )

    objects = NegativeListEntryQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("listed_on")]),
        FieldPanel("category"),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("ground"), FieldPanel("organization")]),
        FieldPanel("legal_basis"),
        ReviewStatePanel(heading=_("Review")),
    ]

    # Codes, numbers and dates are the same in every language; the review
    # state is shared by the whole translation group (the actions write it).
    translatable_fields = [
        TranslatableField("category"),
        TranslatableField("content"),
        TranslatableField("legal_basis"),
        TranslatableField("organization"),
        SynchronizedField("number"),
        SynchronizedField("ground"),
        SynchronizedField("listed_on"),
        SynchronizedField("status"),
        SynchronizedField("status_changed_on"),
        SynchronizedField("last_reviewed_on"),
        SynchronizedField("next_review_on"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("negative list entry")
        verbose_name_plural = _("negative list entries")
        ordering = ["sort_order"]
        permissions = [
            ("review_negativelistentry", "Can review negative list entries"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ground__in=[g.value for g in NON_DISCLOSURE_GROUNDS]),
                name="govopen_negative_list_entry_ground",
            ),
            models.CheckConstraint(
                condition=~Q(legal_basis=""),
                name="govopen_negative_list_entry_basis",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NegativeListStatus.values),
                name="govopen_negative_list_entry_status",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.category}: {self.content[:40]}"

    def clean(self):
        super().clean()
        errors = {}
        self.legal_basis = (self.legal_basis or "").strip()
        self.category = (self.category or "").strip()
        # Whitespace passes the field's own "required" check: refuse it here.
        if not self.legal_basis:
            errors["legal_basis"] = _(
                "Cite the exact legal or policy basis: an entry without one "
                "cannot be listed."
            )
        if self.ground and self.ground not in NON_DISCLOSURE_GROUNDS:
            errors["ground"] = _("Choose one of the grounds for non-disclosure.")
        if self.listed_on and self.listed_on > calendar.today():
            errors["listed_on"] = _("The date listed cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    # Display ----------------------------------------------------------------

    @property
    def is_listed(self):
        return self.status == NegativeListStatus.LISTED

    @property
    def article(self):
        """The article of the regulation the ground rests on, e.g. 第十四条."""
        return REASON_ARTICLES.get(self.ground, "")

    @property
    def ground_label(self):
        """The ground's name, without its article."""
        return ReplyReason(self.ground).label if self.ground else ""

    @property
    def review_base_date(self):
        """The date the review interval runs from: the last review, or the listing."""
        return self.last_reviewed_on or self.listed_on

    def compute_next_review_on(self):
        """The next review date; ``None`` once the entry has left the list."""
        if self.status != NegativeListStatus.LISTED or self.review_base_date is None:
            return None
        return next_review_date(self.review_base_date)

    def is_overdue(self, on=None):
        on = on or calendar.today()
        return (
            self.is_listed
            and self.next_review_on is not None
            and self.next_review_on < on
        )

    def allowed_statuses(self):
        """The statuses a review may move this entry to."""
        return TRANSITIONS[NegativeListStatus(self.status)]

    def citations_this_year(self, year=None):
        """How many application replies cited this entry in ``year``.

        Replies citing any translation of the entry count.
        """
        annotated = getattr(self, "citation_count", None)
        if annotated is not None and year is None:
            return annotated
        relation = citation_relation()
        if relation is None or self.pk is None:
            return 0
        model, fk_name, date_field = relation
        replies = model._default_manager.filter(
            **{f"{fk_name}__translation_key": self.translation_key}
        )
        if date_field:
            replies = replies.filter(
                **{f"{date_field}__year": year or calendar.today().year}
            )
        return replies.count()

    # Persistence ------------------------------------------------------------

    def save(self, *args, **kwargs):
        # The review state belongs to the translation group and to the
        # actions: take it from the database, whatever this copy (a revision
        # being published, a translation being created) carries.
        current = None
        if self.pk is not None:
            current = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values(*REVIEW_STATE_FIELDS)
                .first()
            )
        if current is None and self.translation_key is not None:
            current = (
                type(self)
                ._default_manager.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .values(*REVIEW_STATE_FIELDS)
                .first()
            )
        if current is not None:
            for name, value in current.items():
                setattr(self, name, value)
        self.next_review_on = self.compute_next_review_on()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "next_review_on" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "next_review_on"]
        super().save(*args, **kwargs)

    # Review actions ---------------------------------------------------------

    def mark_reviewed(self, user, reason, on=None):
        """Record a review that keeps the entry on the list unchanged.

        The next review date is computed from ``on`` (default today).
        """
        return self._act(user, NegativeListStatus.LISTED, reason, on)

    def move_to_on_request(self, user, reason, on=None):
        """调整为依申请公开: the information is now given to those who ask."""
        return self._act(user, NegativeListStatus.ON_REQUEST, reason, on)

    def move_to_proactive(self, user, reason, on=None):
        """调整为主动公开: the information is now published proactively."""
        return self._act(user, NegativeListStatus.PROACTIVE, reason, on)

    def remove(self, user, reason, on=None):
        """移出: the entry leaves the list (e.g. its basis was repealed)."""
        return self._act(user, NegativeListStatus.REMOVED, reason, on)

    def adjust(self, user, to_status, reason, on=None):
        """Move the entry to ``to_status`` through the action for that status."""
        actions = {
            NegativeListStatus.ON_REQUEST: self.move_to_on_request,
            NegativeListStatus.PROACTIVE: self.move_to_proactive,
            NegativeListStatus.REMOVED: self.remove,
        }
        action = actions.get(to_status)
        if action is None:
            raise ValidationError(
                {
                    "to_status": _(
                        "An entry cannot be moved back onto the list; add a new "
                        "entry instead."
                    )
                }
            )
        return action(user, reason, on)

    # Never called from templates or spreadsheet exports.
    mark_reviewed.alters_data = True
    move_to_on_request.alters_data = True
    move_to_proactive.alters_data = True
    remove.alters_data = True
    adjust.alters_data = True

    def check_action(self, to_status, reason, on):
        """Raise ``ValidationError`` unless the action may be recorded now.

        ``to_status`` equal to the current "listed" status means a review that
        changes nothing.
        """
        errors = {}
        if to_status == NegativeListStatus.LISTED:
            if self.status != NegativeListStatus.LISTED:
                errors["to_status"] = _(
                    "Only entries on the list are reviewed; this one has left it."
                )
        elif to_status not in self.allowed_statuses():
            errors["to_status"] = _(
                "An entry that is “%(from)s” cannot become “%(to)s”."
            ) % {
                "from": self.get_status_display(),
                "to": NegativeListStatus(to_status).label,
            }
        if not (reason or "").strip():
            errors["reason"] = _("Give the reason: it is kept with the decision.")
        if on > calendar.today():
            errors["date"] = _("The date cannot be in the future.")
        elif on < self.listed_on or (
            self.last_reviewed_on is not None and on < self.last_reviewed_on
        ):
            errors["date"] = _(
                "The date cannot be before the entry was listed or last reviewed."
            )
        if errors:
            raise ValidationError(errors)

    def _act(self, user, to_status, reason, on):
        on = on or calendar.today()
        with transaction.atomic():
            # Read the state under a lock: two reviewers acting at once must
            # not both record a change from the same status.
            state = (
                type(self)
                ._default_manager.select_for_update()
                .filter(pk=self.pk)
                .values(*REVIEW_STATE_FIELDS, "listed_on")
                .get()
            )
            for name, value in state.items():
                setattr(self, name, value)
            self.check_action(to_status, reason, on)
            from_status = self.status
            new_state = {
                "status": to_status,
                "last_reviewed_on": on,
                "next_review_on": next_review_date(on)
                if to_status == NegativeListStatus.LISTED
                else None,
            }
            if to_status != from_status:
                new_state["status_changed_on"] = on
            # Every translation of the entry shares its state.
            type(self)._default_manager.filter(
                translation_key=self.translation_key
            ).update(**new_state)
            for name, value in new_state.items():
                setattr(self, name, value)
            user = user if user is not None and user.is_authenticated else None
            change = NegativeListEntryChange.objects.create(
                entry=self,
                locale_id=self.locale_id,
                kind=NegativeListEntryChange.Kind.REVIEWED
                if to_status == from_status
                else NegativeListEntryChange.Kind.ADJUSTED,
                date=on,
                from_status=from_status,
                to_status=to_status,
                reason=reason.strip(),
                user=user,
            )
            log(
                self.page,
                "govopen_negative_list.review"
                if change.kind == NegativeListEntryChange.Kind.REVIEWED
                else "govopen_negative_list.adjust",
                user=user,
                data={
                    "entry": {
                        "id": self.pk,
                        "number": self.number,
                        "category": self.category,
                    },
                    "from": from_status,
                    "to": to_status,
                    "date": on.isoformat(),
                    "reason": change.reason,
                },
            )
            transaction.on_commit(lambda: self._run_changed_hooks(change), robust=True)
        return change

    def _run_changed_hooks(self, change):
        for fn in hooks.get_hooks("govopen_negative_list_entry_changed"):
            fn(self, change)


class NegativeListEntryChange(TranslatableMixin, models.Model):
    """One review decision on an entry: who, when, from what to what, and why.

    Changes of status are published in the list's 调整记录; reviews that keep an
    entry unchanged are shown to staff. Rows are never edited or deleted by the
    admin: they are the record.
    """

    class Kind(models.TextChoices):
        REVIEWED = "reviewed", _("Reviewed, unchanged")
        ADJUSTED = "adjusted", _("Adjusted")

    entry = models.ForeignKey(
        NegativeListEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    from_status = models.CharField(
        _("from"), max_length=16, choices=NegativeListStatus.choices
    )
    to_status = models.CharField(
        _("to"), max_length=16, choices=NegativeListStatus.choices
    )
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    translatable_fields = [
        TranslatableField("reason"),
        TranslatableField("entry"),
        SynchronizedField("kind"),
        SynchronizedField("date"),
        SynchronizedField("from_status"),
        SynchronizedField("to_status"),
        SynchronizedField("user"),
        SynchronizedField("recorded_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("negative list change")
        verbose_name_plural = _("negative list changes")
        ordering = ["date", "recorded_at", "pk"]

    def __str__(self):
        return (
            f"{self.date.isoformat()} {self.entry_id}: "
            f"{self.from_status} → {self.to_status}"
        )

    @property
    def is_adjustment(self):
        return self.kind == self.Kind.ADJUSTED
