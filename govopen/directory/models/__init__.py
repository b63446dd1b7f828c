from .directory import DisclosureDirectoryPage
from .index_numbers import IndexNumber, IndexNumberCounter
from .items import (
    AbstractDisclosureItem,
    DisclosureItemAttachment,
    DisclosureItemPage,
    RelatedItemLink,
)
from .taxonomy import DirectoryCategory, Genre, TaxonomyBase, Topic
from .workflows import OrganizationApprovalTask

__all__ = [
    "AbstractDisclosureItem",
    "DirectoryCategory",
    "DisclosureDirectoryPage",
    "DisclosureItemAttachment",
    "DisclosureItemPage",
    "Genre",
    "IndexNumber",
    "IndexNumberCounter",
    "OrganizationApprovalTask",
    "RelatedItemLink",
    "TaxonomyBase",
    "Topic",
]
