from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..enums import GovOpenSection
from ..search.highlight import excerpt, highlight, match_spans
from ..search.kinds import SearchKind, content_types_by_kind
from ..search.text import MAX_QUERY_LENGTH, query_terms
from .pages import GovOpenPageMixin


@dataclass
class SearchHit:
    """One result as the template shows it."""

    page: Page
    url: str
    kind: SearchKind
    title: str
    excerpt: str


@dataclass
class SearchGroup:
    """The results of one kind: a few on the overview, or one page of them."""

    kind: SearchKind
    count: int
    hits: list = field(default_factory=list)


class CountedPaginator(Paginator):
    """A paginator told its count: the facet query has counted already."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class SearchPage(GovOpenPageMixin, Page):
    """站内搜索: searches the 政府信息公开 section it is placed in.

    Results are grouped by :class:`~govopen.core.search.kinds.SearchKind`
    (directory items, policies, interpretations, Q&A, other pages), with the
    matched words highlighted; ``?kind=`` shows one kind, paginated. It works
    without JavaScript: a plain GET form and links.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )

    govopen_section = GovOpenSection.OTHER

    #: Results per page when one kind is shown.
    results_per_page = 20
    #: Results of each kind on the overview.
    results_per_group = 5
    #: Characters of the excerpt under each result.
    excerpt_length = 160

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    template = "govopen/core/search_page.html"

    class Meta:
        verbose_name = _("search page")

    def get_search_scope(self, request):
        """Override this to search elsewhere than the section's live, public pages."""
        parent = self.get_parent()
        return (
            Page.objects.live()
            .public()
            .descendant_of(parent, inclusive=True)
            .not_type(SearchPage)
        )

    @cached_property
    def _content_types_by_kind(self):
        from wagtail.models import get_page_models

        return content_types_by_kind(get_page_models())

    def get_kind_content_types(self, kind):
        return self._content_types_by_kind.get(kind, [])

    def get_text_for_excerpt(self, page, query):
        """Override this to choose the text shown under a result.

        Default: the page's search description, else the text Wagtail indexes
        for its other search fields (rich text without tags).
        """
        texts = []
        for search_field in page.get_search_fields():
            if (
                isinstance(search_field, index.SearchField)
                and search_field.field_name != "title"
            ):
                value = search_field.get_value(page)
                if isinstance(value, list | tuple):
                    texts.extend(str(item) for item in value)
                elif value:
                    texts.append(str(value))
        body = " ".join(texts)
        if page.search_description and not match_spans(body, query):
            return page.search_description
        return body or page.search_description

    def make_hits(self, pages, request, query):
        """The :class:`SearchHit` list of ``pages``, fetched as their specific types."""
        pages = list(pages)
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
        }
        return [
            self.make_hit(specific.get(page.pk, page), request, query) for page in pages
        ]

    def make_hit(self, page, request, query):
        return SearchHit(
            page=page,
            url=page.get_url(request),
            kind=self._kind_of(page),
            title=highlight(page.title, query),
            excerpt=excerpt(
                self.get_text_for_excerpt(page, query), query, self.excerpt_length
            ),
        )

    def _kind_of(self, page):
        for kind, content_types in self._content_types_by_kind.items():
            if page.content_type_id in content_types:
                return kind
        return SearchKind.OTHER

    def _counts(self, scope, query):
        # Counting needs no ranking, which is the costly part of a search.
        results = scope.search(query, order_by_relevance=False)
        counts = dict.fromkeys(SearchKind, 0)
        for content_type, count in results.facet("content_type_id").items():
            for kind, content_types in self._content_types_by_kind.items():
                if content_type in content_types:
                    counts[kind] += count
                    break
            else:
                counts[SearchKind.OTHER] += count
        return counts

    def _scope_for(self, scope, kind):
        if kind == SearchKind.OTHER:
            known = [
                pk
                for other, content_types in self._content_types_by_kind.items()
                if other != SearchKind.OTHER
                for pk in content_types
            ]
            return scope.exclude(content_type_id__in=known)
        return scope.filter(content_type_id__in=self.get_kind_content_types(kind))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = " ".join(request.GET.get("q", "")[:MAX_QUERY_LENGTH].split())
        kind = request.GET.get("kind")
        kind = SearchKind(kind) if kind in SearchKind.values else None
        context.update(
            query=query,
            kind=kind,
            kinds=SearchKind,
            searchable=bool(query_terms(query)),
            kind_counts=[],
            total=0,
            groups=[],
            results_page=None,
        )
        if not context["searchable"]:
            return context

        scope = self.get_search_scope(request)
        counts = self._counts(scope, query)
        present = [k for k in SearchKind if counts[k]]
        context["kind_counts"] = [(k, counts[k]) for k in present]
        context["total"] = sum(counts.values())
        if kind is None and len(present) == 1:
            # Only one kind matched: show its results directly, paginated.
            kind = present[0]
            context["kind"] = kind
            context["only_kind"] = True
        if kind is not None:
            results = self._scope_for(scope, kind).search(query)
            paginator = CountedPaginator(results, self.results_per_page, counts[kind])
            results_page = paginator.get_page(request.GET.get("page"))
            context["results_page"] = results_page
            context["page_range"] = paginator.get_elided_page_range(
                results_page.number, on_each_side=2, on_ends=1
            )
            context["groups"] = [
                SearchGroup(
                    kind=kind,
                    count=counts[kind],
                    hits=self.make_hits(results_page, request, query),
                )
            ]
        else:
            context["groups"] = [
                SearchGroup(
                    kind=k,
                    count=counts[k],
                    hits=self.make_hits(
                        self._scope_for(scope, k).search(query)[
                            : self.results_per_group
                        ],
                        request,
                        query,
                    ),
                )
                for k in present
            ]
        return context
