"""Forms of govopen.policies: the page editors and the public list filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govopen.core.enums import InterpretationFormat, PolicyDocumentType, Validity
from govopen.core.models import Organization
from govopen.directory.forms import DisclosureItemForm, OptionField

# The body blocks an interpretation of each format must contain when published.
REQUIRED_BLOCKS = {
    InterpretationFormat.GRAPHIC: (
        "image",
        _("A graphic interpretation needs at least one image."),
    ),
    InterpretationFormat.AUDIO_VIDEO: (
        "video",
        _("An audio or video interpretation needs at least one video or audio file."),
    ),
    InterpretationFormat.ANIMATION: (
        "video",
        _("An animation needs at least one video file or embedded video."),
    ),
    InterpretationFormat.QA: (
        "qa",
        _("A questions-and-answers interpretation needs at least one question."),
    ),
}


def format_errors(interpretation_format, body, expert_name):
    """Field errors for what an interpretation of ``interpretation_format`` lacks."""
    errors = {}
    required = REQUIRED_BLOCKS.get(interpretation_format)
    if required is not None:
        block_type, message = required
        if not any(block.block_type == block_type for block in body or []):
            errors["body"] = message
    if (
        interpretation_format == InterpretationFormat.EXPERT
        and not (expert_name or "").strip()
    ):
        errors["expert_name"] = _("Give the name of the expert who interprets.")
    return errors


class PolicyDocumentForm(DisclosureItemForm):
    """The policy editor: the item's rules, and any active drafting department."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("drafting_organization")
        if field is not None:
            current = self.instance.drafting_organization_id if self.instance else None
            field.queryset = Organization.objects.filter(
                locale_id=self._locale_id(), active=True
            ) | Organization.objects.filter(pk=current or 0)


class InterpretationForm(DisclosureItemForm):
    """The interpretation editor.

    The interpreting organisation is limited to those the editor works for,
    as for items; publishing needs a linked policy and the body the chosen
    format implies (an image for 图解, a video for 音视频, ...).
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_publishing:
            return cleaned_data
        for name, message in format_errors(
            cleaned_data.get("format"),
            cleaned_data.get("body"),
            cleaned_data.get("expert_name"),
        ).items():
            if name in self.fields:
                self.add_error(name, message)
        formset = self.formsets.get("policy_links")
        # The formset is validated after the form: validate it now to read it.
        if formset is not None and formset.is_valid():
            chosen = [
                form.cleaned_data.get("policy")
                for form in formset.forms
                if getattr(form, "cleaned_data", None)
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("policy") is not None
            ]
            if not chosen:
                self.add_error(
                    None, _("Link the interpretation to the policy it interprets.")
                )
            elif len({policy.pk for policy in chosen}) < len(chosen):
                self.add_error(None, _("Each policy can be linked only once."))
        return cleaned_data


# Public list filters ----------------------------------------------------------
class ListFilterForm(forms.Form):
    """Plain GET filters: they work without JavaScript; bad values are dropped."""

    q = forms.CharField(label=_("Keywords"), max_length=100, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class PolicyFilterForm(ListFilterForm):
    document_type = forms.ChoiceField(
        label=_("Document type"),
        required=False,
        choices=[("", _("Any")), *PolicyDocumentType.choices],
    )
    validity = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        choices=[("", _("Any")), *Validity.choices],
    )
    year = forms.ChoiceField(label=_("Year published"), required=False)
    organization = OptionField(label=_("Publishing organisation"), required=False)

    def __init__(self, data, *, organizations, years):
        super().__init__(data)
        any_choice = [("", _("Any"))]
        field = self.fields["organization"]
        field.choices = any_choice + organizations.choices
        field.accepted = {str(pk) for pk in organizations.groups}
        self.fields["year"].choices = any_choice + years


class InterpretationFilterForm(ListFilterForm):
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Any")), *InterpretationFormat.choices],
    )
    year = forms.ChoiceField(label=_("Year published"), required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("Any"))] + years


def year_choices(first_date):
    """Years from this one back to that of ``first_date``, newest first."""
    this_year = timezone.localdate().year
    start = min(first_date.year, this_year) if first_date else this_year
    return [(str(year), str(year)) for year in range(this_year, start - 1, -1)]
