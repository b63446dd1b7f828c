"""Forms of the office's and departments' actions on a question."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govopen.core.models import Organization

from .masking import mask_personal_data


class ActionForm(forms.Form):
    """Every action has a date (today by default) and an internal note."""

    on = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("Leave empty for today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only."),
    )

    def __init__(self, *args, question=None, user=None, **kwargs):
        self.question = question
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_on(self):
        on = self.cleaned_data.get("on")
        if on and on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return on


class AcceptForm(ActionForm):
    pass


class RefuseForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (told to the asker)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AssignForm(ActionForm):
    organization = forms.ModelChoiceField(
        label=_("Department"), queryset=Organization.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Locale

        self.fields["organization"].queryset = Organization.objects.filter(
            active=True, locale=Locale.get_default()
        ).order_by("sort_order", "name")
        if self.question is not None:
            self.initial.setdefault(
                "organization",
                self.question.organization_id
                or self.question.requested_organization_id,
            )


class ReplyForm(ActionForm):
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.question is not None and self.question.reply:
            self.initial.setdefault("reply", self.question.reply)


class ApproveForm(ReplyForm):
    """The office may correct the reply while approving it."""


class ReturnForm(ActionForm):
    note = forms.CharField(
        label=_("What the department should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublishForm(ActionForm):
    subject = forms.CharField(label=_("Published subject"), max_length=100)
    text = forms.CharField(
        label=_("Published question"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Proposed with phone numbers, identity numbers and email addresses "
            "masked. Check it and mask anything else that identifies the asker."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.question is not None:
            self.initial.setdefault(
                "subject", mask_personal_data(self.question.subject)
            )
            self.initial.setdefault("text", self.question.proposed_masked_question())


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
