from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.forms import RadioSelect
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from govopen.core import calendar


class CalendarAdjustment(models.Model):
    """One date whose working-day status the site decides, over the official data.

    This is how a site enters a year that the ``chinesecalendar`` package does not
    know yet (the State Council publishes next year's holidays in November or
    December), corrects the package, or adds a local holiday.

    Not translatable: a date is a working day or not in every language, and
    there must be exactly one answer per date for the whole installation, which
    a row per locale could contradict. The note is an administrator's reference
    (usually the notice it comes from), not content shown to citizens.
    """

    WORKING_DAY_CHOICES = [
        (True, _("working day")),
        (False, _("non-working day")),
    ]

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("kind of day"),
        choices=WORKING_DAY_CHOICES,
        default=False,
        help_text=_(
            "A holiday is a non-working day; a weekend day worked in exchange "
            "for a holiday (调休) is a working day."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_(
            "The holiday, and the notice that sets it, e.g. "
            "春节 (国务院办公厅关于2027年部分节假日安排的通知)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("is_working_day", widget=RadioSelect),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar adjustment")
        verbose_name_plural = _("calendar adjustments")

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_is_working_day_display()}"

    def weekday(self):
        return date_format(self.date, "l")

    weekday.short_description = _("weekday")


@receiver(
    [post_save, post_delete],
    sender=CalendarAdjustment,
    dispatch_uid="govopen_calendar_adjustment_changed",
)
def calendar_adjustment_changed(sender, **kwargs):
    # Drop the cache now, so this process (and this transaction) sees the
    # change, and again on commit, in case another process reloaded the old
    # rows between the two.
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate, robust=True)
