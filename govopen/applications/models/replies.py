import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from govopen.core.enums import REASON_ARTICLES, ReplyReason, ReplyType, reasons_for

# Placeholders a reply template may use, with what they stand for.
PLACEHOLDERS = {
    "applicant": _("the applicant's name"),
    "number": _("the application number"),
    "received_on": _("the day the application was received"),
    "reply_date": _("the date of the reply"),
    "information": _("the information requested"),
    "reply_type": _("the reply type"),
    "reason": _("the sub-reason of the reply type"),
    "ground": _("the legal ground cited"),
    "negative_list_entry": _("the negative list entry cited"),
    "summary": _("the reply's text"),
    "organization": _("the handling organisation"),
    "remedies": _(
        "the remedies: reconsideration within 60 days, lawsuit within 6 months"
    ),
}
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")

RECONSIDERATION_DAYS = 60  # 《行政复议法》第二十条
LITIGATION_MONTHS = 6  # 《行政诉讼法》第四十六条


def remedies_text(organization=None):
    """Every reply tells the applicant how to challenge it (DOMAIN §3)."""
    return _(
        "If you consider that this reply infringes your lawful rights and "
        "interests, you may apply for administrative reconsideration within "
        "%(days)s days of receiving it, or bring an administrative lawsuit "
        "before a people's court within %(months)s months of receiving it."
    ) % {"days": RECONSIDERATION_DAYS, "months": LITIGATION_MONTHS}


DEFAULT_BODY = _(
    "{applicant}:\n\n"
    "On {received_on} this agency received your application for the disclosure "
    "of government information (application number {number}), requesting: "
    "{information}\n\n"
    "After examination, we reply as follows: {reply_type}{reason}\n\n"
    "{summary}\n\n"
    "{ground}\n\n"
    "{negative_list_entry}\n\n"
    "{remedies}\n\n"
    "{organization}\n"
    "{reply_date}"
)


def render_placeholders(text, values):
    """Replace ``{name}`` with ``values[name]``; unknown names stay as written."""
    return _PLACEHOLDER_RE.sub(
        lambda match: str(values.get(match.group(1), match.group(0))), text
    )


def validate_placeholders(text):
    unknown = sorted(set(_PLACEHOLDER_RE.findall(text or "")) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Use only: %(known)s.")
            % {
                "names": ", ".join("{%s}" % n for n in unknown),  # noqa: UP031
                "known": ", ".join("{%s}" % n for n in PLACEHOLDERS),  # noqa: UP031
            }
        )


