"""Messages of the disclosure rules, shared by the model and the admin form."""

from django.utils.translation import gettext_lazy as _


def not_disclosed_message():
    return _(
        "An item marked “not disclosed” cannot be published. Change its disclosure "
        "attribute after review, or keep it as a draft."
    )


def missing_reason_message():
    return _("Give the reason why this item is not to be disclosed.")
