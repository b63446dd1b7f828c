"""The kinds of page the site search groups its results by.

A page type says which kind it is with a ``search_kind`` class attribute (a
:class:`SearchKind` value). govopen's own page types that do not say are looked
up by model label in :data:`DEFAULT_KINDS`; anything else is an "other page".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    """Result groups of the site search, in display order."""

    DIRECTORY = "directory", _("Directory items")  # 目录信息
    POLICY = "policy", _("Policy documents")  # 政策文件
    INTERPRETATION = "interpretation", _("Policy interpretations")  # 政策解读
    QA = "qa", _("Questions and answers")  # 政民互动
    OTHER = "other", _("Other pages")  # 其他页面


#: govopen's page types, by model label, for when they declare no search_kind.
DEFAULT_KINDS = {
    "govopen_directory.disclosureitempage": SearchKind.DIRECTORY,
    "govopen_policies.policydocumentpage": SearchKind.POLICY,
    "govopen_policies.interpretationpage": SearchKind.INTERPRETATION,
    "govopen_qa.qapage": SearchKind.QA,
}


def search_kind_for(model):
    """The :class:`SearchKind` of a page model (the most specific declaration wins)."""
    for cls in model.__mro__:
        declared = cls.__dict__.get("search_kind")
        if declared:
            return SearchKind(declared)
        meta = cls.__dict__.get("_meta")
        if meta is not None and not meta.abstract and meta.label_lower in DEFAULT_KINDS:
            return DEFAULT_KINDS[meta.label_lower]
    return SearchKind.OTHER


def content_types_by_kind(page_models):
    """``{SearchKind: [content type id, ...]}`` for the given page models."""
    from django.contrib.contenttypes.models import ContentType

    grouped = {}
    content_types = ContentType.objects.get_for_models(
        *page_models, for_concrete_models=False
    )
    for model, content_type in content_types.items():
        grouped.setdefault(search_kind_for(model), []).append(content_type.pk)
    return grouped
