"""The citizen's forms: the application (Art. 29) and the status lookup.

HTML field names are a contract with integrators who restyle the template;
docs/applications-integrators.md lists them. Do not rename them.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from govopen.core.abuse import CaptchaFormMixin, HoneypotFormMixin
from govopen.core.enums import (
    ApplicantKind,
    ApplicantType,
    DeliveryMethod,
    IdentityDocumentType,
    ProvisionForm,
)
from govopen.core.validators import (
    normalise_phone,
    validate_phone_number,
    validate_postcode,
    validate_resident_id,
    validate_uscc,
)

from .uploads import MultipleFileField

ORGANIZATION_TYPES = [
    (member.value, member.label)
    for member in ApplicantType.for_kind(ApplicantKind.ORGANIZATION)
]

# Fields required for each kind of applicant, beyond those always required.
CITIZEN_FIELDS = ("name", "id_type", "id_number")
ORGANIZATION_FIELDS = (
    "organization_name",
    "uscc",
    "applicant_type",
    "legal_representative",
    "contact_person",
)

_OTHER_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()")

SENSITIVE_FIELDS = ("id_number", "captcha_answer", "captcha_token")


def _text(label, max_length, required=False, help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class ApplicantFieldsMixin(forms.Form):
    """The applicant and request fields, shared by the public and staff forms."""

    applicant_kind = forms.ChoiceField(
        label=_("I apply as"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.CITIZEN,
    )
    # Citizen (公民)
    name = _text(_("Name"), 50, autocomplete="name")
    id_type = forms.ChoiceField(
        label=_("Identity document"),
        choices=[("", _("Choose…")), *IdentityDocumentType.choices],
        required=False,
        initial=IdentityDocumentType.RESIDENT_ID,
    )
    id_number = _text(
        _("Identity document number"),
        30,
        help_text=_("A resident ID number has 18 characters; the last may be X."),
        autocomplete="off",
        spellcheck="false",
    )
    # Legal person or other organisation (法人或其他组织)
    organization_name = _text(
        _("Name of the organisation"), 100, autocomplete="organization"
    )
    uscc = _text(
        _("Unified social credit code"),
        18,
        help_text=_("18 digits and capital letters, as on the business licence."),
        autocomplete="off",
        spellcheck="false",
    )
    applicant_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", _("Choose…")), *ORGANIZATION_TYPES],
        required=False,
    )
    legal_representative = _text(_("Legal representative"), 50)
    contact_person = _text(_("Contact person"), 50, autocomplete="name")
    # Contact details (both kinds)
    phone = _text(
        _("Phone"),
        32,
        required=True,
        help_text=_("A mobile number, or a landline number with its area code."),
        autocomplete="tel",
        inputmode="tel",
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("Needed if you want the reply by email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = _text(
        _("Postal address"),
        200,
        help_text=_("Needed if you want the reply by post."),
        autocomplete="street-address",
    )
    postcode = _text(_("Postcode"), 6, autocomplete="postal-code", inputmode="numeric")
    # The information sought
    description = forms.CharField(
        label=_("Description of the information you request"),
        max_length=2000,
        help_text=_(
            "Describe the information so that it can be identified: its subject, "
            "the period it covers, who made it. At most 2,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    document_title = _text(_("Document title (if known)"), 200)
    document_number = _text(
        _("Document number (if known)"),
        100,
        help_text=_("For example 示政发〔2025〕12号."),
    )
    provision_form = forms.ChoiceField(
        label=_("Form in which you want the information"),
        choices=ProvisionForm.choices,
        widget=forms.RadioSelect,
        initial=ProvisionForm.PAPER,
    )
    delivery_method = forms.ChoiceField(
        label=_("How you want to receive it"),
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        initial=DeliveryMethod.POST,
    )

    def clean_id_number(self):
        return "".join(self.cleaned_data.get("id_number", "").split()).upper()

    def clean_uscc(self):
        return "".join(self.cleaned_data.get("uscc", "").split()).upper()

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        validate_phone_number(value)
        return normalise_phone(value)

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if value:
            validate_postcode(value)
        return value

    @sensitive_variables("cleaned_data", "id_number")
    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("applicant_kind")
        if kind == ApplicantKind.CITIZEN:
            self._require(CITIZEN_FIELDS)
            id_number = cleaned_data.get("id_number")
            id_type = cleaned_data.get("id_type")
            if id_number and id_type == IdentityDocumentType.RESIDENT_ID:
                try:
                    validate_resident_id(id_number)
                except ValidationError as error:
                    self.add_error("id_number", error)
            elif id_number and not (
                5 <= len(id_number) <= 30 and set(id_number) <= _OTHER_ID_CHARS
            ):
                self.add_error(
                    "id_number",
                    _(
                        "Give the document number as printed: 5 to 30 letters "
                        "and digits."
                    ),
                )
        elif kind == ApplicantKind.ORGANIZATION:
            self._require(ORGANIZATION_FIELDS)
            uscc = cleaned_data.get("uscc")
            if uscc:
                try:
                    validate_uscc(uscc)
                except ValidationError as error:
                    self.add_error("uscc", error)
        delivery = cleaned_data.get("delivery_method")
        if delivery == DeliveryMethod.POST:
            self._require(
                ("address",), _("Give a postal address to receive the reply by post.")
            )
            self._require(("postcode",), _("Give the postcode of the address."))
        if delivery == DeliveryMethod.EMAIL or (
            cleaned_data.get("provision_form") == ProvisionForm.EMAIL
        ):
            self._require(
                ("email",), _("Give an email address to receive the reply by email.")
            )
        return cleaned_data

    def _require(self, names, message=None):
        for name in names:
            if name in self.errors:
                continue
            if not self.cleaned_data.get(name):
                self.add_error(
                    name,
                    ValidationError(
                        message or self.fields[name].error_messages["required"],
                        code="required",
                    ),
                )


class ApplicationForm(HoneypotFormMixin, CaptchaFormMixin, ApplicantFieldsMixin):
    """The public application form (网上申请)."""

    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        help_text=_(
            "For example a copy of your identity document. PDF, JPG or PNG, "
            "at most 5 MB each, up to 5 files."
        ),
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy statement and agree to it."),
        error_messages={"required": _("Please accept the privacy statement to apply.")},
    )

    field_groups = {
        "applicant": ("applicant_kind",),
        "citizen": ("name", "id_type", "id_number"),
        "organization": ORGANIZATION_FIELDS,
        "contact": ("phone", "email", "address", "postcode"),
        "information": ("description", "document_title", "document_number"),
        "delivery": ("provision_form", "delivery_method"),
        "attachments": ("attachments",),
    }

    def group(self, name):
        return [self[field] for field in self.field_groups[name]]

    @property
    def applicant_fields(self):
        return self.group("applicant")

    @property
    def citizen_fields(self):
        return self.group("citizen")

    @property
    def organization_fields(self):
        return self.group("organization")

    @property
    def contact_fields(self):
        return self.group("contact")

    @property
    def information_fields(self):
        return self.group("information")

    @property
    def delivery_fields(self):
        return self.group("delivery")


class StatusLookupForm(HoneypotFormMixin, CaptchaFormMixin, forms.Form):
    """Application number + 查询码."""

    number = forms.CharField(
        label=_("Application number"),
        max_length=64,
        help_text=_("As on your receipt, for example XZF-2026-00042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    query_code = forms.CharField(
        label=_("Query code"),
        max_length=32,
        help_text=_("The code on your receipt; dashes and spaces do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
