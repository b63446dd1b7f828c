"""A citizen's question and its handling: one method per transition.

提交 → 受理 (or 不予受理, with a reason the asker is told) → 转办 to an
organisation (reassignable; every hop is an event) → 答复 by that
organisation → 审核 by the office (``GOVOPEN_QA_REVIEW``) → 公开 when the
asker consented and the office approves. The reply is due
``GOVOPEN_QA_REPLY_DAYS`` working days after 受理.

Each action checks its precondition and the user's organisation, appends a
:class:`QuestionEvent`, updates the state columns and writes Wagtail's log.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from wagtail.log_actions import log
from wagtail.search import index

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.enums import SatisfactionRating
from govopen.core.masks import mask_name
from govopen.core.permissions import user_can_access_organization
from govopen.core.query_codes import (
    check_query_code,
    dummy_check,
    generate_query_code,
    hash_query_code,
)

from ..choices import (
    ANSWERED_STATUSES,
    OPEN_STATUSES,
    PUBLIC_EVENTS,
    EventKind,
    QuestionStatus,
)
from ..masking import mask_personal_data

LOG_PREFIX = "govopen_qa"


class ActionNotAllowed(Exception):
    """The action is not allowed now; ``message`` says why, for people."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


S = QuestionStatus
# Action → (label, statuses it is allowed in, who: "office" or "department").
ACTIONS = {
    "accept": (_("Accept"), (S.SUBMITTED,), "office"),
    "refuse": (_("Do not accept"), (S.SUBMITTED,), "office"),
    "assign": (_("Assign to a department"), (S.ACCEPTED, S.ASSIGNED), "office"),
    "reply": (_("Reply"), (S.ASSIGNED,), "department"),
    "approve": (_("Approve the reply"), (S.REPLIED,), "office"),
    "return_reply": (_("Return the reply for revision"), (S.REPLIED,), "office"),
    "publish": (_("Publish"), (S.ANSWERED,), "office"),
    "unpublish": (_("Withdraw from publication"), (S.PUBLISHED,), "office"),
}


def canonical_organization(organization):
    """The default-locale row of an organisation: questions point there."""
    return None if organization is None else organization.get_canonical()


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionStatus.PUBLISHED)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_by(self, last_day):
        return self.open().filter(due_date__lte=last_day)


class QuestionManager(models.Manager.from_queryset(QuestionQuerySet)):
    @sensitive_variables("data", "query_code")
    def create_question(self, *, data, page=None, office=None, number=None, on=None):
        """Create a question from the ask form's cleaned ``data``.

        Returns ``(question, query_code)``; the 查询码 exists in clear only here.
        ``number`` is for imports of questions that already have one.
        """
        query_code = generate_query_code()
        now = timezone.now()
        with transaction.atomic():
            question = self.model(
                page=page,
                office=canonical_organization(
                    office or (page.organization if page else None)
                ),
                name=data["name"],
                phone=data.get("phone", ""),
                email=data.get("email", "") or "",
                subject=data["subject"],
                question=data["question"],
                category=data.get("category"),
                requested_organization=canonical_organization(data.get("organization")),
                consent_to_publish=bool(data.get("consent_to_publish")),
                query_code_hash=hash_query_code(query_code),
                submitted_at=now,
                submitted_on=on or timezone.localdate(now),
                language=data.get("language", "") or settings.LANGUAGE_CODE,
                number=number or "",
            )
            question.save()
            if not question.number:
                question.number = question.default_number()
                question.save(update_fields=["number"])
            QuestionEvent = question.events.model
            QuestionEvent.objects.create(
                question=question,
                kind=EventKind.SUBMITTED,
                date=question.submitted_on,
                public=True,
            )
        return question, query_code


