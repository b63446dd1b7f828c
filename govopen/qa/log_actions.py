"""How handling actions read in Wagtail's history of a question."""

from wagtail.log_actions import LogFormatter

from .choices import EventKind
from .models import LOG_PREFIX


def _formatter(kind):
    class EventFormatter(LogFormatter):
        label = kind.label

        def format_message(self, log_entry):
            date = (log_entry.data or {}).get("date", "")
            return f"{kind.label} ({date})" if date else str(kind.label)

    return EventFormatter


def register_log_actions(actions):
    for kind in EventKind:
        actions.register_action(f"{LOG_PREFIX}.{kind.value}")(_formatter(kind))
