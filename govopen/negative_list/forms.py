from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from govopen.core import calendar
from govopen.core.enums import NegativeListStatus


class NegativeListPageForm(WagtailAdminPageForm):
    """The page editor's form: checks the entries as a whole.

    Numbers are unique within a list; an organisation's own list holds only
    its (and its sub-organisations') entries; an entry that has been published
    is never deleted, it leaves the list through a recorded review.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("entries")
        if formset is None:
            return cleaned_data
        organization = cleaned_data.get("organization")
        allowed = (
            organization.get_descendant_ids(inclusive=True) if organization else None
        )
        published = self.instance.live or self.instance.first_published_at is not None
        seen = {}
        for form in formset.forms:
            form.is_valid()
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE"):
                if published and form.instance.pk is not None:
                    self.add_error(
                        None,
                        _(
                            "Entry %(number)s has been published and cannot be "
                            "deleted. Record its removal (移出) in Reports › "
                            "Negative list review, so that the change is "
                            "published with its reason."
                        )
                        % {"number": form.instance.number},
                    )
                continue
            number = data.get("number")
            if number is not None:
                if number in seen:
                    form.add_error(
                        "number",
                        _("Number %(number)s is already used by another entry.")
                        % {"number": number},
                    )
                seen[number] = form
            entry_org = data.get("organization")
            if (
                allowed is not None
                and entry_org is not None
                and entry_org.pk not in allowed
            ):
                form.add_error(
                    "organization",
                    _(
                        "This list is %(organization)s's: choose it or one "
                        "of its sub-organisations."
                    )
                    % {"organization": organization},
                )
        return cleaned_data


class ReviewForm(forms.Form):
    """A review that keeps the entry on the list: when, and why."""

    date = forms.DateField(
        label=_("date of the review"),
        widget=AdminDateInput,
        help_text=_("The day the decision was taken; the next review runs from it."),
    )
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the entry stays on the list, e.g. the basis is still in force "
            "and the information is still classified."
        ),
    )

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", calendar.today())
        super().__init__(*args, **kwargs)
        self.entry = entry


class AdjustForm(ReviewForm):
    """A change of status: to what, when, and why (published with the change)."""

    to_status = forms.ChoiceField(
        label=_("new status"),
        widget=forms.RadioSelect,
    )

    field_order = ["to_status", "date", "reason"]

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, entry=entry, **kwargs)
        self.fields["date"].label = _("date of the change")
        self.fields["reason"].help_text = _(
            "Published in the list's record of changes (调整记录)."
        )
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in entry.allowed_statuses()
        ]
        if not self.fields["to_status"].choices:
            self.fields["to_status"].disabled = True

    def clean_to_status(self):
        return NegativeListStatus(self.cleaned_data["to_status"])
