from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from govopen.core.conf import get_setting
from govopen.core.enums import (
    ApplicantKind,
    ApplicantType,
    ApplicationChannel,
    DeliveryMethod,
    IdentityDocumentType,
    ProvisionForm,
    ReplyReason,
    ReplyType,
)
from govopen.core.query_codes import (  # noqa: F401 (re-exported: the old names)
    QUERY_CODE_ALPHABET,
    QUERY_CODE_LENGTH,
    check_query_code,
    dummy_check,
    generate_query_code,
    hash_query_code,
    normalise_query_code,
)

from .. import crypto
from ..choices import (
    OPEN_STATUSES,
    PUBLIC_EVENTS,
    ApplicationStatus,
    ClockState,
    EventKind,
)
from .handling import HandlingMixin


class ApplicationCounter(models.Model):
    """The last serial number given per number prefix and year.

    Submissions lock their row (``select_for_update``) so that concurrent
    submissions on PostgreSQL get consecutive, distinct numbers.
    """

    prefix = models.CharField(_("prefix"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial number"), default=0)

    class Meta:
        verbose_name = _("application counter")
        verbose_name_plural = _("application counters")
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="govopen_applications_counter_unique"
            )
        ]

    def __str__(self):
        return f"{self.prefix} {self.year}: {self.last_serial}"

    @classmethod
    def next_serial(cls, prefix, year):
        """Reserve the next serial of ``prefix`` in ``year``; call inside atomic."""
        cls.objects.bulk_create(
            [cls(prefix=prefix, year=year, last_serial=0)], ignore_conflicts=True
        )
        counter = cls.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last_serial = models.F("last_serial") + 1
        counter.save(update_fields=["last_serial"])
        counter.refresh_from_db(fields=["last_serial"])
        return counter.last_serial


def format_application_number(prefix, year, serial):
    """The public application number, by ``GOVOPEN_APPLICATION_NUMBER_FORMAT``."""
    return get_setting("GOVOPEN_APPLICATION_NUMBER_FORMAT").format(
        prefix=prefix, year=year, serial=serial
    )


def number_prefix_for(organization):
    """The number prefix of ``organization``: its form page's, else its code."""
    from .pages import ApplicationFormPage

    prefix = (
        ApplicationFormPage.objects.filter(
            organization__translation_key=organization.translation_key
        )
        .exclude(number_prefix="")
        .order_by("pk")
        .values_list("number_prefix", flat=True)
        .first()
    )
    return prefix or organization.code


def canonical_organization(organization):
    """The default-locale row of an organisation: applications point there."""
    return None if organization is None else organization.get_canonical()


class DisclosureApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def running(self):
        return self.filter(clock_state=ClockState.RUNNING)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.running().filter(due_date__lt=today)

    def due_within(self, last_day, today=None):
        """Running clocks due between today and ``last_day`` (inclusive)."""
        today = today or timezone.localdate()
        return self.running().filter(due_date__gte=today, due_date__lte=last_day)

    def for_applicant(self, key):
        return self.filter(applicant_key=key)


class DisclosureApplicationManager(
    models.Manager.from_queryset(DisclosureApplicationQuerySet)
):
    @sensitive_variables("id_number", "data", "query_code")
    def create_application(
        self,
        *,
        organization,
        data,
        uploads=(),
        channel=ApplicationChannel.ONLINE,
        form_page=None,
        user=None,
        received_on=None,
        note="",
        language="",
    ):
        """Create an application with its number, 查询码 and first event.

        All or nothing: the record, the serial number, the uploads and the
        first handling event are written in one transaction, and files
        already stored are removed again if any step fails. Returns
        ``(application, query_code)``; the 查询码 exists in clear only here.

        ``data`` holds the cleaned fields of
        :class:`~govopen.applications.forms.ApplicationForm`. Staff
        registering an offline application give ``channel``, ``user`` and
        ``received_on`` (the day of receipt, Art. 31).
        """
        from .events import ApplicationEvent
        from .files import ApplicationFile

        organization = canonical_organization(organization)
        query_code = generate_query_code()
        now = timezone.now()
        today = timezone.localdate(now)
        stored_files = []
        try:
            with transaction.atomic():
                application = self.model(
                    organization=organization,
                    form_page=form_page,
                    channel=channel,
                    query_code_hash=hash_query_code(query_code),
                    submitted_at=now,
                    applied_on=today if received_on is None else received_on,
                    language=language or settings.LANGUAGE_CODE,
                    created_by=user,
                )
                application.set_applicant(data)
                prefix = number_prefix_for(organization)
                application.year = application.applied_on.year
                application.serial = ApplicationCounter.next_serial(
                    prefix, application.year
                )
                application.number = format_application_number(
                    prefix, application.year, application.serial
                )
                application.save()
                for upload in uploads:
                    stored = ApplicationFile.store(
                        application,
                        upload,
                        role=ApplicationFile.Role.APPLICANT_UPLOAD,
                        user=user,
                    )
                    stored_files.append(stored.file.name)
                if channel == ApplicationChannel.ONLINE:
                    first = ApplicationEvent(
                        application=application,
                        kind=EventKind.SUBMITTED,
                        date=today,
                        note=note,
                    )
                    events = [first]
                else:
                    first = ApplicationEvent(
                        application=application,
                        kind=EventKind.REGISTERED,
                        date=today,
                        user=user,
                        note=note,
                        data={"channel": str(channel)},
                    )
                    events = [first]
                    if received_on is not None:
                        events.append(
                            ApplicationEvent(
                                application=application,
                                kind=EventKind.RECEIVED,
                                date=received_on,
                                user=user,
                            )
                        )
                for event in events:
                    event.public = event.kind in PUBLIC_EVENTS
                    event.save()
                application.refresh_state()
                application.save()
        except BaseException:
            for name in stored_files:
                ApplicationFile.delete_stored(name)
            raise
        return application, query_code


