"""The handling vocabulary of govopen.applications (not statutory lists).

The statutory enumerations (applicant kinds and types, channels, reply types
and reasons) live in :mod:`govopen.core.enums`; these are the events of a
handling record and the states they lead to.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    """What can happen to an application; each is one row of its record."""

    SUBMITTED = "submitted", _("Submitted online")
    REGISTERED = "registered", _("Registered by staff")
    RECEIVED = "received", _("Receipt confirmed")  # Art. 31
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")  # Art. 30
    SUPPLEMENT_RECEIVED = "supplement_received", _("Supplement received")
    SUPPLEMENT_LAPSED = "supplement_lapsed", _("Supplement period lapsed")
    CONSULTATION_STARTED = "consultation_started", _("Consultation started")  # 32, 34
    CONSULTATION_ENDED = "consultation_ended", _("Consultation ended")
    EXTENDED = "extended", _("Time limit extended")  # Art. 33
    FEE_NOTICE = "fee_notice", _("Fee notice issued")  # Art. 42
    FEE_PAID = "fee_paid", _("Fee paid")
    FEE_LAPSED = "fee_lapsed", _("Fee not paid in time")
    REPLIED = "replied", _("Replied")  # Art. 36
    ARCHIVED = "archived", _("Closed and archived")
    ASSIGNED = "assigned", _("Handler assigned")
    NOTE = "note", pgettext_lazy("application event", "Note")


# Events the applicant sees on the status page and is told about.
PUBLIC_EVENTS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.REGISTERED,
        EventKind.RECEIVED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENT_RECEIVED,
        EventKind.SUPPLEMENT_LAPSED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ENDED,
        EventKind.EXTENDED,
        EventKind.FEE_NOTICE,
        EventKind.FEE_PAID,
        EventKind.FEE_LAPSED,
        EventKind.REPLIED,
    }
)

# Public events the applicant is emailed about (docs/applications-handling.md).
NOTIFIED_EVENTS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.REGISTERED,
        EventKind.RECEIVED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENT_RECEIVED,
        EventKind.SUPPLEMENT_LAPSED,
        EventKind.EXTENDED,
        EventKind.FEE_NOTICE,
        EventKind.FEE_PAID,
        EventKind.FEE_LAPSED,
        EventKind.REPLIED,
    }
)


class ApplicationStatus(models.TextChoices):
    """Where an application stands; always derived from its events."""

    SUBMITTED = "submitted", _("Awaiting confirmation of receipt")
    PROCESSING = "processing", _("Being processed")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")
    CONSULTING = "consulting", _("Consultation in progress")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting fee payment")
    REPLIED = "replied", _("Replied")
    ARCHIVED = "archived", _("Archived")


OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.PROCESSING,
    ApplicationStatus.AWAITING_SUPPLEMENT,
    ApplicationStatus.CONSULTING,
    ApplicationStatus.AWAITING_PAYMENT,
)


class ClockState(models.TextChoices):
    """The 20-working-day clock of Art. 33."""

    NOT_STARTED = "not_started", _("Not started")
    RUNNING = "running", _("Running")
    STOPPED = "stopped", _("Stopped until the supplement arrives")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class ConsultationParty(models.TextChoices):
    """Whom the office consults while the clock is paused."""

    THIRD_PARTY = "third_party", _("Third party (Article 32)")
    AGENCY = "agency", _("Another administrative agency (Article 34)")


class FeeMethod(models.TextChoices):
    """The two scales of 国办函〔2020〕109号; one per application (Art. 3)."""

    PER_APPLICATION = "per_application", _("Per application")  # 按件计收, Art. 4
    PER_PAGE = "per_page", _("Per page")  # 按量计收, Art. 5
