"""Which Chinese segmentation should the search index use? Measure it.

Compares, on the real corpus (../shared/corpus/regulations.jsonl), the CJK bigram
segmentation of govopen.core.search.text with a dictionary segmenter (jieba and
rjieba, when installed), for three kinds of query drawn at random with a fixed
seed:

- ``body``: 2-6 character stretches of document bodies;
- ``title``: 3-8 character fragments of titles
  (both without punctuation or spaces, as people type them);
- ``word``: words that jieba itself cuts from document bodies (this favours the
  dictionary segmenter: it is the query it was made for).

A document is *relevant* to a query when its normalised text (title and body)
contains the normalised query. A segmenter *retrieves* the documents whose tokens
match the query's tokens: all of them (``and``, what a search engine without
reliable positions does) or adjacent and in order (``phrase``, SQLite FTS5).
Recall and precision are micro-averaged over all (query, document) pairs; the
share of queries with full recall is also given. Nothing here touches a database.

    .venv/bin/python benchmarks/search_segmentation.py [--corpus PATH] [--queries N]
"""

import argparse
import json
import random
import re
import sys
import time
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govopen.core.search.text import (  # noqa: E402
    CJK_CHARACTERS,
    normalise,
    query_terms,
    segment,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "regulations.jsonl"
SEED = 20240607
_WORD = re.compile(rf"[{CJK_CHARACTERS}\w]")
_CJK = re.compile(rf"[{CJK_CHARACTERS}]")
_PLAIN = re.compile(rf"[{CJK_CHARACTERS}a-z0-9]+")


class Index:
    """An in-memory positional inverted index of token lists."""

    def __init__(self, docs_tokens):
        self.postings = defaultdict(dict)
        for doc, tokens in enumerate(docs_tokens):
            for position, token in enumerate(tokens):
                self.postings[token].setdefault(doc, []).append(position)
        self.vocabulary = sorted(self.postings)
        self.size = sum(len(tokens) for tokens in docs_tokens)

    def _expand(self, token, prefix):
        if not prefix:
            return [token] if token in self.postings else []
        start = bisect_left(self.vocabulary, token)
        found = []
        for word in self.vocabulary[start:]:
            if not word.startswith(token):
                break
            found.append(word)
        return found

    def _positions(self, token, prefix):
        merged = defaultdict(set)
        for word in self._expand(token, prefix):
            for doc, positions in self.postings[word].items():
                merged[doc].update(positions)
        return merged

    def match(self, tokens, prefix, phrase):
        """Documents that contain ``tokens`` (the last one maybe a prefix)."""
        if not tokens:
            return set()
        lists = [
            self._positions(token, prefix and i == len(tokens) - 1)
            for i, token in enumerate(tokens)
        ]
        docs = set(lists[0])
        for positions in lists[1:]:
            docs &= set(positions)
        if not phrase or len(tokens) == 1:
            return docs
        return {
            doc
            for doc in docs
            if any(
                all(start + i in lists[i][doc] for i in range(1, len(tokens)))
                for start in lists[0][doc]
            )
        }


def bigram_tokens(text):
    return segment(text)


def bigram_query(query):
    return [(term.tokens, term.prefix) for term in query_terms(query)]


def make_jieba(module, name):
    def cut(text, search):
        words = module.cut_for_search(text) if search else module.cut(text)
        return [w for w in words if _WORD.search(w)]

    def index_tokens(text):
        return cut(normalise(text), search=True)

    def query_precise(query):
        return [(tuple(cut(normalise(query), search=False)), False)]

    def query_search(query):
        return [(tuple(cut(normalise(query), search=True)), False)]

    return [
        (f"{name} (index: search mode, query: precise)", index_tokens, query_precise),
        (f"{name} (index and query: search mode)", index_tokens, query_search),
    ]


def segmenters():
    found = [("CJK bigrams (govopen)", bigram_tokens, bigram_query)]
    try:
        import jieba

        jieba.setLogLevel(60)
        found += make_jieba(jieba, "jieba")
    except ImportError:
        print("jieba is not installed: pip install jieba", file=sys.stderr)
    try:
        import rjieba

        class _R:
            cut = staticmethod(rjieba.cut)
            cut_for_search = staticmethod(rjieba.cut_for_search)

        found += make_jieba(_R, "rjieba")
    except ImportError:
        print("rjieba is not installed: pip install rjieba", file=sys.stderr)
    return found


def draw_queries(rows, n, rng):
    bodies = [normalise(row["body"]) for row in rows]
    titles = [normalise(row["title"]) for row in rows]

    def stretch(texts, low, high):
        while True:
            text = texts[rng.randrange(len(texts))]
            length = rng.randint(low, high)
            if len(text) <= length:
                continue
            start = rng.randrange(len(text) - length)
            piece = text[start : start + length]
            # What people type: words and numbers, no punctuation.
            if _PLAIN.fullmatch(piece) and len(_CJK.findall(piece)) >= 2:
                return piece

    queries = {
        "body": [stretch(bodies, 2, 6) for _ in range(n)],
        "title": [stretch(titles, 3, 8) for _ in range(n)],
    }
    try:
        import jieba

        words = []
        while len(words) < n:
            text = stretch(bodies, 30, 60)
            candidates = [w for w in jieba.cut(text) if len(_CJK.findall(w)) >= 2]
            if candidates:
                words.append(rng.choice(candidates))
        queries["word"] = words
    except ImportError:
        pass
    return queries, [t + "\n" + b for t, b in zip(titles, bodies, strict=True)]


def evaluate(index, query_fn, queries, texts, phrase):
    hits = retrieved = relevant = full = 0
    for query in queries:
        truth = {doc for doc, text in enumerate(texts) if query in text}
        terms = query_fn(query)
        docs = None
        for tokens, prefix in terms:
            matched = index.match(list(tokens), prefix, phrase)
            docs = matched if docs is None else docs & matched
        docs = docs or set()
        hits += len(docs & truth)
        retrieved += len(docs)
        relevant += len(truth)
        full += truth <= docs
    return {
        "recall": hits / relevant if relevant else 1.0,
        "precision": hits / retrieved if retrieved else 1.0,
        "full_recall_queries": full / len(queries),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    rng = random.Random(SEED)
    queries, texts = draw_queries(rows, args.queries, rng)
    raw = [row["title"] + "\n" + row["body"] for row in rows]
    print(f"{len(rows)} documents, {sum(map(len, raw)):,} characters")

    results = []
    for name, index_fn, query_fn in segmenters():
        started = time.perf_counter()
        docs_tokens = [index_fn(text) for text in raw]
        seconds = time.perf_counter() - started
        index = Index(docs_tokens)
        modes = ["and", "phrase"] if index_fn is bigram_tokens else ["and"]
        for mode in modes:
            row = {
                "segmenter": name,
                "match": mode,
                "segment_seconds": round(seconds, 2),
                "tokens": index.size,
                "vocabulary": len(index.vocabulary),
            }
            for kind, items in queries.items():
                row[kind] = evaluate(index, query_fn, items, texts, mode == "phrase")
            results.append(row)
            print(json.dumps(row, ensure_ascii=False))

    kinds = list(queries)
    print()
    header = "| segmenter | match | " + " | ".join(
        f"{kind}: recall / precision / full" for kind in kinds
    )
    print(header + " | tokens | seconds |")
    print("|" + "---|" * (len(kinds) + 4))
    for row in results:
        cells = [
            "{recall:.1%} / {precision:.1%} / {full_recall_queries:.0%}".format(
                **row[kind]
            )
            for kind in kinds
        ]
        print(
            f"| {row['segmenter']} | {row['match']} | "
            + " | ".join(cells)
            + f" | {row['tokens']:,} | {row['segment_seconds']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
