"""The 索引号 registry and the per-organisation serial counters.

An item's index number is copied onto the page (``index_number``) so listings
read it without a join, but its uniqueness lives here: a page and its
translations share one number, so the page table cannot hold a unique
constraint; the registry holds one row per translation group and per number.
Rows are never deleted with their page, so a number is never given twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexNumber(models.Model):
    """One assigned 索引号, for one item and all its translations."""

    number = models.CharField(_("index number"), max_length=64, unique=True)
    translation_key = models.UUIDField(
        _("translation key"),
        unique=True,
        help_text=_("The item's translation group: its translations share the number."),
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("index number")
        verbose_name_plural = _("index numbers")
        ordering = ["-assigned_at"]

    def __str__(self):
        return self.number


class IndexNumberCounter(models.Model):
    """The last serial given for one organisation code and year.

    Keyed by the organisation's code rather than its row, because each
    translation of an organisation is its own row but shares the code.

    Updated under ``SELECT ... FOR UPDATE`` in the publishing transaction, so
    concurrent publishers queue on the row and a rolled-back publication
    leaves no gap.
    """

    organization_code = models.CharField(_("organisation code"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("index number counter")
        verbose_name_plural = _("index number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["organization_code", "year"],
                name="govopen_directory_counter_per_org_year",
            )
        ]

    def __str__(self):
        return f"{self.organization_code}/{self.year}: {self.last_serial}"
