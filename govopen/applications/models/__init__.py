from .applications import (
    ApplicationCounter,
    DisclosureApplication,
    DisclosureApplicationQuerySet,
    format_application_number,
    generate_query_code,
    normalise_query_code,
)
from .events import ApplicationEvent
from .files import ApplicationFile
from .handling import ACTIONS, ActionNotAllowed
from .pages import ApplicationFormPage
from .replies import Reply, ReplyTemplate

__all__ = [
    "ACTIONS",
    "ActionNotAllowed",
    "Reply",
    "ReplyTemplate",
    "ApplicationCounter",
    "ApplicationEvent",
    "ApplicationFile",
    "ApplicationFormPage",
    "DisclosureApplication",
    "DisclosureApplicationQuerySet",
    "format_application_number",
    "generate_query_code",
    "normalise_query_code",
]
