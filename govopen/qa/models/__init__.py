from .categories import QuestionCategory
from .events import QuestionEvent
from .pages import QAPage
from .questions import (
    ACTIONS,
    LOG_PREFIX,
    ActionNotAllowed,
    Question,
    canonical_organization,
)

__all__ = [
    "ACTIONS",
    "LOG_PREFIX",
    "ActionNotAllowed",
    "QAPage",
    "Question",
    "QuestionCategory",
    "QuestionEvent",
    "canonical_organization",
]
