"""Atom feeds of a directory and of each of its categories."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from govopen.core.conf import get_setting


class DirectoryFeed(Feed):
    """The newest items of a directory (or of one category in it), newest first.

    Entries carry the metadata a reader needs to recognise a document (index
    number, document number, organisation) and the summary, never the full text:
    an item disclosed on request must not leak through its feed.
    """

    feed_type = Atom1Feed

    def get_object(self, request, directory, category=None):
        self.request = request
        category_obj = directory.get_category(category) if category else None
        return directory, category_obj

    def title(self, obj):
        directory, category = obj
        if category is not None:
            return f"{directory.title} - {category.localized.name}"
        return directory.title

    def link(self, obj):
        directory, category = obj
        url = directory.get_url(self.request) or "/"
        if category is not None:
            url += f"?category={category.pk}"
        return url

    def subtitle(self, obj):
        directory, _category = obj
        return directory.search_description or None

    def items(self, obj):
        directory, category = obj
        queryset = directory.get_items()
        if category is not None:
            ids = list(
                category.__class__.objects.filter(
                    translation_key=category.translation_key
                ).values_list("pk", flat=True)
            )
            children = category.__class__.objects.filter(parent_id__in=ids)
            ids += list(children.values_list("pk", flat=True))
            queryset = queryset.filter(category_id__in=ids)
        return (
            queryset.select_related("organization")
            .defer("body")
            .order_by("-publish_date", "-pk")[
                : get_setting("GOVOPEN_DIRECTORY_FEED_ITEMS")
            ]
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.full_url or item.get_url(self.request)

    def item_description(self, item):
        lines = []
        if item.index_number:
            lines.append(_("Index number: %(value)s") % {"value": item.index_number})
        if item.document_number:
            lines.append(
                _("Document number: %(value)s") % {"value": item.document_number}
            )
        lines.append(
            _("Publishing organisation: %(value)s") % {"value": item.organization.name}
        )
        if item.summary:
            lines.append(item.summary)
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))

    def item_author_name(self, item):
        return item.organization.name

    def item_pubdate(self, item):
        """The legal date of publication (发布日期), at midnight local time."""
        if item.publish_date:
            return timezone.make_aware(
                datetime.datetime.combine(item.publish_date, datetime.time())
            )
        return item.first_published_at

    def item_updateddate(self, item):
        published = self.item_pubdate(item)
        if item.last_published_at and (
            published is None or item.last_published_at > published
        ):
            return item.last_published_at
        return published
