"""Relevance of Chinese search on the real corpus: govopen's backend vs Wagtail's.

Loads the 712 regulations of ../shared/corpus/regulations.jsonl into a throw-away
database with ``govopen_import`` (as directory items; ``--loader pages`` makes
plain pages instead), then for each backend (govopen's Chinese backend and
Wagtail's plain database backend) rebuilds the index with ``update_index`` and
runs the queries of benchmarks/search_queries.json through
``Page.objects.live().search(query)``:

- ``title``: fragments of titles: relevant = a document whose title contains it;
- ``body``: 4-6 character phrases of bodies: relevant = a document containing it;
- ``traditional``: the title fragments in Traditional characters (OpenCC s2t),
  relevant as for the Simplified fragment.

It reports the share of queries with a relevant document first (top-1) and in
the first ten results (top-10), the median time of one search, and the median
time of a request of the site search page (``SearchPage``, with a query) beside
that of a plain page (the 政府信息公开 landing page) in the same run.

    .venv/bin/python benchmarks/search_relevance.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govopen_bench \\
        .venv/bin/python benchmarks/search_relevance.py
    .venv/bin/python benchmarks/search_relevance.py --make-queries   # redraw the set

The query set is drawn at random with a fixed seed (``--seed``), never picked.
"""

import argparse
import html
import json
import random
import re
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

from _harness import ROOT, setup_django, teardown_django

CORPUS = ROOT.parent / "shared" / "corpus" / "regulations.jsonl"
QUERIES = Path(__file__).resolve().parent / "search_queries.json"
SEED = 7
BACKENDS = {
    "govopen": "govopen.core.search.backends.database",
    "wagtail": "wagtail.search.backends.database",
}
SLUG_PREFIX = "regulation-"


def read_corpus(path):
    with open(path, encoding="utf-8") as corpus:
        return [json.loads(line) for line in corpus]


# Query set -----------------------------------------------------------------


def make_queries(rows, seed, count):
    """Draw ``count`` queries of each kind at random (no Django needed)."""
    sys.path.insert(0, str(ROOT))
    import opencc

    from govopen.core.search.text import CJK_CHARACTERS, normalise

    plain = re.compile(rf"[{CJK_CHARACTERS}A-Za-z0-9]+")
    cjk = re.compile(rf"[{CJK_CHARACTERS}]")
    rng = random.Random(seed)
    titles = [normalise(row["title"]) for row in rows]
    texts = [normalise(row["title"] + "\n" + row["body"]) for row in rows]

    def fragment(text, low, high):
        # A stretch of what a person would type: no punctuation, no spaces.
        for _ in range(1000):
            length = rng.randint(low, high)
            if len(text) < length:
                continue
            start = rng.randint(0, len(text) - length)
            piece = text[start : start + length]
            if plain.fullmatch(piece) and len(cjk.findall(piece)) >= 2:
                return piece
        return None

    def draw(kind, source_texts, low, high):
        drawn = []
        while len(drawn) < count:
            line = rng.randrange(len(rows))
            piece = fragment(source_texts[line], low, high)
            if piece is None:
                continue
            haystack = titles if kind == "title" else texts
            relevant = [i for i, text in enumerate(haystack) if piece in text]
            drawn.append(
                {"kind": kind, "query": piece, "source": line, "relevant": relevant}
            )
        return drawn

    title_queries = draw("title", titles, 4, 8)
    bodies = [normalise(row["body"]) for row in rows]
    body_queries = draw("body", bodies, 4, 6)
    s2t = opencc.OpenCC("s2t")
    traditional = [
        {**query, "kind": "traditional", "query": s2t.convert(query["query"])}
        for query in title_queries
    ]
    return {
        "corpus": "regulations.jsonl",
        "seed": seed,
        "queries": title_queries + body_queries + traditional,
    }


