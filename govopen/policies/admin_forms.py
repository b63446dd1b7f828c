"""Forms of the lifecycle actions (admin only: their widgets need the app registry)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.models import Page


class AmendForm(forms.Form):
    replacement = forms.ModelChoiceField(
        label=_("New version"),
        queryset=Page.objects.all(),
        widget=AdminPageChooser(target_models=["govopen_policies.PolicyDocumentPage"]),
        help_text=_("The published policy document that replaces this one."),
    )
    on = forms.DateField(
        label=_("Date amended"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "Leave blank to use the day the new version takes effect or was published."
        ),
    )


class RepealForm(forms.Form):
    on = forms.DateField(
        label=_("Date repealed"),
        widget=AdminDateInput,
        help_text=_("The day from which the document no longer applies."),
    )
    repealing_document = forms.ModelChoiceField(
        label=_("Repealing document"),
        queryset=Page.objects.all(),
        required=False,
        widget=AdminPageChooser(target_models=["govopen_directory.DisclosureItemPage"]),
        help_text=_("The decision or document on this website that repeals it."),
    )
    basis = forms.CharField(
        label=_("Basis of repeal"),
        max_length=255,
        required=False,
        help_text=_(
            "When the repealing decision is not on this website: its title or "
            "document number."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if (
            not cleaned_data.get("repealing_document")
            and not (cleaned_data.get("basis") or "").strip()
        ):
            self.add_error(
                "basis", _("Give the repealing document or the basis of the repeal.")
            )
        return cleaned_data


class ReinstateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Recorded in the page's history."),
    )
