from .interpretations import (
    FORMAT_GROUPS,
    INTERPRETATION_LISTING_FIELDS,
    InterpretationGroup,
    InterpretationPage,
    InterpretedPolicy,
    group_interpretations,
    live_interpretations,
)
from .lists import InterpretationListPage, PolicyListPage
from .policies import (
    PolicyDocumentManager,
    PolicyDocumentPage,
    PolicyDocumentQuerySet,
    required_types,
)

__all__ = [
    "FORMAT_GROUPS",
    "INTERPRETATION_LISTING_FIELDS",
    "InterpretationGroup",
    "InterpretationListPage",
    "InterpretationPage",
    "InterpretedPolicy",
    "PolicyDocumentManager",
    "PolicyDocumentPage",
    "PolicyDocumentQuerySet",
    "PolicyListPage",
    "group_interpretations",
    "live_interpretations",
    "required_types",
]
