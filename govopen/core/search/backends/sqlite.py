"""Wagtail's SQLite FTS5 search backend, fed with normalised and segmented text.

Only the text changes: the index stores ``index_text()`` of each column, whose
tokens FTS5's default ``unicode61`` tokenizer splits on the spaces; a query
becomes one FTS5 phrase per :class:`~govopen.core.search.text.Term`, so a
Chinese fragment matches exactly where its characters are adjacent.
"""

from functools import reduce

from django.db.models import F, FloatField
from django.db.models.functions import Sign
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as base
from modelsearch.backends.database.sqlite.query import (
    BM25,
    Lexeme,
    SearchQueryExpression,
)
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from ..text import index_text
from .common import index_columns, prune_query, terms_of

IndexEntry = base.IndexEntry
SQLiteFTSIndexEntry = base.SQLiteFTSIndexEntry

# modelsearch creates the FTS5 table as fts5(autocomplete, body, title).
FTS_COLUMNS = ("autocomplete", "body", "title")
DEFAULT_TITLE_WEIGHT = 10.0
TITLE_MATCH_BONUS = 10000.0
DEFAULT_COLUMN_WEIGHTS = {
    "autocomplete": 1.0,
    "body": 1.0,
    "title": DEFAULT_TITLE_WEIGHT,
}


class ObjectIndexer(base.ObjectIndexer):
    """Wagtail's indexer; each column is stored as normalised, segmented text."""

    @cached_property
    def title(self):
        return index_text(base.ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return index_text(base.ObjectIndexer.body.func(self))

    @cached_property
    def autocomplete(self):
        return index_text(base.ObjectIndexer.autocomplete.func(self))


class SQLiteIndex(base.SQLiteIndex):
    indexer_class = ObjectIndexer

    def add_items(self, model, objs):
        # Wagtail's add_items with the indexer class as an attribute.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body)
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(
            entries.filter(object_id__in=data).values_list("object_id", flat=True)
        )
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class ColumnBM25(BM25):
    """FTS5's bm25() for one column: the other columns get weight 0."""

    output_field = FloatField()

    def __init__(self, column):
        self.column = column
        super().__init__()

    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join("1.0" if c == self.column else "0.0" for c in FTS_COLUMNS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class ChineseQueryMixin:
    """Turns PlainText and Phrase queries into FTS5 phrases of index tokens."""

    def _lexemes(self, query):
        terms = terms_of(query, prefix_last=self.LAST_TERM_IS_PREFIX)
        if isinstance(query, Phrase):
            # A quoted phrase: all its tokens adjacent, in order.
            tokens = [token for term in terms for token in term.tokens]
            return Lexeme(" ".join(tokens), prefix=terms[-1].prefix)
        lexemes = [Lexeme(" ".join(term.tokens), prefix=term.prefix) for term in terms]
        if query.operator == "or":
            return reduce(lambda a, b: a | b, lexemes)
        return reduce(lambda a, b: a & b, lexemes)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            return SearchQueryExpression(self._lexemes(query), config=config)
        return super().build_search_query_content(query, config=config)

    def get_config(self, backend):
        # SQLite has no text search configuration; what the backend passes
        # through to the ranking is its column weights.
        return backend.column_weights

    def get_index_vectors(self):
        # Rank each column on its own, as Wagtail does on PostgreSQL (one
        # bm25() over the row would let the title norm boost body matches).
        return [("title", F("index_entry__title_norm")), ("body", 1.0)]

    def _build_rank_expression(self, vectors, config):
        # Wagtail's sum of weighted ranks (bm25() is negative: lower is
        # better), plus a bonus for a match in the title far beyond what
        # bm25() reaches, so a title match ranks above any body-only match.
        rank = super()._build_rank_expression(vectors, config)
        if any(vector == "title" for vector, _boost in vectors):
            rank = rank + Sign(ColumnBM25("title")) * TITLE_MATCH_BONUS
        return rank

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, PlainText | Phrase | Not):
            weight = (config or DEFAULT_COLUMN_WEIGHTS)[vector] * boost
            rank = ColumnBM25(vector)
            return rank * weight if weight != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def search(self, config, start, stop, score_field=None):
        query = prune_query(self.query, prefix_last=self.LAST_TERM_IS_PREFIX)
        if query is None:
            return self.queryset.none()
        self.query = query
        requested_fields = self.fields
        if requested_fields:
            # Wagtail would name model fields as FTS5 columns; map them.
            self.fields = self.fts_columns(requested_fields)
        try:
            return super().search(config, start, stop, score_field=score_field)
        finally:
            self.fields = requested_fields

    def fts_columns(self, fields):
        return index_columns(fields)


class SQLiteSearchQueryCompiler(ChineseQueryMixin, base.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(
    ChineseQueryMixin, base.SQLiteAutocompleteQueryCompiler
):
    def get_index_vectors(self):
        return [("autocomplete", 1.0)]

    def fts_columns(self, fields):
        return ["autocomplete"]


class SQLiteSearchBackend(base.SQLiteSearchBackend):
    """Wagtail's SQLite FTS5 backend for Chinese text.

    Backend options, beside Wagtail's: ``TITLE_WEIGHT`` (default 10), how much
    more a match in the title counts than one in the body in FTS5's bm25().
    """

    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex

    def __init__(self, params):
        super().__init__(params)
        self.column_weights = {
            **DEFAULT_COLUMN_WEIGHTS,
            "title": float(params.get("TITLE_WEIGHT", DEFAULT_TITLE_WEIGHT)),
        }


SearchBackend = SQLiteSearchBackend
