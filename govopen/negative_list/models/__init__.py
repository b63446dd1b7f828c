from .entries import (
    GROUND_CHOICES,
    TRANSITIONS,
    NegativeListEntry,
    NegativeListEntryChange,
    NegativeListEntryQuerySet,
    citation_relation,
)
from .pages import NegativeListListing, NegativeListPage

__all__ = [
    "GROUND_CHOICES",
    "TRANSITIONS",
    "NegativeListEntry",
    "NegativeListEntryChange",
    "NegativeListEntryQuerySet",
    "NegativeListListing",
    "NegativeListPage",
    "citation_relation",
]
