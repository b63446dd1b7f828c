import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from govopen.core.enums import ReplyReason, ReplyType

from ..choices import EventKind


class ApplicationEvent(models.Model):
    """One row of an application's handling record (办理记录).

    ``date`` is the day the event counts from in law (the day of receipt, the
    day the supplement arrived); ``created_at`` is when it was recorded.
    Events are never edited or deleted: a mistake is corrected by a note.
    """

    application = models.ForeignKey(
        "govopen_applications.DisclosureApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("Seen by staff only."),
    )
    public_note = models.TextField(
        _("note to the applicant"),
        blank=True,
        help_text=_("Shown to the applicant on the status page and in the email."),
    )
    public = models.BooleanField(_("shown to the applicant"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["application", "date"], name="govopen_app_event_date")
        ]

    def __str__(self):
        return f"{self.application} {self.get_kind_display()} {self.date}"

    @property
    def public_files(self):
        return [file for file in self.files.all() if file.public]

    def public_facts(self):
        """What the applicant is told about this event, one sentence each."""
        data = self.data or {}
        facts = []
        if self.kind == EventKind.SUPPLEMENT_REQUESTED and data.get("due"):
            facts.append(
                _("Please send the supplement by %(date)s.")
                % {"date": _format(data["due"])}
            )
        elif self.kind == EventKind.EXTENDED:
            days = int(data.get("days", 0))
            facts.append(
                ngettext(
                    "Extended by %(days)s working day.",
                    "Extended by %(days)s working days.",
                    days,
                )
                % {"days": days}
            )
        elif self.kind == EventKind.CONSULTATION_STARTED:
            facts.append(_("The time limit is paused while others are consulted."))
        elif self.kind == EventKind.CONSULTATION_ENDED:
            facts.append(_("The time limit runs again."))
        elif self.kind == EventKind.FEE_NOTICE:
            facts.append(
                _("Fee of ¥%(amount)s, to be paid by %(date)s.")
                % {"amount": data.get("amount", ""), "date": _format(data.get("due"))}
            )
        elif self.kind == EventKind.REPLIED and data.get("reply_type"):
            text = str(ReplyType(data["reply_type"]).label)
            if data.get("reason"):
                text += _(": ") + str(ReplyReason(data["reason"]).label)
            facts.append(text)
        return facts


def _format(value):
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return date_format(value, "Y-m-d")
