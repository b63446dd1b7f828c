"""How the review actions read in Wagtail's history of the list page."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from govopen.core.enums import NegativeListStatus


def _status(value):
    try:
        return NegativeListStatus(value).label
    except ValueError:
        return value


class ReviewFormatter(LogFormatter):
    label = _("Review negative list entry")

    def format_message(self, log_entry):
        try:
            return _("Entry %(number)s reviewed, unchanged (%(date)s)") % {
                "number": log_entry.data["entry"]["number"],
                "date": log_entry.data["date"],
            }
        except (KeyError, TypeError):
            return _("Negative list entry reviewed")

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


class AdjustFormatter(LogFormatter):
    label = _("Adjust negative list entry")

    def format_message(self, log_entry):
        try:
            return _("Entry %(number)s: “%(from)s” → “%(to)s” (%(date)s)") % {
                "number": log_entry.data["entry"]["number"],
                "from": _status(log_entry.data["from"]),
                "to": _status(log_entry.data["to"]),
                "date": log_entry.data["date"],
            }
        except (KeyError, TypeError):
            return _("Negative list entry adjusted")

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


def register_log_actions(actions):
    actions.register_action("govopen_negative_list.review")(ReviewFormatter)
    actions.register_action("govopen_negative_list.adjust")(AdjustFormatter)
