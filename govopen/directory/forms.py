from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from govopen.core.enums import DisclosureAttribute, Validity
from govopen.core.models import Organization
from govopen.core.permissions import organization_ids_for_user

from .rules import not_disclosed_message


class OptionField(forms.ChoiceField):
    """A choice that also accepts the ids of the other languages' rows."""

    def __init__(self, *args, accepted=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = {str(value) for value in accepted}

    def valid_value(self, value):
        return str(value) in self.accepted or super().valid_value(value)


class DirectoryFilterForm(forms.Form):
    """The directory's filters, as plain GET parameters (no JavaScript needed)."""

    q = forms.CharField(label=_("Keywords"), max_length=100, required=False)
    category = OptionField(label=_("Category"), required=False)
    organization = OptionField(label=_("Publishing organisation"), required=False)
    topic = OptionField(label=_("Topic"), required=False)
    genre = OptionField(label=_("Genre"), required=False)
    year = forms.ChoiceField(label=_("Year published"), required=False)
    validity = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        choices=[("", _("Any"))] + list(Validity.choices),
    )

    def __init__(self, data, *, options, years):
        super().__init__(data)
        any_choice = [("", _("Any"))]
        for name, option in options.items():
            field = self.fields[name]
            field.choices = any_choice + option.choices
            field.accepted = {str(pk) for pk in option.groups}
        self.fields["year"].choices = any_choice + years

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class DisclosureItemForm(WagtailAdminPageForm):
    """The item editor: the organisations the editor works for, the 公开属性 rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organization")
        if field is not None:
            queryset = Organization.objects.filter(locale_id=self._locale_id())
            ids = organization_ids_for_user(self.for_user)
            if ids is not None:
                queryset = queryset.filter(pk__in=ids)
            current = self.instance.organization_id if self.instance else None
            field.queryset = Organization.objects.filter(
                pk__in=queryset.filter(active=True).values("pk")
            ) | Organization.objects.filter(
                pk__in=[current] if current and (ids is None or current in ids) else []
            )
            if ids is not None and len(ids) == 1 and not current:
                field.initial = next(iter(ids))
        for name in ("category", "topic", "genre"):
            field = self.fields.get(name)
            if field is not None:
                current = getattr(self.instance, f"{name}_id", None)
                model = field.queryset.model
                field.queryset = model.objects.filter(
                    locale_id=self._locale_id()
                ).filter(active=True) | model.objects.filter(pk=current or 0)

    def _locale_id(self):
        if self.instance and self.instance.locale_id:
            return self.instance.locale_id
        parent = getattr(self, "parent_page", None)
        return parent.locale_id if parent is not None else None

    @property
    def is_publishing(self):
        """True unless the editor is only saving a draft outside a workflow."""
        if not self.is_deferred_validation:
            return True
        page = self.instance
        return bool(page and page.pk and page.workflow_in_progress)

    def clean(self):
        cleaned_data = super().clean()
        attribute = cleaned_data.get("disclosure_attribute")
        # The model refuses a live "not disclosed" item; the form also refuses
        # to submit one for review, so a workflow can never end in an error.
        if (
            attribute == DisclosureAttribute.NOT_DISCLOSED
            and self.is_publishing
            and not self.instance.live
        ):
            self.add_error("disclosure_attribute", not_disclosed_message())
        publish_date = cleaned_data.get("publish_date")
        if publish_date and publish_date > timezone.localdate() and self.is_publishing:
            self.add_error(
                "publish_date",
                _("Use the go-live date to schedule publication, not a future date."),
            )
        return cleaned_data
