"""The citizen's forms: ask a question, follow it, rate the reply."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from govopen.core.abuse import CaptchaFormMixin, HoneypotFormMixin
from govopen.core.enums import SatisfactionRating
from govopen.core.models import Organization
from govopen.core.validators import normalise_phone, validate_phone_number

from .models import QuestionCategory

SENSITIVE_FIELDS = ("name", "phone", "email", "captcha_answer", "captcha_token")


def _current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


class AskForm(HoneypotFormMixin, CaptchaFormMixin, forms.Form):
    """A question to the mailbox (the field names are a contract with templates)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Never published."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        help_text=_("A mobile number, or a landline number with its area code."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("We email you when your question has been answered."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organization = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Not sure"),
        help_text=_("Choose “Not sure” and the office will find the right one."),
    )
    category = forms.ModelChoiceField(
        label=pgettext_lazy("question", "Category"),
        queryset=QuestionCategory.objects.none(),
        required=False,
        empty_label=_("Choose…"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=100)
    question = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 2,000 characters. Do not write personal data here."),
    )
    consent_to_publish = forms.BooleanField(
        label=_(
            "The question and its reply may be published on this site, "
            "without my name and contact details."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = _current_locale()
        organizations = Organization.objects.filter(active=True)
        categories = QuestionCategory.objects.all()
        if locale is not None:
            organizations = organizations.filter(locale=locale)
            categories = categories.filter(locale=locale)
        self.fields["organization"].queryset = organizations.order_by(
            "sort_order", "name"
        )
        self.fields["category"].queryset = categories
        if not categories.exists():
            del self.fields["category"]

    def clean_phone(self):
        value = normalise_phone(self.cleaned_data.get("phone", ""))
        validate_phone_number(value)
        return value

    def clean_name(self):
        return " ".join(self.cleaned_data.get("name", "").split())

    def clean_subject(self):
        return " ".join(self.cleaned_data.get("subject", "").split())

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["language"] = get_language() or ""
        return cleaned_data


class StatusLookupForm(HoneypotFormMixin, CaptchaFormMixin, forms.Form):
    """Question number + 查询码."""

    number = forms.CharField(
        label=_("Question number"),
        max_length=32,
        help_text=_("As shown after you asked, for example ZX2026000042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    query_code = forms.CharField(
        label=_("Query code"),
        max_length=32,
        help_text=_("Dashes and spaces do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How satisfied are you with the reply?"),
        choices=SatisfactionRating.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ListFilterForm(forms.Form):
    """The GET filters of the published list; bad values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    organization = forms.ChoiceField(label=_("Department"), required=False)
    category = forms.ChoiceField(
        label=pgettext_lazy("question", "Category"), required=False
    )

    def __init__(self, *args, organizations=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All")), *organizations]
        self.fields["category"].choices = [("", _("All")), *categories]
        if not categories:
            del self.fields["category"]
