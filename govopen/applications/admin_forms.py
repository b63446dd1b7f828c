"""The forms of the handling office's actions (Wagtail admin)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from govopen.core.conf import get_setting
from govopen.core.enums import REPLY_REASONS, ApplicationChannel, ReplyReason, ReplyType
from govopen.core.models import Organization
from govopen.core.permissions import organization_ids_for_user

from .choices import ConsultationParty, FeeMethod
from .deadlines import MAX_EXTENSION
from .forms import ApplicantFieldsMixin
from .uploads import STAFF_TYPES, MultipleFileField


def _date(label=None, required=True, help_text=""):
    return forms.DateField(
        label=label or _("Date"),
        required=required,
        initial=timezone.localdate,
        widget=AdminDateInput,
        help_text=help_text,
    )


def _note():
    return forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only."),
    )


def _attachments(label=None):
    return MultipleFileField(
        label=label or _("Attachments"),
        allowed_types=STAFF_TYPES,
        help_text=_("PDF, images, Word, Excel or OFD files, at most 5 MB each."),
    )


class ActionForm(forms.Form):
    """Base of the action forms: the application is known to the form."""

    def __init__(self, *args, application=None, user=None, **kwargs):
        self.application = application
        self.user = user
        super().__init__(*args, **kwargs)


class ConfirmReceiptForm(ActionForm):
    on = _date(
        _("Day of receipt"),
        help_text=_(
            "Article 31: for online and fax applications the day receipt is "
            "confirmed; for letters the day they are signed for."
        ),
    )
    note = _note()


class RequestSupplementForm(ActionForm):
    items = forms.CharField(
        label=_("What the applicant must supplement"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Article 30: everything missing, at once; the applicant sees this text."
        ),
    )
    on = _date(_("Date of the request"))
    due = forms.DateField(
        label=_("Supplement due by"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Leave empty for %(days)s working days after the request.")
        % {"days": get_setting("GOVOPEN_SUPPLEMENT_PERIOD_DAYS")},
    )
    note = _note()
    attachments = _attachments(_("Supplement notice (补正告知书)"))


class RecordSupplementForm(ActionForm):
    on = _date(_("Day the supplement arrived"))
    note = _note()
    attachments = _attachments()


class LapsedForm(ActionForm):
    on = _date()
    note = _note()


class StartConsultationForm(ActionForm):
    party_kind = forms.ChoiceField(
        label=_("Consulted party"), choices=ConsultationParty.choices
    )
    party = forms.CharField(
        label=_("Name of the party"),
        max_length=200,
        help_text=_("Not shown to the applicant."),
    )
    on = _date(_("Date the request for opinions was sent"))
    note = _note()
    attachments = _attachments(_("Request for opinions (征求意见书)"))


class EndConsultationForm(ActionForm):
    consultation = forms.TypedChoiceField(
        label=_("Consultation"), coerce=int, choices=()
    )
    on = _date(_("Date the answer arrived or the period ended"))
    note = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Article 34: another agency's silence counts as consent."),
    )
    attachments = _attachments()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state = self.application.compute_state()
        party_names = dict(ConsultationParty.choices)
        self.fields["consultation"].choices = [
            (
                consultation.id,
                _("%(party)s since %(date)s, answer due %(due)s")
                % {
                    "party": party_names.get(consultation.party, consultation.party),
                    "date": consultation.started_on.isoformat(),
                    "due": consultation.due_date.isoformat(),
                },
            )
            for consultation in state.consultations
        ]


class ExtendForm(ActionForm):
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=MAX_EXTENSION,
        initial=MAX_EXTENSION,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant is told this reason (Article 33)."),
    )
    on = _date(_("Date approved"))
    note = _note()


class FeeNoticeForm(ActionForm):
    method = forms.ChoiceField(
        label=_("Scale"),
        choices=FeeMethod.choices,
        widget=forms.RadioSelect,
        initial=FeeMethod.PER_APPLICATION,
    )
    pages = forms.IntegerField(
        label=_("Pages"),
        required=False,
        min_value=0,
        help_text=_("For the per-page scale: the pages of the information provided."),
    )
    on = _date(_("Date of the notice"))
    note = _note()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("method") == FeeMethod.PER_PAGE and (
            cleaned_data.get("pages") is None
        ):
            self.add_error("pages", _("Give the number of pages."))
        return cleaned_data


class ReplyForm(ActionForm):
    reply_type = forms.ChoiceField(label=_("Reply type"), choices=ReplyType.choices)
    reason = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", "---------")]
        + [
            (str(reply_type.label), [(r.value, r.label) for r in reasons])
            for reply_type, reasons in REPLY_REASONS.items()
            if reasons
        ],
        help_text=_(
            "Required for not disclosed, unable to provide, not processed and "
            "other handling: the row of the annual report."
        ),
    )
    legal_ground = forms.CharField(
        label=_("Legal ground"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when information is withheld, e.g. 《条例》第十四条."),
    )
    negative_list_entry = forms.ModelChoiceField(
        label=_("Negative list entry"),
        required=False,
        queryset=None,
        help_text=_("Optional: the entry of the negative list the reply relies on."),
    )
    summary = forms.CharField(
        label=_("Reply"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is disclosed, or why not; it goes into the reply letter."),
    )
    template = forms.ModelChoiceField(
        label=_("Reply template"),
        required=False,
        queryset=None,
        help_text=_("Leave empty to use the most specific template for the type."),
    )
    on = _date(_("Reply date"))
    documents = _attachments(_("Documents provided to the applicant"))
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from govopen.negative_list.models import NegativeListEntry

        from .models import ReplyTemplate

        self.fields["negative_list_entry"].queryset = NegativeListEntry.objects.filter(
            organization__translation_key=self.application.organization.translation_key
        ).order_by("number")
        self.fields["template"].queryset = ReplyTemplate.objects.filter(active=True)

    def clean(self):
        cleaned_data = super().clean()
        reply_type = cleaned_data.get("reply_type")
        reason = cleaned_data.get("reason") or ""
        if reply_type:
            reasons = REPLY_REASONS[ReplyType(reply_type)]
            if reasons and reason not in reasons:
                self.add_error(
                    "reason", _("Choose one of the reasons of this reply type.")
                )
            elif not reasons and reason:
                self.add_error("reason", _("This reply type has no reasons."))
            withholding = reply_type in (
                ReplyType.NOT_DISCLOSED,
                ReplyType.PARTIALLY_DISCLOSED,
            )
            if withholding and not (cleaned_data.get("legal_ground") or reason):
                self.add_error(
                    "legal_ground", _("Cite the legal ground for withholding.")
                )
            if cleaned_data.get("negative_list_entry") and not withholding:
                self.add_error(
                    "negative_list_entry",
                    _(
                        "Only a reply that withholds information cites the "
                        "negative list."
                    ),
                )
        if reason and reason not in ReplyReason.values:
            self.add_error("reason", _("Unknown reason."))
        return cleaned_data


class ArchiveForm(ActionForm):
    on = _date()
    note = _note()


class AssignForm(ActionForm):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.application.organization
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                govopen_memberships__organization__translation_key=(
                    organization.translation_key
                ),
            )
            .distinct()
            .order_by("username")
        )


class NoteForm(ActionForm):
    note = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class RegisterForm(ApplicantFieldsMixin):
    """Staff register an application received in person, by post, fax or email."""

    organization = forms.ModelChoiceField(
        label=_("Handling organisation"), queryset=Organization.objects.none()
    )
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (value, label)
            for value, label in ApplicationChannel.choices
            if value != ApplicationChannel.ONLINE
        ],
    )
    received_on = forms.DateField(
        label=_("Day of receipt"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "In person: that day; by post: the day it was signed for; by fax or "
            "email: the day receipt was confirmed (Article 31). Leave empty to "
            "confirm later."
        ),
    )
    attachments = _attachments(_("Scanned application and attachments"))
    note = _note()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = organization_ids_for_user(user)
        queryset = Organization.objects.filter(active=True)
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        self.fields["organization"].queryset = (
            queryset.filter(locale__language_code__in=_default_language_codes())
            or queryset
        )

    def clean_received_on(self):
        value = self.cleaned_data.get("received_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


def _default_language_codes():
    from wagtail.models import Locale

    try:
        return [Locale.get_default().language_code]
    except Locale.DoesNotExist:
        return []
