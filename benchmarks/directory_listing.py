"""Directory listing at scale: 100,000 items on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govopen_bench \\
        .venv/bin/python benchmarks/directory_listing.py [--items 100000] [--runs 30]

Builds (once) a site with a directory of ``--items`` synthetic items
(``govopen_generate``) and a plain text page beside it, then serves each URL
through Django's full request cycle (middleware, Wagtail routing, templates)
in this process and reports the median server time of the directory listing
(unfiltered, filtered, page 500) as a ratio to the plain Wagtail page served
in the same run. Target: at most 2×. Figures go into docs/benchmarks.md.

``--search`` also indexes the items (the configured search backend, govopen's
by default) and times searches: the site search page and the directory's
keyword search, as ratios to the unfiltered listing (issue 7's measure).

Never run as a test: it takes minutes and needs PostgreSQL.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govopen_bench"
)
# The example site's development settings (no production keys needed); DEBUG is
# switched off after start-up so that no query is logged or kept in memory.
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")


def ensure_database(url):
    """Create the benchmark database when it is missing (PostgreSQL only)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL.")
    admin = psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


SEARCH_QUERIES = ("公开", "财政预算", "通知", "2024")


def index_items(directory, log):
    """Index every item of ``directory`` once (skipped when already done)."""
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from govopen.directory.models import DisclosureItemPage

    items = DisclosureItemPage.objects.child_of(directory).live()
    if IndexEntry.objects.count() >= items.count():
        return
    log(f"indexing {items.count()} items ...")
    started = time.monotonic()
    backend = get_search_backend()
    batch = []
    for item in items.iterator(chunk_size=2000):
        batch.append(item)
        if len(batch) == 2000:
            backend.add_bulk(DisclosureItemPage, batch)
            batch = []
    if batch:
        backend.add_bulk(DisclosureItemPage, batch)
    log(f"  indexed in {time.monotonic() - started:.0f} s")


def search_page(index):
    from govopen.core.models import SearchPage

    page = SearchPage.objects.filter(slug="search").first()
    if page is None:
        page = SearchPage(title="站内搜索", slug="search")
        index.add_child(instance=page)
        page.save_revision().publish()
    return page.specific


def build_site(items, log):
    """The pages to measure; the items are generated only up to ``items``."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    from govopen.core.enums import GovOpenSection
    from govopen.core.models import GovOpenIndexPage, Organization, StandardPage
    from govopen.core.validators import uscc_check_character
    from govopen.directory.generate import Generator
    from govopen.directory.models import DisclosureDirectoryPage, DisclosureItemPage

    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    for n in range(1, 13):
        stem = f"11339900BM{n:07d}"
        Organization.objects.get_or_create(
            code=stem + uscc_check_character(stem),
            defaults={"name": f"基准县第{n}局", "short_name": f"第{n}局"},
        )
    index = GovOpenIndexPage.objects.filter(slug="zfxxgk").first()
    if index is None:
        index = GovOpenIndexPage(title="政府信息公开", slug="zfxxgk")
        home.add_child(instance=index)
        index.save_revision().publish()
    directory = DisclosureDirectoryPage.objects.filter(slug="fdzdgknr").first()
    if directory is None:
        directory = DisclosureDirectoryPage(title="法定主动公开内容", slug="fdzdgknr")
        index.add_child(instance=directory)
        directory.save_revision().publish()
    plain = StandardPage.objects.filter(slug="plain").first()
    if plain is None:
        plain = StandardPage(
            title="政府信息公开制度",
            slug="plain",
            section=GovOpenSection.RULES,
            body="<p>" + "政府信息公开工作制度。" * 40 + "</p>",
        )
        index.add_child(instance=plain)
        plain.save_revision().publish()
    have = DisclosureItemPage.objects.child_of(directory).count()
    if have < items:
        log(f"generating {items - have} items ...")
        started = time.monotonic()
        Generator(directory, search_index=False).run(items - have)
        log(f"  generated in {time.monotonic() - started:.0f} s")
    # Fresh planner statistics and visibility map (index-only scans), as
    # autovacuum would give a production database after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return directory.specific, plain.specific, index


def measure(client, cases, runs, warmup=3):
    """Median time of each URL; the URLs take turns, so that a change in the
    machine's load during the run weighs on every case alike."""
    for _ in range(warmup):
        for _name, url in cases:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    times = {url: [] for _name, url in cases}
    for _ in range(runs):
        for _name, url in cases:
            started = time.perf_counter()
            response = client.get(url)
            times[url].append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    return [(name, url, statistics.median(times[url])) for name, url in cases]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", help="Also write the results to this file.")
    parser.add_argument(
        "--search", action="store_true", help="Index the items and time searches."
    )
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    from django.test import Client

    def log(message):
        print(message, flush=True)

    directory, plain, index = build_site(args.items, log)
    from govopen.core.models import Organization
    from govopen.directory.models import DirectoryCategory, DisclosureItemPage

    organization = Organization.objects.order_by("pk").first()
    category = DirectoryCategory.objects.get(code="fgwj")
    base = directory.url
    count = DisclosureItemPage.objects.child_of(directory).live().count()
    cases = [
        ("plain Wagtail page (baseline)", plain.url),
        ("directory, unfiltered", base),
        (
            "directory, filtered (organisation + year)",
            f"{base}?organization={organization.pk}&year=2024",
        ),
        ("directory, filtered (category)", f"{base}?category={category.pk}"),
        ("directory, page 500", f"{base}?page=500"),
        ("item page", DisclosureItemPage.objects.child_of(directory).first().url),
    ]
    if args.search:
        index_items(directory, log)
        search = search_page(index)
        for query in SEARCH_QUERIES:
            cases.append((f"search page, q={query}", f"{search.url}?q={query}"))
            cases.append((f"directory keyword search, q={query}", f"{base}?q={query}"))
        from django.db import connection as conn

        with conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    client = Client()
    results = measure(client, cases, args.runs)
    baseline = results[0][2]
    log("")
    log(f"{count} live items, {connection.vendor}, median of {args.runs} requests")
    log(f"{'case':45} {'median ms':>10} {'ratio':>7}")
    listing = results[1][2]
    log(f"{'':45} {'':>10} {'/listing':>9}")
    for name, _url, median in results:
        log(
            f"{name:45} {median * 1000:10.1f} {median / baseline:7.2f}"
            f" {median / listing:9.2f}"
        )
    if args.search:
        searches = [m for n, _u, m in results if n.startswith("search page")]
        keyword = [m for n, _u, m in results if n.startswith("directory keyword")]
        log(
            f"median of the search page medians: "
            f"{statistics.median(searches) * 1000:.1f} ms, "
            f"{statistics.median(searches) / listing:.2f}x the unfiltered listing; "
            f"directory keyword search {statistics.median(keyword) / listing:.2f}x"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "items": count,
                    "runs": args.runs,
                    "results": [
                        {
                            "case": n,
                            "url": u,
                            "median_ms": m * 1000,
                            "ratio": m / baseline,
                        }
                        for n, u, m in results
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
