"""Server time of the core page types as a ratio to a bare Wagtail page.

.venv/bin/python benchmarks/core_pages.py [--repeat 50]
"""

import argparse

from _harness import get, median_ms, setup_django, teardown_django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    old_name = setup_django()
    try:
        from io import StringIO

        from django.test import Client
        from wagtail.models import Page

        from govopen.core.demo import DemoBuilder

        builder = DemoBuilder(stdout=StringIO())
        builder.build()
        bare = Page(title="bare", slug="bare-baseline")
        builder.home.add_child(instance=bare)
        bare.save_revision().publish()

        client = Client()
        baseline = median_ms(get(client, "/bare-baseline/"), repeat=options.repeat)
        print(f"bare Wagtail page: {baseline:.1f} ms (baseline)")
        for label, url in [
            ("home page", "/"),
            ("政府信息公开 landing", "/zfxxgk/"),
            ("guide page", "/zfxxgk/guide/"),
        ]:
            ms = median_ms(get(client, url), repeat=options.repeat)
            print(f"{label}: {ms:.1f} ms = {ms / baseline:.2f}x baseline")
    finally:
        teardown_django(old_name)


if __name__ == "__main__":
    main()
