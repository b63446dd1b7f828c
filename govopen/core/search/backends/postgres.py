"""Wagtail's PostgreSQL search backend, fed with normalised and segmented text.

The tsvectors are built from ``segment()`` tokens joined by spaces, with the
``simple`` configuration by default (the text is already normalised; no
stemming or stop words, like SQLite). A query term requires all its tokens
(``&``) rather than adjacent ones (``<->``): PostgreSQL keeps no positions past
16,383 or beyond 256 per lexeme, so phrase operators would miss matches deep in
long documents. docs/search.md gives the precision this costs (small: the
bigrams of a term rarely all occur without the term).
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres as base
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from ..text import segment
from .common import index_columns, prune_query, terms_of

IndexEntry = base.IndexEntry

#: PostgreSQL stores token positions up to this number only.
MAX_POSITION = 16383
#: ts_rank() normalisation: rank / (rank + 1), so that a rank stays below 1
#: however often a long body repeats the query.
RANK_NORMALISATION = 32

#: The most tokens one text contributes to a tsvector (which may not exceed
#: 1 MB): after MAX_POSITION tokens only tokens not seen before are kept.
MAX_VECTOR_TOKENS = 60000


def vector_text(text):
    """``text`` segmented for ``to_tsvector``, within PostgreSQL's limits."""
    tokens = segment(text)
    if len(tokens) > MAX_POSITION:
        seen = set(tokens[:MAX_POSITION])
        tail = []
        for token in tokens[MAX_POSITION:]:
            if token not in seen:
                seen.add(token)
                tail.append(token)
        tokens = (tokens[:MAX_POSITION] + tail)[:MAX_VECTOR_TOKENS]
    return " ".join(tokens)


class ObjectIndexer(base.ObjectIndexer):
    """Wagtail's indexer; the tsvectors are built from segmented text."""

    def as_vector(self, texts, for_autocomplete=False):
        return super().as_vector(
            [(vector_text(text), weight) for text, weight in texts],
            for_autocomplete=for_autocomplete,
        )

    # The plain-text mirrors serve Wagtail's fuzzy search: keep them normalised
    # so that a Traditional query finds Simplified text there too.
    @cached_property
    def title_text(self):
        return " ".join(segment(base.ObjectIndexer.title_text.func(self)))

    @cached_property
    def body_text(self):
        return " ".join(segment(base.ObjectIndexer.body_text.func(self)))


class PostgresIndex(base.PostgresIndex):
    indexer_class = ObjectIndexer

    def add_items(self, model, objs):
        # Wagtail's add_items with the indexer class as an attribute.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows_sql = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append(f"(%s, %s, {', '.join(vectors_sql)}, 1.0, %s, %s)")
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, "  # noqa: S608
                "autocomplete, body, title_norm, title_text, body_text) "
                f"(VALUES {', '.join(rows_sql)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                "title = EXCLUDED.title, title_norm = 1.0, "
                "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


def _combine(items, operator):
    if operator == "and":
        return reduce(lambda a, b: a & b, items)
    return reduce(lambda a, b: a | b, items)


class ChineseQueryMixin:
    """Turns PlainText and Phrase queries into tsqueries of index tokens."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText | Phrase):
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = terms_of(query, prefix_last=self.LAST_TERM_IS_PREFIX)
        within, between = "and", getattr(query, "operator", "and")
        if invert:
            # not (a and b) == (not a) or (not b), and the reverse.
            within = "or"
            between = "or" if between == "and" else "and"
        lexemes = _combine(
            [
                _combine(
                    [
                        Lexeme(
                            token,
                            invert=invert,
                            prefix=term.prefix and i == len(term.tokens) - 1,
                        )
                        for i, token in enumerate(term.tokens)
                    ],
                    within,
                )
                for term in terms
            ],
            between,
        )
        return SearchQuery(lexemes, search_type="raw", config=config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if not isinstance(query, PlainText | Phrase | Not):
            return super().build_tsrank(vector, query, config=config, boost=boost)
        rank = SearchRank(
            vector,
            self.build_tsquery(query, config=config),
            weights=self.sql_weights,
            normalization=Value(RANK_NORMALISATION),
        )
        return rank * boost if boost != 1.0 else rank

    def _build_rank_expression(self, vectors, config):
        # Wagtail's sum of weighted ranks, plus 1 for a match in the title: as
        # every other rank is below 1, a title match ranks above any document
        # that matches in its body only, however often.
        ranks = []
        for vector, boost in vectors:
            rank = self.build_tsrank(vector, self.query, config=config)
            if getattr(vector, "name", None) == "index_entries__title":
                title_matches = SearchVectorExact(
                    vector, self.build_tsquery(self.query, config=config)
                )
                ranks.append(
                    Case(
                        When(title_matches, then=Value(1.0)),
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
                )
            ranks.append(rank * boost)
        return reduce(lambda a, b: a + b, ranks)

    def get_fields_vectors(self, search_query):
        # Wagtail would build vectors from the raw model fields; use the
        # index's segmented columns instead.
        vectors = {
            "title": (F("index_entries__title"), F("index_entries__title_norm")),
            "body": (F("index_entries__body"), 1.0),
        }
        return [vectors[column] for column in index_columns(self.fields)]

    def search(self, config, start, stop, score_field=None, backend=None):
        query = prune_query(self.query, prefix_last=self.LAST_TERM_IS_PREFIX)
        if query is None:
            return self.queryset.none()
        self.query = query
        return super().search(
            config, start, stop, score_field=score_field, backend=backend
        )


class PostgresSearchQueryCompiler(ChineseQueryMixin, base.PostgresSearchQueryCompiler):
    pass


class PostgresAutocompleteQueryCompiler(
    ChineseQueryMixin, base.PostgresAutocompleteQueryCompiler
):
    def get_fields_vectors(self, search_query):
        return [(F("index_entries__autocomplete"), 1.0)]


class PostgresSearchBackend(base.PostgresSearchBackend):
    """Wagtail's PostgreSQL backend for Chinese text.

    ``SEARCH_CONFIG`` defaults to ``simple``: the text is normalised and
    segmented before PostgreSQL sees it. Set it (e.g. ``english``) to stem
    Latin words as well; Chinese tokens pass through any configuration.
    """

    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = PostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"


SearchBackend = PostgresSearchBackend