class DisclosureApplication(HandlingMixin, models.Model):
    """A 政府信息公开申请 and the current result of its handling record.

    The state columns (``status``, ``clock_state``, ``due_date`` ...) are
    computed from the events by :mod:`govopen.applications.deadlines` after
    every event and stored only so that queues can filter on them.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="disclosure_applications",
    )
    form_page = models.ForeignKey(
        "govopen_applications.ApplicationFormPage",
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    number = models.CharField(_("application number"), max_length=64, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    serial = models.PositiveIntegerField(_("serial number"))
    query_code_hash = models.CharField(_("query code (hashed)"), max_length=255)
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=ApplicationChannel.choices,
        default=ApplicationChannel.ONLINE,
    )

    # Applicant (Art. 29)
    applicant_kind = models.CharField(
        _("applicant"), max_length=16, choices=ApplicantKind.choices
    )
    applicant_type = models.CharField(
        _("applicant type"), max_length=32, choices=ApplicantType.choices
    )
    applicant_name = models.CharField(_("name"), max_length=100)
    id_type = models.CharField(
        _("identity document"),
        max_length=32,
        choices=IdentityDocumentType.choices,
        blank=True,
    )
    id_number_encrypted = models.TextField(_("identity number (encrypted)"), blank=True)
    id_number_masked = models.CharField(_("identity number"), max_length=40, blank=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(
        _("legal representative"), max_length=50, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    applicant_key = models.CharField(
        _("applicant key"),
        max_length=64,
        db_index=True,
        editable=False,
        help_text=_("Keyed hash that finds the same applicant's applications."),
    )
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)

    # The information sought
    description = models.TextField(_("description of the information"))
    document_title = models.CharField(_("document title"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    provision_form = models.CharField(
        _("form of provision"), max_length=16, choices=ProvisionForm.choices
    )
    delivery_method = models.CharField(
        _("delivery method"), max_length=16, choices=DeliveryMethod.choices
    )
    privacy_accepted_at = models.DateTimeField(
        _("privacy statement accepted"), null=True, blank=True
    )
    language = models.CharField(_("language"), max_length=16, blank=True)

    # Dates and handling state (computed from the events)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    applied_on = models.DateField(_("date of application"), db_index=True)
    received_on = models.DateField(_("received"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    clock_state = models.CharField(
        _("time limit"),
        max_length=16,
        choices=ClockState.choices,
        default=ClockState.NOT_STARTED,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_date_provisional = models.BooleanField(default=False)
    remaining_at_pause = models.IntegerField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension"), default=0)
    replied_on = models.DateField(_("replied"), null=True, blank=True)
    replied_late = models.BooleanField(null=True, blank=True)
    reply_type = models.CharField(
        _("reply type"), max_length=32, choices=ReplyType.choices, blank=True
    )
    reply_reason = models.CharField(
        _("reply reason"), max_length=32, choices=ReplyReason.choices, blank=True
    )

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_disclosure_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DisclosureApplicationManager()

    class Meta:
        verbose_name = _("disclosure application")
        verbose_name_plural = _("disclosure applications")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("approve_extension", _("Can approve extensions of the time limit")),
            ("view_identity_number", _("Can see applicants' identity numbers")),
        ]
        indexes = [
            models.Index(
                fields=["organization", "status"], name="govopen_app_org_status"
            ),
            models.Index(
                fields=["applicant_key", "applied_on"], name="govopen_app_key_date"
            ),
            # The annual report counts an organisation's applications by the day
            # they were received (govopen.reports.statistics).
            models.Index(
                fields=["organization", "received_on"],
                name="govopen_app_org_received",
            ),
        ]

    def __str__(self):
        return self.number

    # Applicant data ------------------------------------------------------
    @sensitive_variables("data", "id_number")
    def set_applicant(self, data):
        """Copy the applicant and request fields of a cleaned form."""
        kind = data["applicant_kind"]
        self.applicant_kind = kind
        if kind == ApplicantKind.CITIZEN:
            self.applicant_type = ApplicantType.NATURAL_PERSON
            self.applicant_name = data["name"]
            self.id_type = data["id_type"]
            self.set_identity_number(data["id_number"])
            self.uscc = self.legal_representative = ""
            self.contact_person = data.get("contact_person", "")
        else:
            self.applicant_type = data["applicant_type"]
            self.applicant_name = data["organization_name"]
            self.id_type = ""
            self.set_identity_number("")
            self.uscc = data["uscc"]
            self.legal_representative = data.get("legal_representative", "")
            self.contact_person = data.get("contact_person", "")
            self.applicant_key = crypto.lookup_hash(self.uscc, "uscc")
        for name in (
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "document_title",
            "document_number",
            "provision_form",
            "delivery_method",
        ):
            setattr(self, name, data.get(name, "") or "")
        if data.get("privacy_accepted"):
            self.privacy_accepted_at = self.privacy_accepted_at or timezone.now()

    @sensitive_variables("value")
    def set_identity_number(self, value):
        value = "".join((value or "").split()).upper()
        self.id_number_encrypted = crypto.encrypt(value)
        self.id_number_masked = crypto.mask_identity_number(value)
        if value:
            self.applicant_key = crypto.lookup_hash(
                f"{self.id_type}:{value}", "identity"
            )

    def get_identity_number(self):
        """The identity number in clear. Views must check the permission and log."""
        return crypto.decrypt(self.id_number_encrypted)

    @property
    def is_citizen(self):
        return self.applicant_kind == ApplicantKind.CITIZEN

    @property
    def masked_name(self):
        """The applicant's name as shown publicly and in lists."""
        if self.is_citizen:
            return crypto.mask_name(self.applicant_name)
        return self.applicant_name

    @property
    def summary(self):
        text = self.document_title or self.description
        return text if len(text) <= 60 else text[:59] + "…"

    # 查询码 -------------------------------------------------------------
    @sensitive_variables("code")
    def check_query_code(self, code):
        return check_query_code(code, self.query_code_hash)

    @classmethod
    @sensitive_variables("code")
    def find_by_number_and_code(cls, number, code):
        """The application with ``number`` if ``code`` is its 查询码, else None.

        An unknown number and a wrong code cost the same work and give the
        same answer, so the lookup cannot be used to learn which numbers exist.
        """
        number = (number or "").strip().upper()
        application = (
            cls.objects.filter(number__iexact=number).first() if number else None
        )
        if application is None:
            dummy_check(code)
            return None
        if not application.check_query_code(code):
            return None
        return application

    # Handling state ------------------------------------------------------
    def get_events(self):
        return list(self.events.order_by("date", "pk"))

    def compute_state(self, today=None, calendar=None):
        """The :class:`~govopen.applications.deadlines.HandlingState` now."""
        from govopen.core.calendar import get_calendar

        from ..deadlines import compute_state

        return compute_state(
            self.get_events(),
            calendar or get_calendar(),
            today or timezone.localdate(),
        )

    def refresh_state(self, today=None, calendar=None):
        """Recompute and copy the handling state onto the row (not saved)."""
        state = self.compute_state(today=today, calendar=calendar)
        self.status = state.status
        self.clock_state = state.clock
        self.received_on = state.received_on
        self.due_date = state.due_date
        self.due_date_provisional = state.provisional
        self.extension_days = state.extension_days
        self.remaining_at_pause = state.remaining if state.clock == "paused" else None
        self.replied_late = state.replied_late
        self.replied_on = state.finished_on
        self._state_cache = state
        return state

    @property
    def state(self):
        state = getattr(self, "_state_cache", None)
        if state is None:
            state = self.compute_state()
            self._state_cache = state
        return state

    def working_days_left(self, today=None, calendar=None):
        """Working days to the due date (negative: overdue), None if not running."""
        from govopen.core.calendar import get_calendar

        if self.clock_state == ClockState.PAUSED:
            return self.remaining_at_pause
        if self.clock_state != ClockState.RUNNING or self.due_date is None:
            return None
        return (calendar or get_calendar()).working_days_between(
            today or timezone.localdate(), self.due_date
        )

    def public_events(self):
        return [event for event in self.get_events() if event.public]

    def public_reply(self):
        """The reply, once given (None before)."""
        from .replies import Reply

        try:
            return self.reply
        except Reply.DoesNotExist:
            return None
