"""Keyboard alone, with JavaScript switched off: the skip link, the font-size
and contrast switches, the main navigation and every form work."""

import pytest

from .harness import (
    WALK_RUNS,
    BrowserCheckFailed,
    fail,
    html_classes,
    runs,
    tab_to,
)
from .pages import REGISTRY, page_id

pytestmark = pytest.mark.browser


def _press_enter_and_wait(page):
    """Press Enter on the focused link and wait for the next page to load."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _root_font_size(page):
    return page.evaluate("getComputedStyle(document.documentElement).fontSize")


@pytest.mark.parametrize("page_type", REGISTRY, ids=page_id)
def test_skip_link_comes_first_and_moves_focus_to_main(browse, page_type):
    for javascript in (False, True) if page_type.full else (False,):
        page = browse(page_type.path, viewport="phone", javascript=javascript).page
        first = tab_to(page, lambda focused: True, "anything")
        assert first["href"] == "#main-content", (
            f"the first Tab stop is {first['element']}, not the skip link,"
            f" on {page.url}"
        )
        assert first["visible"], f"the skip link stays off screen on {page.url}"
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.id")
        assert focused == "main-content", (
            f"Enter on the skip link left focus on #{focused} on {page.url}"
        )
        assert page.evaluate("document.activeElement.tagName") == "MAIN"


@pytest.mark.parametrize("page_type", REGISTRY, ids=page_id)
def test_everything_and_every_form_is_reachable_by_keyboard(tab_walk_of, page_type):
    """Tab reaches every link and control; form controls are named and reachable."""
    problems = []
    for viewport, mode, javascript in runs(WALK_RUNS, page_type):
        walk = tab_walk_of(page_type.path, viewport, mode, javascript)
        where = f"[{viewport}, {mode}, JavaScript {'on' if javascript else 'off'}]"
        problems += [f"{p} {where}" for p in walk["unreachable"] + walk["forms"]]
    fail(f"{page_type.name}: not usable by keyboard alone", problems)


def test_font_size_switch_works_by_keyboard_without_javascript(browse):
    visit = browse("/zfxxgk/", javascript=False)
    page = visit.page
    assert _root_font_size(page) == "16px"
    for value, css_class, size in (
        ("large", "govopen-font-large", "20px"),
        ("xlarge", "govopen-font-xlarge", "24px"),
        ("default", None, "16px"),
    ):
        switch = tab_to(
            page,
            lambda focused, value=value: f"font={value}&" in (focused["href"] or ""),
            f"the font size switch {value!r}",
        )
        _press_enter_and_wait(page)
        assert page.url == visit.base_url + "/zfxxgk/", "the switch must return here"
        assert _root_font_size(page) == size, switch["element"]
        if css_class:
            assert css_class in html_classes(page)
        current = page.locator('.govopen-display-switches [aria-current="true"]')
        assert f"font={value}&" in current.get_attribute("href")
        # The choice is a cookie: it holds on the next page too.
        visit.go("/zfxxgk/guide/")
        assert _root_font_size(page) == size
        visit.go("/zfxxgk/")


def test_contrast_switch_works_by_keyboard_without_javascript(browse):
    visit = browse("/zfxxgk/guide/", javascript=False)
    page = visit.page

    def background():
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    assert background() == "rgb(255, 255, 255)"
    tab_to(
        page,
        lambda focused: "contrast=high&" in (focused["href"] or ""),
        "the high-contrast switch",
    )
    _press_enter_and_wait(page)
    assert page.url == visit.base_url + "/zfxxgk/guide/"
    assert "govopen-contrast-high" in html_classes(page)
    assert background() == "rgb(0, 0, 0)"
    visit.go("/")
    assert "govopen-contrast-high" in html_classes(page), "the cookie must persist"
    assert background() == "rgb(0, 0, 0)"
    tab_to(
        page,
        lambda focused: "contrast=normal&" in (focused["href"] or ""),
        "the normal-contrast switch",
    )
    _press_enter_and_wait(page)
    assert "govopen-contrast-high" not in html_classes(page)
    assert background() == "rgb(255, 255, 255)"
    visit.go("/zfxxgk/")
    assert background() == "rgb(255, 255, 255)"


def test_main_navigation_works_by_keyboard_without_javascript(browse):
    visit = browse("/", javascript=False)
    links = visit.page.locator(".govopen-main-nav a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/" in targets and "/zfxxgk/" in targets, targets
    nav = visit.page.locator(".govopen-main-nav").get_attribute("aria-label")
    for start in ("/zfxxgk/guide/", "/govopen/leave/?url=https://www.gov.cn/"):
        for target in targets:
            visit.go(start)
            page = visit.page
            tab_to(
                page,
                lambda focused, target=target: (
                    focused["href"] == target and focused["nav"] == nav
                ),
                f"the main navigation link to {target}",
            )
            _press_enter_and_wait(page)
            if page.url != visit.base_url + target:
                raise BrowserCheckFailed(
                    f"Enter on the navigation link to {target} went to {page.url}"
                )
            assert page.locator(".govopen-main-nav a[aria-current]").count() == 1


def test_leave_site_notice_works_by_keyboard_without_javascript(browse):
    """The notice's two choices: continue, or go back to where one came from."""
    visit = browse("/zfxxgk/guide/", javascript=False)
    back_to = visit.page.url
    visit.go("/govopen/leave/?url=https://www.gov.cn/&next=/zfxxgk/guide/")
    page = visit.page
    tab_to(
        page,
        lambda focused: focused["href"] == "https://www.gov.cn/",
        "the link to continue to the other website",
    )
    tab_to(
        page,
        lambda focused: focused["href"] == "/zfxxgk/guide/",
        "the link to stay on this website",
    )
    _press_enter_and_wait(page)
    assert page.url == back_to
