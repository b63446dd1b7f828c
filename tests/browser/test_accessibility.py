"""axe-core's WCAG 2.1 A/AA rules on every public page type, phone and desktop,
in the default, large-font and high-contrast modes."""

import pytest

from .harness import AXE_RUNS, accessibility_problems_of_many, fail, mode_problems, runs
from .pages import REGISTRY, page_id

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", REGISTRY, ids=page_id)
def test_no_serious_or_critical_wcag_violations(browse, page_type):
    problems, pages = [], []
    for viewport, mode in runs(AXE_RUNS, page_type):
        visit = browse(page_type.path, viewport=viewport, mode=mode)
        if visit.status != page_type.status:
            problems.append(
                f"HTTP {visit.status}, expected {page_type.status} | page: {visit.page.url}"
            )
        problems += mode_problems(visit.page, mode)
        problems += visit.problems()
        pages.append((visit.page, f"[{viewport}, {mode}]"))
    # axe-core checks all the combinations at once, each in its own page.
    problems += accessibility_problems_of_many(pages)
    fail(
        f"{page_type.name}: WCAG 2.1 A/AA violations of impact serious or critical"
        " (axe-core), or resources loaded from other sites",
        problems,
    )
