"""Server-side highlighting of search matches: escape first, then wrap ``<mark>``.

Matches are found the way the index finds them: in the normalised text
(:func:`~govopen.core.search.text.normalise`), so a Traditional query
highlights the Simplified words it found, and the reverse.
"""

import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import normalise, query_terms, to_simplified


@lru_cache(maxsize=4096)
def _normalise_char(char):
    return unicodedata.normalize("NFKC", char).casefold()


def _normalised_with_offsets(text):
    """``(normalised, offsets)``; offsets[i] is where normalised[i] comes from."""
    fast = normalise(text)
    if len(fast) == len(text):
        # The common case (Chinese prose): normalisation kept every character
        # in place, so positions are shared.
        return fast, None
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # pragma: no cover - OpenCC keeps lengths
        simplified = text
    pieces = []
    offsets = []
    for index, char in enumerate(simplified):
        normalised = _normalise_char(char)
        pieces.append(normalised)
        offsets.extend([index] * len(normalised))
    return "".join(pieces), offsets


def match_spans(text, query):
    """The ``(start, end)`` spans of ``text`` matching ``query``, sorted and merged."""
    if not text:
        return []
    needles = {term.text for term in query_terms(query) if term.text}
    if not needles:
        return []
    normalised, offsets = _normalised_with_offsets(text)
    spans = []
    for needle in needles:
        start = normalised.find(needle)
        while start != -1:
            end = start + len(needle)
            if offsets is None:
                spans.append((start, end))
            else:
                spans.append((offsets[start], offsets[end - 1] + 1))
            start = normalised.find(needle, end)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text, spans):
    parts = []
    position = 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def highlight(text, query):
    """``text`` escaped, with the matches of ``query`` in ``<mark>``."""
    text = str(text or "")
    return _render(text, match_spans(text, query))


def excerpt(text, query, length=160):
    """A highlighted window of about ``length`` characters around the first match.

    Without a match, the beginning of ``text``. An ellipsis marks cut ends.
    """
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return highlight(text, query)
    spans = match_spans(text, query)
    start = max(0, spans[0][0] - length // 4) if spans else 0
    end = min(len(text), start + length)
    start = max(0, end - length)
    window = text[start:end]
    html = highlight(window, query)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - highlight() escapes
