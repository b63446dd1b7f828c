from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import EventKind


class QuestionEvent(models.Model):
    """One row of a question's handling record; never edited or deleted.

    A 转办 (assignment) names the organisation it went to, so every hop of a
    reassigned question stays on the record.
    """

    question = models.ForeignKey(
        "govopen_qa.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
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
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("internal note"), blank=True)
    public = models.BooleanField(_("shown to the asker"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question event")
        verbose_name_plural = _("question events")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.question} {self.get_kind_display()} {self.date}"
