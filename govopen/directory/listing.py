"""The directory listing: GET parameters → filtered, searched, paginated items.

The listing costs the same number of queries whatever the number of items:
one per classification (every locale's rows, grouped in Python), one for the
earliest year, the count and the page. A bad parameter never raises: it is
dropped and explained in ``notices``.
"""

from collections import defaultdict
from functools import cached_property

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from govopen.core.conf import get_setting
from govopen.core.enums import Validity
from govopen.core.listing import PublicListing
from govopen.core.models import Organization

from .forms import DirectoryFilterForm
from .models import DirectoryCategory, DisclosureItemPage, Genre, Topic

FILTER_PARAMETERS = ("category", "organization", "topic", "genre", "year", "validity")
# Only what a row shows and its URL needs: the body stays on disk.
LISTING_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "index_number",
    "document_number",
    "publish_date",
    "validity",
    "expiry_date",
    "organization_id",
)


def validity_q(value, day):
    """Items whose validity on ``day`` is ``value`` (see ``validity_on``).

    An item recorded as valid whose expiry date has passed is 失效, not 有效.
    """
    value = Validity(value)
    expired = Q(validity=Validity.VALID, expiry_date__lt=day)
    if value == Validity.VALID:
        return Q(validity=Validity.VALID) & ~expired
    if value == Validity.EXPIRED:
        return Q(validity=Validity.EXPIRED) | expired
    return Q(validity=value)


class Options:
    """The choices of one classification in the reader's language.

    ``groups`` maps any row's pk to the pks of its whole translation group and,
    for a parent, of its children's groups: filtering by a topic also finds the
    items of its sub-topics, whichever language's row an item points to.
    """

    def __init__(self, rows, locale_id, default_locale_id, hierarchical=True):
        by_key = defaultdict(list)
        for row in rows:
            by_key[row["translation_key"]].append(row)
        display = {}
        for key, translations in by_key.items():
            translations.sort(
                key=lambda row: (
                    row["locale_id"] != locale_id,
                    row["locale_id"] != default_locale_id,
                    row["pk"],
                )
            )
            display[key] = translations[0]
        key_of = {row["pk"]: row["translation_key"] for row in rows}
        children = defaultdict(set)
        if hierarchical:
            for row in rows:
                if row.get("parent_id") in key_of:
                    children[key_of[row["parent_id"]]].add(row["translation_key"])
        self.groups = {}
        for pk, key in key_of.items():
            keys = {key} | children[key]
            self.groups[pk] = sorted(
                row["pk"] for group_key in keys for row in by_key[group_key]
            )
        self.names = {pk: display[key]["name"] for pk, key in key_of.items()}
        self.choices = []
        roots = [row for row in display.values() if row.get("parent_id") not in key_of]
        roots.sort(key=lambda row: (row.get("sort_order", 0), row["name"]))
        for root in roots:
            self._add_choice(root, 0)
            kids = [display[key] for key in children[root["translation_key"]]]
            kids.sort(key=lambda row: (row.get("sort_order", 0), row["name"]))
            for kid in kids:
                self._add_choice(kid, 1)

    def _add_choice(self, row, level):
        if row.get("active", True):
            prefix = "\u3000" * level
            self.choices.append((str(row["pk"]), f"{prefix}{row['name']}"))

    def ids_for(self, pk):
        return self.groups.get(pk)

    def label_for(self, pk):
        """The name to show for ``pk`` in the reader's language."""
        return self.names.get(pk, "")


def _rows(model, *fields):
    return list(
        model.objects.values("pk", "translation_key", "locale_id", "name", *fields)
    )


