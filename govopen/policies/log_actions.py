"""How the lifecycle actions read in Wagtail's history of a policy page."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from govopen.core.enums import Validity


class AmendFormatter(LogFormatter):
    label = _("Record amendment")

    def format_message(self, log_entry):
        try:
            return _("Amended from %(date)s; replaced by “%(title)s”") % {
                "date": log_entry.data["date"],
                "title": log_entry.data["replacement"]["title"],
            }
        except (KeyError, TypeError):
            return _("Amendment recorded")


class RepealFormatter(LogFormatter):
    label = _("Record repeal")

    def format_message(self, log_entry):
        try:
            data = log_entry.data
            by = (data.get("repealing_document") or {}).get("title") or data["basis"]
            return _("Repealed from %(date)s by “%(by)s”") % {
                "date": data["date"],
                "by": by,
            }
        except (KeyError, TypeError, AttributeError):
            return _("Repeal recorded")


class ReinstateFormatter(LogFormatter):
    label = _("Correct the lifecycle record")

    def format_message(self, log_entry):
        try:
            return _("Marked valid again (was “%(validity)s”)") % {
                "validity": Validity(log_entry.data["from"]).label,
            }
        except (KeyError, TypeError, ValueError):
            return _("Lifecycle record corrected")

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


def register_log_actions(actions):
    actions.register_action("govopen_policies.amend")(AmendFormatter)
    actions.register_action("govopen_policies.repeal")(RepealFormatter)
    actions.register_action("govopen_policies.reinstate")(ReinstateFormatter)
