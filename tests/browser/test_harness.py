"""The harness itself: its checks must fail on a page that breaks the rules."""

import pytest

from .harness import (
    BrowserCheckFailed,
    assert_accessible,
    assert_forms_usable_by_keyboard,
    assert_no_horizontal_scroll,
    focus_indicator_problems,
    tab_walk,
    unreachable_problems,
)

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>坏页面</title>
<style>a.no-ring:focus { outline: none; }</style></head>
<body><main>
<h1>一个故意写坏的页面</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<form action="/search/"><input type="text" name="q"></form>
<p><a class="no-ring" href="/elsewhere/">没有焦点框的链接</a></p>
<p><span class="fake-button" onclick="go()">只能用鼠标点的按钮</span></p>
<div style="width: 2000px">太宽的内容</div>
</main></body></html>"""

GOOD = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>好页面</title></head>
<body><main>
<h1>一个合格的页面</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40" alt="县徽">
<form action="/search/"><label for="q">关键词</label>
<input type="text" id="q" name="q"><button type="submit">搜索</button></form>
<p><a href="/elsewhere/">链接</a></p>
</main></body></html>"""


def test_axe_check_fails_naming_the_rule_the_element_and_the_page(blank_page):
    blank_page.set_content(BROKEN)
    with pytest.raises(BrowserCheckFailed) as failure:
        assert_accessible(blank_page, "[desktop, default]")
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "Images must have alternative text" in message
    assert "label (critical)" in message
    assert 'elements: input <input type="text" name="q">' in message
    assert "elements: img <img src=" in message
    assert "page: about:blank [desktop, default]" in message


def test_axe_check_passes_a_good_page(blank_page):
    blank_page.set_content(GOOD)
    assert_accessible(blank_page)


def test_form_check_fails_on_an_unlabelled_field_without_a_button(blank_page):
    blank_page.set_content(BROKEN)
    with pytest.raises(BrowserCheckFailed) as failure:
        assert_forms_usable_by_keyboard(blank_page)
    message = str(failure.value)
    assert 'form control has no accessible name (label): input[name="q"]' in message
    assert "form has no submit button reachable with Tab in /search/" in message


def test_form_check_fails_on_a_field_out_of_the_tab_order(blank_page):
    blank_page.set_content(GOOD.replace('name="q">', 'name="q" tabindex="-1">'))
    with pytest.raises(BrowserCheckFailed, match="not reachable with Tab: input#q"):
        assert_forms_usable_by_keyboard(blank_page)


def test_form_check_fails_on_a_placeholder_instead_of_a_label(blank_page):
    blank_page.set_content(
        GOOD.replace('<label for="q">关键词</label>', "").replace(
            'name="q">', 'name="q" placeholder="关键词">'
        )
    )
    with pytest.raises(BrowserCheckFailed, match="named only by its placeholder"):
        assert_forms_usable_by_keyboard(blank_page)


def test_form_check_passes_a_labelled_form(blank_page):
    blank_page.set_content(GOOD)
    assert_forms_usable_by_keyboard(blank_page)


def test_keyboard_checks_find_a_missing_focus_ring_and_a_mouse_only_control(
    blank_page,
):
    blank_page.set_content(
        BROKEN.replace('class="fake-button"', 'class="fake-button" tabindex="-1"')
        .replace("<span", "<button hidden></button><span")
        .replace('<span class="fake', '<a class="fake')
        .replace("</span></p>", "</a></p>")
        .replace('onclick="go()"', 'href="/only-mouse/" onclick="go()"')
    )
    steps = tab_walk(blank_page)
    focus = focus_indicator_problems(steps, blank_page.url)
    assert any("no visible focus indicator" in p and "a.no-ring" in p for p in focus)
    unreachable = unreachable_problems(blank_page)
    assert unreachable == [
        'not reachable with Tab: a.fake-button[href="/only-mouse/"] "只能用鼠标点的按钮"'
        " | page: about:blank"
    ]


def test_overflow_check_fails_on_content_wider_than_the_window(blank_page):
    blank_page.set_viewport_size({"width": 375, "height": 812})
    blank_page.set_content(BROKEN)
    with pytest.raises(BrowserCheckFailed) as failure:
        assert_no_horizontal_scroll(blank_page, "[phone]")
    message = str(failure.value)
    assert "horizontal scrolling: the page is" in message
    assert "in a 375px window" in message
    assert 'sticks out past the right edge: div "太宽的内容"' in message


def test_overflow_check_passes_a_narrow_page(blank_page):
    blank_page.set_viewport_size({"width": 375, "height": 812})
    blank_page.set_content(GOOD)
    assert_no_horizontal_scroll(blank_page)


def test_axe_check_works_on_a_page_with_javascript_off(chromium):
    """axe-core needs scripting; with it off, the check runs on a copy of the DOM."""
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_content(BROKEN)
        with pytest.raises(BrowserCheckFailed) as failure:
            assert_accessible(page, "[JavaScript off]")
        message = str(failure.value)
        assert "image-alt (critical)" in message
        assert "label (critical)" in message
        page.set_content(GOOD)
        assert_accessible(page)
    finally:
        context.close()
