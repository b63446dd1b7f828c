from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationMembership(models.Model):
    """Which organisations a member of staff works for.

    Scopes what staff see and do: items they may edit, applications and questions
    they may handle. Not translatable: it links a user to an organisation's
    translation group (any locale's row stands for all of them).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="govopen_memberships",
    )
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="govopen_core_unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organization}"