class DirectoryListing(PublicListing):
    """The state of one directory listing request."""

    parameters = (*FILTER_PARAMETERS, "q")

    def __init__(self, directory, params):
        super().__init__(directory, params)
        self.directory = directory
        self.page_size = get_setting("GOVOPEN_DIRECTORY_PAGE_SIZE")
        locale_id = self.active_locale_id
        default_id = directory.locale_id
        self.categories = Options(
            _rows(DirectoryCategory, "parent_id", "sort_order", "active", "code"),
            locale_id,
            default_id,
        )
        self.topics = Options(
            _rows(Topic, "parent_id", "sort_order", "active", "code"),
            locale_id,
            default_id,
        )
        self.genres = Options(
            _rows(Genre, "parent_id", "sort_order", "active", "code"),
            locale_id,
            default_id,
        )
        self.organizations = Options(
            _rows(Organization, "parent_id", "sort_order", "active"),
            locale_id,
            default_id,
            hierarchical=False,
        )
        self.form = DirectoryFilterForm(
            params,
            options={
                "category": self.categories,
                "topic": self.topics,
                "genre": self.genres,
                "organization": self.organizations,
            },
            years=self.year_choices(),
        )
        self.filters = self.clean_filters()

    @cached_property
    def base_queryset(self):
        """The directory's live, public items (view restrictions read once)."""
        return self.directory.get_items()

    # Parameters ---------------------------------------------------------
    def year_choices(self):
        first = (
            self.base_queryset.filter(publish_date__isnull=False)
            .order_by("publish_date")
            .values_list("publish_date", flat=True)
            .first()
        )
        this_year = timezone.localdate().year
        start = min(first.year, this_year) if first else this_year
        return [(str(year), str(year)) for year in range(this_year, start - 1, -1)]

    # Queries --------------------------------------------------------------
    def filter_queryset(self, queryset):
        filters = self.filters
        lookups = {}
        for name, options in (
            ("category", self.categories),
            ("topic", self.topics),
            ("genre", self.genres),
            ("organization", self.organizations),
        ):
            if name in filters:
                lookups[f"{name}__in"] = options.ids_for(int(filters[name]))
        if "year" in filters:
            year = int(filters["year"])
            lookups["publish_date__gte"] = f"{year}-01-01"
            lookups["publish_date__lte"] = f"{year}-12-31"
        queryset = queryset.filter(**lookups)
        if "validity" in filters:
            queryset = queryset.filter(
                validity_q(filters["validity"], timezone.localdate())
            )
        return queryset

    @cached_property
    def queryset(self):
        """The filtered items, newest first; a search result when ``q`` is given."""
        queryset = self.filter_queryset(self.base_queryset)
        query = self.filters.get("q")
        if query:
            # The configured search backend does the matching (govopen's own for
            # Chinese, or Elasticsearch/OpenSearch); the filters above stay.
            # Search backends sort only on filter fields: path breaks date ties.
            return queryset.order_by("-publish_date", "-path").search(
                query, order_by_relevance=False
            )
        # Ids first, from the item table's own index; the rows of one page after.
        return queryset.order_by("-publish_date", "-pk").values_list("pk", flat=True)

    @cached_property
    def items(self):
        """The items of the current page, with what a row shows."""
        rows = list(self.page.object_list)
        if not rows or not isinstance(rows[0], int):
            return rows
        by_id = DisclosureItemPage.objects.only(*LISTING_FIELDS).in_bulk(rows)
        return [by_id[pk] for pk in rows if pk in by_id]

    @property
    def is_filtered(self):
        return bool(self.filters)

    def export_items(self, limit, chunk_size=500):
        """The filtered items for an export, at most ``limit``, with their relations."""
        related = ("organization", "category", "topic", "genre")
        if "q" not in self.filters:
            queryset = (
                self.filter_queryset(self.base_queryset)
                .order_by("-publish_date", "-pk")
                .select_related(*related)
                .defer("body")[:limit]
            )
            yield from queryset.iterator(chunk_size=chunk_size)
            return
        # Search results cannot select_related: read them in chunks by id.
        results = self.queryset
        for start in range(0, limit, chunk_size):
            chunk = [
                page.pk for page in results[start : min(start + chunk_size, limit)]
            ]
            if not chunk:
                return
            by_id = (
                DisclosureItemPage.objects.select_related(*related)
                .defer("body")
                .in_bulk(chunk)
            )
            yield from (by_id[pk] for pk in chunk if pk in by_id)
            if len(chunk) < chunk_size:
                return

    def value_label(self, name, value):
        options = {
            "category": self.categories,
            "topic": self.topics,
            "genre": self.genres,
            "organization": self.organizations,
        }
        if name in options:
            return options[name].label_for(int(value))
        if name == "validity":
            return Validity(value).label
        return value

    @property
    def language(self):
        return get_language()
