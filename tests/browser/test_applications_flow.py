"""A citizen applies by keyboard, keeps the receipt and follows the application.

The receipt and the status result exist only after a submission, so the
page-type checks of pages.py cannot reach them; this walk does, and runs
axe-core on each.
"""

import pytest

from .harness import accessibility_problems, fail

pytestmark = pytest.mark.browser

ID_NUMBER = "11010519491231002X"


def _type(page, selector, text):
    page.focus(selector)
    page.keyboard.type(text)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_apply_by_keyboard_then_follow_the_application(browse, javascript):
    visit = browse("/zfxxgk/apply/", javascript=javascript)
    page = visit.page

    # A wrong ID number first: the error is announced and the input kept.
    _type(page, "#id_name", "张三")
    _type(page, "#id_id_number", "110105194912310021")
    _type(page, "#id_phone", "13800138000")
    _type(page, "#id_address", "示范县人民路2号")
    _type(page, "#id_postcode", "230000")
    _type(page, "#id_description", "2025年本县最低生活保障资金发放情况")
    page.focus("#id_privacy_accepted")
    page.keyboard.press("Space")
    page.focus("button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#error-summary").count() == 1
    assert page.input_value("#id_name") == "张三"
    assert page.get_attribute("#id_id_number", "aria-invalid") == "true"
    problems = accessibility_problems(page, "[form with errors]")

    page.fill("#id_id_number", "")
    _type(page, "#id_id_number", ID_NUMBER)
    if not page.is_checked("#id_privacy_accepted"):
        page.focus("#id_privacy_accepted")
        page.keyboard.press("Space")
    page.focus("button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/zfxxgk/apply/receipt/"), page.url
    codes = page.locator(".govopen-code").all_inner_texts()
    number, query_code = codes[0].strip(), codes[1].strip()
    assert number.startswith("SFX-")
    problems += accessibility_problems(page, "[receipt]")

    page.goto(visit.base_url + "/zfxxgk/apply/status/")
    _type(page, "#id_number", number)
    _type(page, "#id_query_code", query_code.lower())
    page.focus("#id_query_code")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert number in page.inner_text("main")
    assert "张*" in page.inner_text("main")
    problems += accessibility_problems(page, "[status result]")
    problems += visit.problems()
    fail("applying and following an application", problems)
