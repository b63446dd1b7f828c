"""Every public page type that the browser tests check.

Each issue that adds a public page type adds ONE line here, with a URL that the
demo content (``govopen_demo`` and the ``govopen_demo_content`` hooks) creates.
Every check in this folder (axe-core, keyboard, no-JS, layout, screenshots)
then runs on it. See docs/browser-tests.md.
"""

import datetime
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    """A public page type, reached at ``path`` on the demo site.

    ``variant_of`` names the page type whose template this page shares (the
    same page in another language, a listing with filters, an item in another
    state). A variant gets the same checks on fewer viewport and display mode
    combinations (see harness.py), which keeps the run short as the list grows.
    """

    name: str  # used in test ids and screenshot file names: [a-z0-9-]
    path: str
    status: int = 200  # the HTTP status the page is expected to answer with
    variant_of: str | None = None

    @property
    def full(self):
        return self.variant_of is None


REGISTRY = (
    PageType("home", "/"),
    PageType("govopen-index", "/zfxxgk/"),
    PageType("guide", "/zfxxgk/guide/"),
    PageType("standard-rules", "/zfxxgk/rules/"),
    PageType("leave-site", "/govopen/leave/?url=https://www.gov.cn/"),
    PageType(
        "leave-site-refused",
        "/govopen/leave/?url=javascript:alert(1)",
        400,
        variant_of="leave-site",
    ),
    PageType("application-form", "/zfxxgk/apply/"),
    PageType("application-receipt", "/zfxxgk/apply/receipt/"),
    PageType("application-status", "/zfxxgk/apply/status/"),
    PageType("negative-list", "/zfxxgk/fmqd/"),
    PageType("qa", "/zfxxgk/hdjl/"),
    PageType("qa-question", "/zfxxgk/hdjl/q/SFZX-0002/"),
    PageType("qa-status", "/zfxxgk/hdjl/status/"),
    PageType(
        "search",
        "/zfxxgk/search/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80",
    ),
    PageType("directory", "/zfxxgk/fdzdgknr/"),
    PageType(
        "directory-filtered",
        "/zfxxgk/fdzdgknr/?validity=valid&year=2025&q=%E5%85%AC%E5%BC%80&page=1",
        variant_of="directory",
    ),
    PageType(
        "directory-bad-parameters",
        "/zfxxgk/fdzdgknr/?page=abc&year=x&organization=999999",
        variant_of="directory",
    ),
    PageType("directory-item", "/zfxxgk/fdzdgknr/czj-2025-ys/"),
    PageType(
        "directory-item-repealed",
        "/zfxxgk/fdzdgknr/zjj-lgs-2019/",
        variant_of="directory-item",
    ),
    PageType(
        "directory-item-on-request",
        "/zfxxgk/fdzdgknr/zrzy-zjdk-2024/",
        variant_of="directory-item",
    ),
    PageType("policy-list", "/zfxxgk/zcwj/?document_type=normative&validity=valid"),
    PageType("policy-document", "/zfxxgk/fdzdgknr/yibao-2024/"),
    PageType(
        "policy-document-amended",
        "/zfxxgk/fdzdgknr/yibao-2021/",
        variant_of="policy-document",
    ),
    PageType("interpretation-list", "/zfxxgk/zcjd/?format=text"),
    PageType("interpretation", "/zfxxgk/zcjd/yibao-2024-tujie/"),
    # The demo publishes last year's report.
    PageType("annual-report", f"/zfxxgk/ndbg-{datetime.date.today().year - 1}/"),
    # The same pages in 繁體中文 (the whole demo section is converted) and in
    # English (the demo translates the landing page and the guide).
    PageType("home-zh-hant", "/zh-hant/", variant_of="home"),
    PageType("govopen-index-zh-hant", "/zh-hant/zfxxgk/", variant_of="govopen-index"),
    PageType("guide-zh-hant", "/zh-hant/zfxxgk/guide/", variant_of="guide"),
    PageType(
        "standard-rules-zh-hant", "/zh-hant/zfxxgk/rules/", variant_of="standard-rules"
    ),
    PageType(
        "application-form-zh-hant",
        "/zh-hant/zfxxgk/apply/",
        variant_of="application-form",
    ),
    PageType(
        "negative-list-zh-hant", "/zh-hant/zfxxgk/fmqd/", variant_of="negative-list"
    ),
    PageType(
        "search-zh-hant",
        "/zh-hant/zfxxgk/search/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B",
        variant_of="search",
    ),
    PageType(
        "leave-site-zh-hant",
        "/zh-hant/govopen/leave/?url=https://www.gov.cn/",
        variant_of="leave-site",
    ),
    PageType("directory-zh-hant", "/zh-hant/zfxxgk/fdzdgknr/", variant_of="directory"),
    PageType(
        "directory-item-zh-hant",
        "/zh-hant/zfxxgk/fdzdgknr/czj-2025-ys/",
        variant_of="directory-item",
    ),
    PageType("policy-list-zh-hant", "/zh-hant/zfxxgk/zcwj/", variant_of="policy-list"),
    PageType(
        "policy-document-zh-hant",
        "/zh-hant/zfxxgk/fdzdgknr/yibao-2024/",
        variant_of="policy-document",
    ),
    PageType(
        "interpretation-zh-hant",
        "/zh-hant/zfxxgk/zcjd/yibao-2024-tujie/",
        variant_of="interpretation",
    ),
    PageType("qa-zh-hant", "/zh-hant/zfxxgk/hdjl/", variant_of="qa"),
    PageType(
        "qa-question-zh-hant",
        "/zh-hant/zfxxgk/hdjl/q/SFZX-0002/",
        variant_of="qa-question",
    ),
    PageType(
        "annual-report-zh-hant",
        f"/zh-hant/zfxxgk/ndbg-{datetime.date.today().year - 1}/",
        variant_of="annual-report",
    ),
    PageType("home-en", "/en/", variant_of="home"),
    PageType("govopen-index-en", "/en/zfxxgk/", variant_of="govopen-index"),
    PageType("guide-en", "/en/zfxxgk/guide/", variant_of="guide"),
    PageType(
        "leave-site-en",
        "/en/govopen/leave/?url=https://www.gov.cn/",
        variant_of="leave-site",
    ),
)


def page_id(page_type):
    return page_type.name


def _check(registry):
    """Fail at collection on a malformed registry, before any browser starts."""
    names = [page_type.name for page_type in registry]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"page type names used twice: {sorted(duplicates)}")
    full = {page_type.name for page_type in registry if page_type.full}
    for page_type in registry:
        if not re.fullmatch(r"[a-z0-9-]+", page_type.name):
            raise ValueError(f"page type name must be [a-z0-9-]: {page_type.name!r}")
        if not page_type.path.startswith("/"):
            raise ValueError(f"{page_type.name}: path must start with /")
        if page_type.variant_of is not None and page_type.variant_of not in full:
            raise ValueError(
                f"{page_type.name}: variant_of={page_type.variant_of!r} is not a"
                " page type without variant_of"
            )


_check(REGISTRY)
