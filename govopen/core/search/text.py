"""Normalisation and segmentation for Chinese full-text search (pure functions).

What is indexed and what is asked go through the same two steps, so that a
query finds a document whenever its text occurs in the document:

1. :func:`normalise`: full-width to half-width (NFKC), Traditional to
   Simplified Chinese (OpenCC ``t2s``), case folding.
2. :func:`segment`: the normalised text becomes tokens that any full-text engine
   can store as words separated by spaces:

   - a run of Latin letters is one token, a run of digits another
     (``GB/T37668`` gives ``gb``, ``t``, ``37668``);
   - a run of CJK characters gives its overlapping bigrams followed by its last
     character (``政务公开`` gives ``政务 务公 公开 开``; a single character stays
     as it is). Every substring of two or more characters of the run is then a
     sequence of adjacent bigrams, and every single character is the start of a
     bigram or the final unigram, so any fragment can be found without a
     dictionary. docs/search.md records the measurement that chose this over
     jieba.

A query is cut the same way into :class:`Term` objects, one per stretch of text
between spaces or punctuation; see :func:`query_terms`.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Scripts written without spaces, segmented into bigrams: CJK ideographs (with
# the extensions and compatibility blocks), 〇, kana and hangul.
CJK_CHARACTERS = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af"
    "\U00020000-\U0003134f"
)

_TOKEN_RE = re.compile(
    rf"(?P<cjk>[{CJK_CHARACTERS}]+)|(?P<digits>\d+)|(?P<letters>[^\W\d_{CJK_CHARACTERS}]+)"
)
_CJK_RUN_RE = re.compile(rf"[{CJK_CHARACTERS}]+")

#: The most tokens a query is cut into; the rest of an absurdly long query is
#: ignored rather than sent to the database as a gigantic expression.
MAX_QUERY_TOKENS = 64
#: Characters of a query looked at (before normalisation).
MAX_QUERY_LENGTH = 512
#: Longer Latin or digit runs (hashes, data URLs) are cut to this length, in the
#: index and in queries alike; PostgreSQL would drop words over 2,047 bytes.
MAX_TOKEN_LENGTH = 64


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text):
    """``text`` with Traditional characters made Simplified (OpenCC t2s)."""
    if not text or not _CJK_RUN_RE.search(text):
        return text
    return _t2s().convert(text)


def normalise(text):
    """The one normalisation of indexed text and queries.

    NFKC (full-width letters, digits and punctuation become half-width; ligatures
    and compatibility characters are decomposed), then Traditional → Simplified,
    then case folding. ``normalise(normalise(x)) == normalise(x)``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = to_simplified(text)
    # Case folding can produce characters NFKC would compose again (e.g. "ǰ").
    return unicodedata.normalize("NFKC", text.casefold())


def _runs(text):
    """Yield ``(kind, run, chunk_index)`` for the token runs of normalised text.

    Runs that touch (no space or punctuation between them) share a chunk index.
    """
    chunk = -1
    last_end = None
    for match in _TOKEN_RE.finditer(text):
        if match.start() != last_end:
            chunk += 1
        last_end = match.end()
        yield match.lastgroup, match.group(), chunk


def _cjk_tokens(run, final_unigram=True):
    if len(run) == 1:
        return [run]
    tokens = [run[i : i + 2] for i in range(len(run) - 1)]
    if final_unigram:
        tokens.append(run[-1])
    return tokens


def segment(text):
    """The index tokens of ``text``, in order (``text`` is normalised first)."""
    tokens = []
    for kind, run, _chunk in _runs(normalise(text)):
        if kind == "cjk":
            tokens.extend(_cjk_tokens(run))
        else:
            tokens.append(run[:MAX_TOKEN_LENGTH])
    return tokens


def index_text(text):
    """``text`` as the index stores it: its tokens separated by spaces."""
    return " ".join(segment(text))


@dataclass(frozen=True)
class Term:
    """One stretch of a query between spaces or punctuation.

    A document matches the term when it contains ``tokens`` as adjacent index
    tokens (engines without reliable positions require them all instead); when
    ``prefix`` is true the last token only has to start the document's token.
    ``text`` is the normalised stretch, for highlighting.
    """

    text: str
    tokens: tuple
    prefix: bool = False


def query_terms(query, prefix_last=False):
    """The :class:`Term` objects of a query, in order, without duplicates.

    Within a stretch, a CJK run followed by Latin letters or digits is cut as in
    the index (its final unigram included, since the document's run ends there
    too); the stretch's last CJK run is not, as the document's run may go on.
    A last CJK run of one character matches as a prefix, which finds the
    character anywhere in a document. ``prefix_last`` (for autocomplete) also
    makes the query's final Latin word or number a prefix.

    Returns an empty list for a query with nothing searchable in it (empty,
    only punctuation); at most :data:`MAX_QUERY_TOKENS` tokens are kept.
    """
    text = normalise(str(query or "")[:MAX_QUERY_LENGTH])
    chunks = {}
    for kind, run, chunk in _runs(text):
        chunks.setdefault(chunk, []).append((kind, run))
    terms = []
    seen = set()
    budget = MAX_QUERY_TOKENS
    for number, runs in enumerate(chunks.values(), start=1):
        tokens = []
        for position, (kind, run) in enumerate(runs):
            last = position == len(runs) - 1
            if kind == "cjk":
                tokens.extend(_cjk_tokens(run, final_unigram=not last))
            else:
                tokens.append(run[:MAX_TOKEN_LENGTH])
        last_kind, last_run = runs[-1]
        prefix = (last_kind == "cjk" and len(last_run) == 1) or (
            prefix_last and last_kind != "cjk" and number == len(chunks)
        )
        if len(tokens) > budget:
            tokens = tokens[:budget]
            prefix = False
        budget -= len(tokens)
        term = Term("".join(run for _kind, run in runs), tuple(tokens), prefix)
        if tokens and (term.tokens, term.prefix) not in seen:
            seen.add((term.tokens, term.prefix))
            terms.append(term)
        if budget <= 0:
            break
    return terms