class ReplyTemplate(TranslatableMixin, index.Indexed, models.Model):
    """An editable reply letter (答复书) of a reply type, optionally per organisation.

    The most specific template wins: one for the organisation and the reason,
    then for the organisation, then for everyone; govopen's built-in text
    (govopen/applications/reply_letter_default.txt) is the last resort.
    """

    title = models.CharField(_("title"), max_length=200)
    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for a template every organisation may use."),
    )
    reply_type = models.CharField(
        _("reply type"), max_length=32, choices=ReplyType.choices
    )
    reason = models.CharField(
        _("reason"),
        max_length=32,
        choices=ReplyReason.choices,
        blank=True,
        help_text=_("Leave empty for a template of every reason of the type."),
    )
    body = models.TextField(
        _("letter"),
        validators=[validate_placeholders],
        help_text=_(
            "Plain text; blank lines separate paragraphs. Placeholders: {applicant}, "
            "{number}, {received_on}, {reply_date}, {information}, {reply_type}, "
            "{reason}, {ground}, {negative_list_entry}, {summary}, {organization}, "
            "{remedies}."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("reply_type"), FieldPanel("reason")]),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("active")]),
        MultiFieldPanel([FieldPanel("body")], heading=_("Letter")),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("body"),
        SynchronizedField("organization"),
        SynchronizedField("reply_type"),
        SynchronizedField("reason"),
        SynchronizedField("active"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.FilterField("reply_type"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["reply_type", "reason", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.reason and self.reason not in reasons_for(self.reply_type):
            raise ValidationError(
                {"reason": _("This reason does not belong to the reply type.")}
            )

    @classmethod
    def find(cls, organization, reply_type, reason="", locale=None):
        """The most specific active template, or None."""
        queryset = cls.objects.filter(active=True, reply_type=reply_type)
        if locale is not None:
            queryset = queryset.filter(locale=locale)
        key = organization.translation_key if organization else None
        candidates = list(queryset.select_related("organization"))

        def score(template):
            org_match = template.organization_id is not None and (
                template.organization.translation_key == key
            )
            if template.organization_id is not None and not org_match:
                return None
            if template.reason and template.reason != reason:
                return None
            return (org_match, bool(template.reason))

        scored = [(score(t), t.pk, t) for t in candidates if score(t) is not None]
        return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None


class Reply(models.Model):
    """The decision on an application (Art. 36): its type, reason and letter."""

    application = models.OneToOneField(
        "govopen_applications.DisclosureApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reply",
    )
    reply_type = models.CharField(
        _("reply type"), max_length=32, choices=ReplyType.choices
    )
    reason = models.CharField(
        _("reason"), max_length=32, choices=ReplyReason.choices, blank=True
    )
    legal_ground = models.TextField(
        _("legal ground"),
        blank=True,
        help_text=_("The provision relied on, e.g. 《条例》第十四条."),
    )
    negative_list_entry = models.ForeignKey(
        "govopen_negative_list.NegativeListEntry",
        verbose_name=_("negative list entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citing_replies",
    )
    summary = models.TextField(
        _("reply"),
        blank=True,
        help_text=_("What is disclosed or why not, as the letter says it."),
    )
    letter = models.TextField(_("reply letter"), blank=True)
    replied_on = models.DateField(_("reply date"), default=timezone.localdate)
    template = models.ForeignKey(
        ReplyTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        get_latest_by = "replied_on"

    def __str__(self):
        return f"{self.application} {self.get_reply_type_display()}"

    @property
    def article(self):
        return REASON_ARTICLES.get(self.reason, "") if self.reason else ""

    @property
    def public_files(self):
        return [
            file
            for file in self.application.files.all()
            if file.public and file.role in ("reply_document", "reply_letter")
        ]

    def placeholder_values(self):
        application = self.application
        entry = self.negative_list_entry
        ground = self.legal_ground or (
            str(
                _(
                    "Regulations on the Disclosure of Government Information, "
                    "%(article)s"
                )
            )
            % {"article": self.article}
            if self.article
            else ""
        )
        return {
            "applicant": application.applicant_name,
            "number": application.number,
            "received_on": date_format(application.received_on, "Y-m-d")
            if application.received_on
            else "",
            "reply_date": date_format(self.replied_on, "Y-m-d"),
            "information": application.document_title or application.description,
            "reply_type": self.get_reply_type_display(),
            "reason": (_(": ") + str(self.get_reason_display())) if self.reason else "",
            "ground": ground,
            "negative_list_entry": (
                _("Negative list entry %(number)s: %(content)s (%(basis)s)")
                % {
                    "number": entry.number,
                    "content": entry.content,
                    "basis": entry.legal_basis,
                }
                if entry
                else ""
            ),
            "summary": self.summary,
            "organization": application.organization.name,
            "remedies": remedies_text(application.organization),
        }

    @property
    def letter_paragraphs(self):
        return [p for p in self.letter.split("\n\n") if p.strip()]

    def letter_document(self):
        """The letter as a printable HTML page, as attached to the record."""
        from django.template.loader import render_to_string

        return render_to_string(
            "govopen/applications/reply_letter_document.html", {"reply": self}
        )

    def render_letter(self, body=None):
        """The letter text from a template body (placeholders filled in)."""
        text = render_placeholders(str(body or DEFAULT_BODY), self.placeholder_values())
        # Placeholders that were empty leave blank paragraphs behind.
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
        return "\n\n".join(p for p in paragraphs if p)