def dump_queries(queries):
    """JSON with one query a line, for readable diffs."""
    lines = [
        "  " + json.dumps(query, ensure_ascii=False, separators=(", ", ": "))
        for query in queries["queries"]
    ]
    head = {key: value for key, value in queries.items() if key != "queries"}
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "queries": [\n'
    return opening + ",\n".join(lines) + "\n]}\n"


# Corpus as pages -------------------------------------------------------------


def markdown_to_html(markdown):
    parts = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        block = block.strip()
        heading = re.match(r"(#{1,6})\s+(.*)", block)
        if heading:
            level = min(len(heading.group(1)) + 1, 6)
            parts.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        elif block:
            parts.append(f"<p>{html.escape(block)}</p>")
    return "".join(parts)


def load_pages(rows, corpus, loader):
    """The corpus as pages of the demo site; returns (builder, page id → lines).

    ``import``: ``govopen_import`` makes each row a directory item, as a county
    would load it. ``pages``: a StandardPage per row under 政府信息公开 (for
    installations without the directory app).
    """
    from govopen.core.demo import DemoBuilder
    from govopen.core.models import SearchPage, StandardPage

    builder = DemoBuilder(stdout=StringIO())
    builder.build()
    builder.child(builder.govopen_index, SearchPage, "search", title="站内搜索")
    started = time.perf_counter()
    if loader == "import":
        from django.core.management import call_command
        from wagtail.models import Page

        call_command(
            "govopen_import",
            str(corpus),
            "--create-organizations",
            stdout=StringIO(),
            stderr=StringIO(),
        )
        # Rows are told apart by title and document number (a few titles repeat).
        lines = {}
        for line, row in enumerate(rows):
            key = (row["title"][:255], row.get("document_number") or "")
            lines.setdefault(key, []).append(line)
        page_lines = {}
        for page in Page.objects.live().specific():
            key = (page.title, getattr(page, "document_number", "") or "")
            if key in lines:
                page_lines[page.pk] = lines[key]
    else:
        parent = builder.child(
            builder.govopen_index, StandardPage, "regulations", title="法规库"
        )
        page_lines = {}
        for line, row in enumerate(rows):
            page = StandardPage(
                title=row["title"][:255],
                slug=f"{SLUG_PREFIX}{line}",
                body=markdown_to_html(row["body"]),
                locale=parent.locale,
            )
            parent.add_child(instance=page)
            page_lines[page.pk] = [line]
    seconds = time.perf_counter() - started
    print(f"loaded {len(page_lines)} pages ({loader}) in {seconds:.0f} s")
    return builder, page_lines


# Measurement ---------------------------------------------------------------


def evaluate(queries, page_lines):
    from wagtail.models import Page

    by_kind = {}
    timings = []
    for query in queries:
        started = time.perf_counter()
        results = list(Page.objects.live().search(query["query"])[:10])
        timings.append((time.perf_counter() - started) * 1000)
        relevant = set(query["relevant"])
        hits = [bool(relevant & set(page_lines.get(page.pk, ()))) for page in results]
        stats = by_kind.setdefault(query["kind"], {"n": 0, "top1": 0, "top10": 0})
        stats["n"] += 1
        stats["top1"] += bool(hits) and hits[0]
        stats["top10"] += any(hits)
    for stats in by_kind.values():
        stats["top1"] = stats["top1"] / stats["n"]
        stats["top10"] = stats["top10"] / stats["n"]
    return by_kind, statistics.median(timings)


def page_ms(url, queries=None, repeat=30):
    """Median time of a GET of ``url`` (with ``?q=`` from ``queries`` in turn)."""
    from django.test import Client

    client = Client()
    samples = []
    for i in range(repeat + 3):
        params = {"q": queries[i % len(queries)]} if queries else {}
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if i >= 3:
            samples.append(elapsed)
    return statistics.median(samples)


def run(queries, rows, corpus, loader):
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    builder, page_lines = load_pages(rows, corpus, loader)
    page_url = builder.govopen_index.url
    search_url = page_url + "search/"
    sample = [query["query"] for query in queries[::12]]
    vendor = connection.vendor
    report = {"database": vendor, "loader": loader, "backends": {}}
    for name, path in BACKENDS.items():
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": path}}):
            started = time.perf_counter()
            call_command("update_index", stdout=StringIO(), stderr=StringIO())
            index_seconds = time.perf_counter() - started
            by_kind, search_ms = evaluate(queries, page_lines)
            plain_ms = page_ms(page_url)
            search_page_ms = page_ms(search_url, sample)
        report["backends"][name] = {
            "kinds": by_kind,
            "median_search_ms": round(search_ms, 1),
            "plain_page_ms": round(plain_ms, 1),
            "search_page_ms": round(search_page_ms, 1),
            "update_index_s": round(index_seconds, 1),
        }
        print(json.dumps({name: report["backends"][name]}, ensure_ascii=False))
    return report


def print_table(report):
    print(f"\n{report['database']}, loaded with {report['loader']}:\n")
    print(
        "| backend | title top-1 | title top-10 | body top-10 | traditional top-10 "
        "| median search | search page | plain page | update_index |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, result in report["backends"].items():
        kinds = result["kinds"]
        print(
            f"| {name} | {kinds['title']['top1']:.1%} | {kinds['title']['top10']:.1%} "
            f"| {kinds['body']['top10']:.1%} | {kinds['traditional']['top10']:.1%} "
            f"| {result['median_search_ms']} ms | {result['search_page_ms']} ms "
            f"| {result['plain_page_ms']} ms "
            f"| {result['update_index_s']} s |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--make-queries", action="store_true")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--loader",
        choices=["import", "pages"],
        default="import",
        help="govopen_import into the directory (default), or plain pages",
    )
    options = parser.parse_args()
    rows = read_corpus(options.corpus)

    if options.make_queries:
        queries = make_queries(rows, options.seed, options.count)
        QUERIES.write_text(dump_queries(queries), encoding="utf-8")
        print(f"wrote {len(queries['queries'])} queries to {QUERIES}")
        return

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    old_name = setup_django()
    try:
        report = run(queries, rows, options.corpus, options.loader)
    finally:
        teardown_django(old_name)
    print_table(report)
    if options.json:
        options.json.write_text(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