class Question(index.Indexed, models.Model):
    """A citizen's question (咨询) and the current result of its handling."""

    page = models.ForeignKey(
        "govopen_qa.QAPage",
        verbose_name=_("Q&A page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    number = models.CharField(_("number"), max_length=32, unique=True, blank=True)
    query_code_hash = models.CharField(_("query code (hashed)"), max_length=255)
    office = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The office that runs the mailbox: it accepts and reviews."),
    )

    # The asker: never shown publicly except the masked name.
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)

    subject = models.CharField(_("subject"), max_length=100)
    question = models.TextField(_("question"))
    category = models.ForeignKey(
        "govopen_qa.QuestionCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("department chosen by the asker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_to_publish = models.BooleanField(_("asker consents to publication"))

    # Handling state
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.SUBMITTED,
        db_index=True,
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="qa_questions",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_on = models.DateField(_("date submitted"), db_index=True)
    accepted_on = models.DateField(_("date accepted"), null=True, blank=True)
    due_date = models.DateField(_("reply due"), null=True, blank=True, db_index=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    reply = models.TextField(_("reply"), blank=True)
    reply_organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("replying organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_on = models.DateField(_("date of reply"), null=True, blank=True)
    replied_late = models.BooleanField(_("replied late"), null=True, blank=True)

    # Publication: what the public sees, as the office approved it.
    published_subject = models.CharField(
        _("published subject"), max_length=100, blank=True
    )
    published_question = models.TextField(_("published question"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # Rating by the asker
    rating = models.CharField(
        _("rating"), max_length=20, choices=SatisfactionRating.choices, blank=True
    )
    rating_comment = models.TextField(_("comment on the reply"), blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionManager()

    search_fields = [
        index.SearchField("published_subject"),
        index.SearchField("published_question"),
        index.SearchField("reply"),
        index.FilterField("status"),
        index.FilterField("organization"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="govopen_qa_status_due"),
            models.Index(
                fields=["organization", "status"], name="govopen_qa_org_status"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        """The public page of a published question (empty otherwise)."""
        if self.status != QuestionStatus.PUBLISHED or self.page is None:
            return ""
        return self.page.url + self.page.reverse_subpage("detail", args=(self.number,))

    def default_number(self):
        """Override this (or pass ``number``) to number questions differently."""
        return f"ZX{self.submitted_on.year}{self.pk:06d}"

    # Display ---------------------------------------------------------------
    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def is_answered(self):
        return self.status in ANSWERED_STATUSES

    def proposed_masked_question(self):
        """The question text with phone, identity numbers and emails masked."""
        return mask_personal_data(self.question)

    def working_days_left(self, today=None, calendar=None):
        """Working days to the due date (negative: overdue), None if not running."""
        if self.status not in OPEN_STATUSES or self.due_date is None:
            return None
        return (calendar or get_calendar()).working_days_between(
            today or timezone.localdate(), self.due_date
        )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status in OPEN_STATUSES
            and self.due_date is not None
            and self.due_date < today
        )

    # 查询码 ----------------------------------------------------------------
    @sensitive_variables("code")
    def check_query_code(self, code):
        return check_query_code(code, self.query_code_hash)

    @classmethod
    @sensitive_variables("code")
    def find_by_number_and_code(cls, number, code):
        """The question with ``number`` if ``code`` is its 查询码, else None.

        An unknown number and a wrong code cost the same and look the same.
        """
        number = (number or "").strip().upper()
        question = cls.objects.filter(number__iexact=number).first() if number else None
        if question is None:
            dummy_check(code)
            return None
        return question if question.check_query_code(code) else None

    # Rating ----------------------------------------------------------------
    def rating_closes_on(self, calendar=None):
        """The last day the asker may rate the reply (None before a reply)."""
        if self.replied_on is None:
            return None
        return (calendar or get_calendar()).add_working_days(
            self.replied_on, get_setting("GOVOPEN_QA_RATING_DAYS")
        )

    def can_be_rated(self, today=None):
        closes = self.rating_closes_on()
        today = today or timezone.localdate()
        return (
            self.is_answered
            and not self.rating
            and closes is not None
            and today <= closes
        )

    def effective_rating(self, today=None):
        """The rating, or ``GOVOPEN_QA_DEFAULT_RATING`` once the period closed."""
        if self.rating:
            return self.rating
        closes = self.rating_closes_on()
        today = today or timezone.localdate()
        if self.is_answered and closes is not None and today > closes:
            return get_setting("GOVOPEN_QA_DEFAULT_RATING") or ""
        return ""

    def rate(self, rating, comment="", today=None):
        """The asker rates the reply (满意 / 基本满意 / 不满意), once."""
        with transaction.atomic():
            self._lock()
            if not self.can_be_rated(today):
                raise ActionNotAllowed(_("This reply can no longer be rated."))
            self.rating = SatisfactionRating(rating)
            self.rating_comment = comment or ""
            self.rated_at = timezone.now()
            self.save(update_fields=["rating", "rating_comment", "rated_at"])
            return self._record(
                EventKind.RATED, None, today, data={"rating": str(self.rating)}
            )

    # Handling: preconditions -----------------------------------------------
    def action_refusal(self, action, user=None):
        """Why ``action`` is not allowed now, or None when it is."""
        label, statuses, who = ACTIONS[action]
        if user is not None:
            if not user.has_perm("govopen_qa.change_question"):
                return _("You may not handle questions.")
            if who == "office" and not self.user_is_office(user):
                return _("Only the office that runs the mailbox may do this.")
            if who == "department" and not (
                self.user_is_office(user)
                or user_can_access_organization(user, self.organization)
            ):
                return _("This question is not assigned to your organisation.")
        if self.status not in statuses:
            return _(
                "“%(action)s” is not possible while the question is “%(status)s”."
            ) % {
                "action": label,
                "status": self.get_status_display(),
            }
        if action == "publish" and not self.consent_to_publish:
            return _("The asker did not consent to publication.")
        return None

    def user_is_office(self, user):
        if self.office_id is None:
            return bool(user.is_superuser)
        return user_can_access_organization(user, self.office)

    def allowed_actions(self, user=None):
        """``[(name, label)]`` of the actions allowed now."""
        return [
            (name, ACTIONS[name][0])
            for name in ACTIONS
            if self.action_refusal(name, user=user) is None
        ]

    def _lock(self):
        # Two members of staff acting at once must not both pass a check.
        if self.pk:
            type(self).objects.select_for_update().filter(pk=self.pk).exists()

    def _check(self, action, user):
        self._lock()
        self.refresh_from_db()
        refusal = self.action_refusal(action, user=user)
        if refusal is not None:
            raise ActionNotAllowed(refusal)

    def _record(self, kind, user, on, *, note="", organization=None, data=None):
        from .events import QuestionEvent

        on = on or timezone.localdate()
        event = QuestionEvent.objects.create(
            question=self,
            kind=kind,
            date=on,
            user=user if getattr(user, "pk", None) else None,
            organization=organization,
            note=note or "",
            public=kind in PUBLIC_EVENTS,
            data=data or {},
        )
        log(
            instance=self,
            action=f"{LOG_PREFIX}.{kind}",
            user=event.user,
            data={"event": event.pk, "date": on.isoformat(), **(data or {})},
        )
        from ..tasks import notify_asker

        notify_asker(event)
        return event

    @staticmethod
    def _check_date(on, not_before=None):
        if on > timezone.localdate():
            raise ActionNotAllowed(_("The date cannot be in the future."))
        if not_before is not None and on < not_before:
            raise ActionNotAllowed(
                _("The date cannot be before %(date)s.")
                % {"date": not_before.isoformat()}
            )

    # Handling: the actions -------------------------------------------------
    def accept(self, user, on=None, note=""):
        """受理: the reply is due N working days later."""
        on = on or timezone.localdate()
        with transaction.atomic():
            self._check("accept", user)
            self._check_date(on, self.submitted_on)
            self.status = QuestionStatus.ACCEPTED
            self.accepted_on = on
            self.due_date = get_calendar().add_working_days(
                on, get_setting("GOVOPEN_QA_REPLY_DAYS")
            )
            self.save()
            return self._record(EventKind.ACCEPTED, user, on, note=note)

    def refuse(self, user, reason, on=None, note=""):
        """不予受理, with a reason the asker is told."""
        on = on or timezone.localdate()
        if not (reason or "").strip():
            raise ActionNotAllowed(_("Give the reason the asker will be told."))
        with transaction.atomic():
            self._check("refuse", user)
            self._check_date(on, self.submitted_on)
            self.status = QuestionStatus.REFUSED
            self.refusal_reason = reason.strip()
            self.save()
            return self._record(EventKind.REFUSED, user, on, note=note)

    def assign(self, user, organization, on=None, note=""):
        """转办 to ``organization``; a reassignment is one more hop."""
        on = on or timezone.localdate()
        organization = canonical_organization(organization)
        with transaction.atomic():
            self._check("assign", user)
            if organization is None:
                raise ActionNotAllowed(_("Choose an organisation."))
            if organization.pk == self.organization_id:
                raise ActionNotAllowed(
                    _("The question is already assigned to this organisation.")
                )
            self._check_date(on, self.accepted_on)
            previous = self.organization
            self.status = QuestionStatus.ASSIGNED
            self.organization = organization
            self.save()
            return self._record(
                EventKind.ASSIGNED,
                user,
                on,
                note=note,
                organization=organization,
                data={"from": previous.pk if previous else None},
            )

    def reply_to(self, user, text, on=None, note=""):
        """答复 by the assigned organisation; reviewed unless GOVOPEN_QA_REVIEW is off.

        Returns the REPLIED event.
        """
        on = on or timezone.localdate()
        if not (text or "").strip():
            raise ActionNotAllowed(_("Write the reply."))
        with transaction.atomic():
            self._check("reply", user)
            self._check_date(on, self.accepted_on)
            self.reply = text.strip()
            self.reply_organization = self.organization
            if get_setting("GOVOPEN_QA_REVIEW"):
                self.status = QuestionStatus.REPLIED
                self.save()
                return self._record(
                    EventKind.REPLIED,
                    user,
                    on,
                    note=note,
                    organization=self.organization,
                )
            event = self._record(
                EventKind.REPLIED, user, on, note=note, organization=self.organization
            )
            self._answer(on)
            self._record(EventKind.APPROVED, user, on, data={"review": False})
            return event

    def _answer(self, on):
        self.status = QuestionStatus.ANSWERED
        self.replied_on = on
        self.replied_late = self.due_date is not None and on > self.due_date
        self.save()

    def approve(self, user, on=None, reply=None, note=""):
        """审核通过: the reply goes to the asker; ``reply`` may edit it first."""
        on = on or timezone.localdate()
        with transaction.atomic():
            self._check("approve", user)
            self._check_date(on, self.accepted_on)
            if reply is not None and reply.strip():
                self.reply = reply.strip()
            self._answer(on)
            return self._record(EventKind.APPROVED, user, on, note=note)

    def return_reply(self, user, note, on=None):
        """审核退回: back to the department, with the office's note."""
        on = on or timezone.localdate()
        if not (note or "").strip():
            raise ActionNotAllowed(_("Say what the department should change."))
        with transaction.atomic():
            self._check("return_reply", user)
            self.status = QuestionStatus.ASSIGNED
            self.save()
            return self._record(
                EventKind.RETURNED, user, on, note=note, organization=self.organization
            )

    def publish(self, user, subject=None, text=None, on=None, note=""):
        """公开, with the personal data masked (``text`` is the office's version)."""
        on = on or timezone.localdate()
        with transaction.atomic():
            self._check("publish", user)
            self.published_subject = (
                subject or mask_personal_data(self.subject)
            ).strip()
            self.published_question = (
                text if text is not None else self.proposed_masked_question()
            ).strip()
            self.published_at = timezone.now()
            self.status = QuestionStatus.PUBLISHED
            self.save()
            return self._record(EventKind.PUBLISHED, user, on, note=note)

    def unpublish(self, user, note=""):
        with transaction.atomic():
            self._check("unpublish", user)
            self.status = QuestionStatus.ANSWERED
            self.save()
            return self._record(EventKind.NOTE, user, None, note=note or "unpublished")

    def add_note(self, user, note):
        if not user_can_access_organization(user, self.office) and not (
            user_can_access_organization(user, self.organization)
        ):
            raise ActionNotAllowed(_("You do not handle this question."))
        with transaction.atomic():
            return self._record(EventKind.NOTE, user, None, note=note)
