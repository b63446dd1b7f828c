"""What the SQLite and PostgreSQL flavours of the Chinese backend share."""

from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from ..text import query_terms


def terms_of(query, prefix_last=False):
    """The :class:`~govopen.core.search.text.Term` list of a PlainText or Phrase."""
    return query_terms(query.query_string, prefix_last=prefix_last)


def prune_query(query, prefix_last=False):
    """``query`` without the parts that have nothing searchable in them.

    A part made only of punctuation or spaces constrains nothing and is dropped;
    ``None`` means that nothing searchable is left (the search finds nothing,
    as Wagtail's own backends do for an empty query).
    """
    if isinstance(query, PlainText | Phrase):
        return query if terms_of(query, prefix_last) else None
    if isinstance(query, And | Or):
        subqueries = [
            pruned
            for pruned in (prune_query(sub, prefix_last) for sub in query.subqueries)
            if pruned is not None
        ]
        if not subqueries:
            return None
        return subqueries[0] if len(subqueries) == 1 else type(query)(subqueries)
    if isinstance(query, Not):
        subquery = prune_query(query.subquery, prefix_last)
        return None if subquery is None else Not(subquery)
    if isinstance(query, Boost):
        subquery = prune_query(query.subquery, prefix_last)
        return None if subquery is None else Boost(subquery, query.boost)
    return query


def index_columns(fields, title_column="title", other_column="body"):
    """The index columns that hold the model fields ``fields``.

    The database index keeps two columns, the title and everything else, so
    ``search(fields=["title"])`` searches the title column and any other field
    name searches the body column.
    """
    columns = []
    for field in fields:
        column = title_column if field == "title" else other_column
        if column not in columns:
            columns.append(column)
    return columns
