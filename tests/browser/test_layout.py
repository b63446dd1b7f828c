"""Phone (375 px) and desktop (1280 px): no horizontal scrolling in any display
mode, a visible focus indicator on everything the keyboard reaches, and
screenshots in test-artifacts/screenshots/ for people to look at."""

import pytest

from .harness import (
    LAYOUT_RUNS,
    SCREENSHOT_RUNS,
    WALK_RUNS,
    fail,
    focus_indicator_problems,
    mode_problems,
    overflow_problems,
    runs,
    save_screenshot,
)
from .pages import REGISTRY, page_id

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", REGISTRY, ids=page_id)
def test_no_horizontal_scrolling(browse, page_type):
    problems = []
    for viewport, mode in runs(LAYOUT_RUNS, page_type):
        visit = browse(page_type.path, viewport=viewport, mode=mode)
        assert visit.status == page_type.status, visit.page.url
        problems += mode_problems(visit.page, mode)
        problems += overflow_problems(visit.page, f"[{viewport}, {mode}]")
        if (viewport, mode) in SCREENSHOT_RUNS or not page_type.full:
            save_screenshot(visit.page, f"{page_type.name}-{viewport}-{mode}")
    fail(f"{page_type.name}: content wider than the window", problems)


@pytest.mark.parametrize("page_type", REGISTRY, ids=page_id)
def test_focus_indicator_is_visible(tab_walk_of, page_type):
    problems = []
    for viewport, mode, javascript in runs(WALK_RUNS, page_type):
        walk = tab_walk_of(page_type.path, viewport, mode, javascript)
        assert any(step["tag"] == "a" for step in walk["steps"]), (
            f"Tab reached no link on {walk['url']}"
        )
        problems += [
            f"{problem} [{viewport}, {mode}]"
            for problem in focus_indicator_problems(walk["steps"], walk["url"])
        ]
    fail(f"{page_type.name}: focus not visible", problems)
