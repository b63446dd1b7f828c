"""The annual report's statistics at 1,000, 10,000 and 100,000 applications.

    .venv/bin/python benchmarks/annual_report.py [--sizes 1000 10000 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govopen_bench \\
        .venv/bin/python benchmarks/annual_report.py

Builds a county (a government, ten departments, two towns) in a throw-away
database, a bare Wagtail page and an annual report page, then adds synthetic
applications (``bulk_create``; dates over 2024-2026, every applicant type,
reply type and sub-reason) up to each size and measures, in the same run:

- the bare Wagtail page served through Django's request cycle (baseline);
- ``compute_statistics()`` of the county with its sub-organisations for 2025;
- the report page served with live figures (what a preview renders);
- the number of queries ``compute_statistics()`` makes.

Never run as a test. Figures go into docs/benchmarks.md.
"""

import argparse
import datetime
import random
import time

from _harness import get, median_ms, setup_django, teardown_django

BATCH = 5000


def build_site():
    from wagtail.models import Page, Site

    from govopen.core.models import GovOpenIndexPage, Organization
    from govopen.reports.models import AnnualReportPage

    county = Organization.objects.create(name="基准县人民政府", code="BENCHCOUNTY")
    orgs = [county]
    for n in range(10):
        orgs.append(
            Organization.objects.create(
                name=f"基准县第{n}局", code=f"BENCHDEPT{n}", parent=county
            )
        )
    for n in range(2):
        orgs.append(
            Organization.objects.create(
                name=f"基准县第{n}镇", code=f"BENCHTOWN{n}", parent=orgs[1]
            )
        )
    home = Site.objects.get(is_default_site=True).root_page
    bare = Page(title="bare", slug="bare-baseline")
    home.add_child(instance=bare)
    bare.save_revision().publish()
    index = GovOpenIndexPage(title="政府信息公开", slug="zfxxgk")
    home.add_child(instance=index)
    index.save_revision().publish()
    from govopen.core.enums import GovOpenSection
    from govopen.core.models import StandardPage

    plain = StandardPage(
        title="政府信息公开制度",
        slug="plain",
        section=GovOpenSection.RULES,
        body="<p>" + "政府信息公开工作制度。" * 40 + "</p>",
    )
    index.add_child(instance=plain)
    plain.save_revision().publish()
    report = AnnualReportPage(
        title="基准县人民政府2025年政府信息公开工作年度报告",
        slug="ndbg-2025",
        organization=county,
        year=2025,
        include_suborganizations=True,
    )
    index.add_child(instance=report)
    report.save_revision().publish()
    return county, orgs, report


def add_applications(orgs, start, count, rng):
    """``count`` application rows, numbered from ``start``."""
    from govopen.applications.models import DisclosureApplication
    from govopen.core.enums import (
        REPLY_REASONS,
        ApplicantKind,
        ApplicantType,
        ReplyType,
    )

    outcomes = [
        (reply_type, reason)
        for reply_type in ReplyType
        for reason in (REPLY_REASONS[reply_type] or ("",))
    ]
    types = list(ApplicantType)
    first = datetime.date(2024, 1, 1)
    rows = []
    for n in range(start, start + count):
        received = first + datetime.timedelta(days=rng.randrange(3 * 365))
        replied = received + datetime.timedelta(days=rng.randrange(1, 45))
        reply_type, reason = rng.choice(outcomes)
        if replied > datetime.date(2026, 11, 1):
            replied, reply_type, reason = None, "", ""
        applicant_type = rng.choice(types)
        rows.append(
            DisclosureApplication(
                organization=rng.choice(orgs),
                number=f"B{n:08d}",
                year=received.year,
                serial=n,
                query_code_hash="x",
                applicant_kind=ApplicantKind.CITIZEN
                if applicant_type == ApplicantType.NATURAL_PERSON
                else ApplicantKind.ORGANIZATION,
                applicant_type=applicant_type,
                applicant_name="申请人",
                phone="13800138000",
                description="基准测试申请",
                provision_form="paper",
                delivery_method="post",
                applied_on=received,
                received_on=received,
                replied_on=replied,
                reply_type=reply_type,
                reply_reason=reason,
                status="replied" if replied else "processing",
            )
        )
        if len(rows) == BATCH:
            DisclosureApplication.objects.bulk_create(rows)
            rows = []
    DisclosureApplication.objects.bulk_create(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000]
    )
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    old_name = setup_django()
    try:
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from govopen.reports.models import AnnualReportPage
        from govopen.reports.statistics import ReportStatistics, compute_statistics

        county, orgs, report = build_site()
        # Serve the report with live figures, as a preview does.
        AnnualReportPage.objects.filter(pk=report.pk).update(statistics=None)
        client = Client()
        rng = random.Random(13)
        have = 0
        print(f"{connection.vendor}, median of {options.repeat} runs")
        print(
            f"{'applications':>12} {'bare page':>10} {'statistics':>11} "
            f"{'ratio':>6} {'live report':>12} {'ratio':>6} {'queries':>8} "
            f"{'frozen report':>14} {'StandardPage':>13}"
        )
        for size in options.sizes:
            started = time.monotonic()
            add_applications(orgs, have, size - have, rng)
            have = size
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            generated = time.monotonic() - started

            def statistics():
                return compute_statistics(county, 2025, include_suborganizations=True)

            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                data = statistics()
            query_count = len(queries)
            assert ReportStatistics(data).is_consistent
            bare = median_ms(get(client, "/bare-baseline/"), repeat=options.repeat)
            stats = median_ms(statistics, repeat=options.repeat)
            page = median_ms(get(client, "/zfxxgk/ndbg-2025/"), repeat=options.repeat)
            plain = median_ms(get(client, "/zfxxgk/plain/"), repeat=options.repeat)
            AnnualReportPage.objects.filter(pk=report.pk).update(statistics=data)
            frozen = median_ms(get(client, "/zfxxgk/ndbg-2025/"), repeat=options.repeat)
            AnnualReportPage.objects.filter(pk=report.pk).update(statistics=None)
            print(
                f"{size:>12,} {bare:>8.1f}ms {stats:>9.1f}ms {stats / bare:>6.2f} "
                f"{page:>10.1f}ms {page / bare:>6.2f} {query_count:>8} "
                f"{frozen:>12.1f}ms {plain:>11.1f}ms"
                f"   (generated in {generated:.0f} s; "
                f"2025 received: {data['table3']['received']['total']:,})"
            )
    finally:
        teardown_django(old_name)


if __name__ == "__main__":
    main()
