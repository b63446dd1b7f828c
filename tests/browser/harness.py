"""The checks the browser tests run on a Playwright page.

Each check returns a list of problems, one readable line each, naming the rule,
the element and the page, so that a failing test says what to fix. The
``assert_*`` wrappers fail the test with all problems at once. They take any
Playwright page, so tests/browser/test_harness.py can prove on a deliberately
broken page that they fail.
"""

import re
from pathlib import Path

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# WCAG 2.1 levels A and AA, which GB/T 37668-2019 follows.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")

VIEWPORTS = {
    "phone": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 800},
}
# Reader display modes, as the font-size and contrast switches set them (cookies).
MODES = {
    "default": {},
    "large-font": {"govopen_font": "large"},
    "xlarge-font": {"govopen_font": "xlarge"},
    "high-contrast": {"govopen_contrast": "high"},
}
# The class each mode puts on <html>, to prove that the mode took effect.
MODE_CLASSES = {
    "default": None,
    "large-font": "govopen-font-large",
    "xlarge-font": "govopen-font-xlarge",
    "high-contrast": "govopen-contrast-high",
}


# Which (viewport, mode[, JavaScript]) combinations each check runs: all of
# them for a page type, fewer for a variant (pages.py), so that the run stays
# short as page types are added.
AXE_RUNS = {
    "full": [
        (viewport, mode)
        for viewport in VIEWPORTS
        for mode in ("default", "large-font", "high-contrast")
    ],
    "variant": [("phone", "default"), ("desktop", "default")],
}
LAYOUT_RUNS = {
    "full": [(viewport, mode) for viewport in VIEWPORTS for mode in MODES],
    "variant": [("phone", "xlarge-font"), ("desktop", "default")],
}
SCREENSHOT_RUNS = {
    ("phone", "default"),
    ("phone", "xlarge-font"),
    ("desktop", "default"),
    ("desktop", "high-contrast"),
}
# Tab walks: without JavaScript on a phone, with it on a desktop, so that what
# scripts add (the print button) and what a narrow layout hides are covered,
# and focus is seen in both contrast modes.
WALK_RUNS = {
    "full": [("phone", "default", False), ("desktop", "high-contrast", True)],
    "variant": [("phone", "default", False)],
}


def runs(table, page_type):
    return table["full" if page_type.full else "variant"]


class BrowserCheckFailed(AssertionError):
    """A page failed a browser check; the message lists every problem."""


def html_classes(page):
    return (page.locator("html").get_attribute("class") or "").split()


def mode_problems(page, mode):
    """The mode's class must be on <html>, or the checks test the wrong thing."""
    expected = MODE_CLASSES[mode]
    classes = html_classes(page)
    if expected is None:
        wrong = [c for c in classes if c in MODE_CLASSES.values()]
        return (
            [f"default mode, yet <html> has {wrong} | page: {page.url}"]
            if wrong
            else []
        )
    if expected not in classes:
        return [f"{mode} mode did not put {expected} on <html> | page: {page.url}"]
    return []


def fail(title, problems):
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise BrowserCheckFailed(f"{title} ({len(problems)}):\n{lines}")


# Accessibility (axe-core) --------------------------------------------------


def _selectors(node):
    # A target is a list of CSS selectors, nested in lists for iframes and
    # shadow roots.
    parts = []
    for target in node.get("target", []):
        parts.append(" >>> ".join(target) if isinstance(target, list) else target)
    return " ".join(parts)


def _snippet(node):
    html = " ".join(node.get("html", "").split())
    return html if len(html) <= 100 else html[:97] + "..."


def format_violation(violation, url):
    """One line per axe violation: rule id, impact, help, elements, page."""
    elements = "; ".join(
        f"{_selectors(node)} {_snippet(node)}" for node in violation["nodes"][:10]
    )
    more = len(violation["nodes"]) - 10
    if more > 0:
        elements += f"; and {more} more"
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        f" | elements: {elements} | page: {url} | {violation['helpUrl']}"
    )


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}

_SCRIPTING_JS = """() => {
    // Scripts that a page inserts run only when scripting is on; Playwright's
    // own evaluate works either way.
    const root = document.documentElement;
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.govopenScripting = "on"';
    (document.head || root).appendChild(script);
    script.remove();
    const on = root.dataset.govopenScripting === 'on';
    delete root.dataset.govopenScripting;
    return on;
}"""


def scripting_enabled(page):
    return page.evaluate(_SCRIPTING_JS)


def _axe_source():
    # Imported here so that collection works without the package (the tests
    # are then skipped with the reason, see conftest.py).
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


class _AxeRun:
    """axe-core started on a page; ``violations()`` waits for its result.

    Starting several runs before collecting them lets Chromium check several
    pages at once. axe-core needs scripting (it uses timers), so on a page
    with JavaScript off it checks a copy of the page's DOM, with its styles,
    in a page where scripting is on.
    """

    def __init__(self, page):
        self.url = page.url
        self._copy_context = None
        if not scripting_enabled(page):
            page = self._scriptable_copy(page)
        self.page = page
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(_axe_source())
        page.evaluate(
            "(options) => { window.__govopenAxe = axe.run(document, options)"
            ".then(results => results.violations); }",
            AXE_OPTIONS,
        )

    def _scriptable_copy(self, page):
        self._copy_context = page.context.browser.new_context(
            viewport=page.viewport_size
        )
        copy = self._copy_context.new_page()
        base = '<base href="{}">'.format(page.url.replace('"', "%22"))
        html = re.sub(
            r"<head\b[^>]*>",
            lambda match: match.group(0) + base,
            page.content(),
            count=1,
            flags=re.IGNORECASE,
        )
        copy.set_content(html)
        return copy

    def violations(self):
        try:
            return self.page.evaluate("() => window.__govopenAxe")
        finally:
            if self._copy_context is not None:
                self._copy_context.close()


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    return _AxeRun(page).violations()


def _blocking(violations, url):
    return [
        format_violation(violation, url)
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def accessibility_problems(page, where=""):
    """The serious and critical WCAG 2.1 A/AA violations, one line each."""
    return _blocking(axe_violations(page), f"{page.url} {where}".strip())


def accessibility_problems_of_many(pages):
    """``accessibility_problems`` of several ``(page, where)``, run at once."""
    runs = [(_AxeRun(page), where) for page, where in pages]
    problems = []
    for run, where in runs:
        problems += _blocking(run.violations(), f"{run.url} {where}".strip())
    return problems


def assert_accessible(page, where=""):
    fail(
        "axe-core found WCAG 2.1 A/AA violations of impact serious or critical",
        accessibility_problems(page, where),
    )


# Keyboard ------------------------------------------------------------------

# The attribute the Tab walk leaves on each element it reached, with its step.
KBD_ATTR = "data-govopen-tab-step"

_DESCRIBE_JS = """
function describe(el) {
    let text = (el.getAttribute('aria-label') || el.textContent || el.value || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 40);
    let sel = el.tagName.toLowerCase();
    if (el.id) sel += '#' + el.id;
    for (const c of el.classList) sel += '.' + c;
    if (el.getAttribute('name')) sel += '[name="' + el.getAttribute('name') + '"]';
    if (el.getAttribute('href')) sel += '[href="' + el.getAttribute('href') + '"]';
    return text ? sel + ' "' + text + '"' : sel;
}
"""

_FOCUSED_JS = (
    "([attr, step]) => {"
    + _DESCRIBE_JS
    + """
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const again = el.hasAttribute(attr);
    if (!again && step !== null) el.setAttribute(attr, step);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        again,
        element: describe(el),
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        nav: el.closest('nav') ? el.closest('nav').getAttribute('aria-label') : null,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        visible: box.width > 0 && box.height > 0 && box.bottom > 0
            && box.right > 0 && box.left < window.innerWidth,
    };
}"""
)

# What a keyboard user must be able to reach: links, controls, and anything
# the author put in the tab order, when shown and enabled.
_INTERACTIVE_JS = (
    "(attr) => {"
    + _DESCRIBE_JS
    + """
    const selector = 'a[href], area[href], button, input:not([type=hidden]), select, '
        + 'textarea, summary, iframe, [contenteditable=""], [contenteditable=true], '
        + '[tabindex]:not([tabindex^="-"])';
    return Array.from(document.querySelectorAll(selector)).filter(el => {
        if (el.disabled || el.closest('[hidden], [inert]')) return false;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        return el.getClientRects().length > 0;
    }).map(el => ({element: describe(el), reached: el.hasAttribute(attr)
        // Tab reaches one radio of a group, the arrow keys the others.
        || (el.type === 'radio' && Boolean(el.name) && Array.from(
            (el.form || document).querySelectorAll('input[type=radio]')).some(
            r => r.name === el.name && r.hasAttribute(attr)))}));
}"""
)


def tab_walk(page, limit=300):
    """Press Tab from the top of a freshly loaded page until focus wraps.

    Returns what had focus at each step (element, href, focus style). Each
    element reached is marked with ``KBD_ATTR`` so that other checks can tell
    what the keyboard reaches.
    """
    steps = []
    for step in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_JS, [KBD_ATTR, str(step)])
        if focused is None or focused["again"]:
            break
        steps.append(focused)
    else:
        raise BrowserCheckFailed(
            f"focus never left the page after {limit} Tab presses on {page.url}"
            " (a keyboard trap?)"
        )
    return steps


def unreachable_problems(page):
    """Interactive elements that the last ``tab_walk`` did not reach."""
    return [
        f"not reachable with Tab: {item['element']} | page: {page.url}"
        for item in page.evaluate(_INTERACTIVE_JS, KBD_ATTR)
        if not item["reached"]
    ]


def has_focus_indicator(focused):
    outline = (
        focused["outlineStyle"] not in ("none", "hidden")
        and focused["outlineWidth"] > 0
        and focused["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    return outline or focused["boxShadow"] not in ("", "none")


def focus_indicator_problems(steps, url):
    """Elements that show no focus outline or ring, or stay off screen, on focus."""
    problems = []
    for focused in steps:
        if not has_focus_indicator(focused):
            problems.append(
                f"no visible focus indicator (outline {focused['outlineStyle']}"
                f" {focused['outlineWidth']}px, box-shadow {focused['boxShadow']}):"
                f" {focused['element']} | page: {url}"
            )
        if not focused["visible"]:
            problems.append(
                f"focused element is not on screen: {focused['element']} | page: {url}"
            )
    return problems


def tab_to(page, predicate, what, limit=100):
    """Press Tab until ``predicate(focused)`` holds; fail with the focus order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_JS, [KBD_ATTR, None])
        if focused is None:
            break
        if predicate(focused):
            return focused
        seen.append(focused["element"])
    order = "\n".join(f"    {n}. {element}" for n, element in enumerate(seen, 1))
    raise BrowserCheckFailed(
        f"could not reach {what} with Tab on {page.url}; focus went to:\n{order}"
    )


# Forms -----------------------------------------------------------------------

_FORM_CONTROLS_JS = (
    "(attr) => {"
    + _DESCRIBE_JS
    + """
    const skip = new Set(['hidden']);
    let next = 0;
    return Array.from(document.forms).map((form, index) => ({
        form: (form.getAttribute('aria-label') || form.id || form.getAttribute('action')
            || 'form ' + (index + 1)),
        controls: Array.from(form.elements).filter(el =>
            !['FIELDSET', 'OBJECT', 'OUTPUT'].includes(el.tagName)
            && !skip.has(el.type) && !el.disabled
            && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0
        ).map(el => {
            const key = String(next++);
            el.setAttribute('data-govopen-control', key);
            const labelled = el.labels && el.labels.length > 0;
            const aria = (el.getAttribute('aria-label') || '').trim()
                || (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
                    .map(id => document.getElementById(id))
                    .filter(Boolean).map(n => n.textContent.trim()).join(' ');
            const isButton = el.tagName === 'BUTTON'
                || ['submit', 'reset', 'button', 'image'].includes(el.type);
            return {
                element: describe(el),
                key,
                reached: el.hasAttribute(attr) || (el.type === 'radio'
                    && Boolean(el.name) && Array.from(form.elements).some(
                        r => r.type === 'radio' && r.name === el.name
                            && r.hasAttribute(attr))),
                isButton,
                isSubmit: (el.tagName === 'BUTTON' && (el.type || 'submit') === 'submit')
                    || ['submit', 'image'].includes(el.type),
                labelledVisibly: Boolean(labelled || aria || isButton),
                placeholderOnly: !labelled && !aria && !isButton
                    && Boolean(el.getAttribute('placeholder')),
            };
        }),
    }));
}"""
)

_SNAPSHOT_NAME = re.compile(r'^- [\w-]+ "(.+?)"')


def _accessible_name(page, key):
    """The name the browser's accessibility tree gives the element (or "")."""
    snapshot = page.locator(f'[data-govopen-control="{key}"]').aria_snapshot()
    match = _SNAPSHOT_NAME.match(snapshot.splitlines()[0] if snapshot else "")
    return match.group(1).strip() if match else ""


def form_problems(page):
    """Every form control must be reachable by keyboard and have a name.

    Run after ``tab_walk``, which marks what the keyboard reached. A form must
    also have a submit button a keyboard user can reach.
    """
    problems = []
    for form in page.evaluate(_FORM_CONTROLS_JS, KBD_ATTR):
        where = f"in {form['form']} | page: {page.url}"
        for control in form["controls"]:
            if not control["reached"]:
                problems.append(
                    f"form control not reachable with Tab: {control['element']} {where}"
                )
            name = _accessible_name(page, control["key"])
            if not name:
                problems.append(
                    f"form control has no accessible name (label): "
                    f"{control['element']} {where}"
                )
            elif control["placeholderOnly"]:
                problems.append(
                    f"form control is named only by its placeholder, which"
                    f" disappears as one types; give it a <label>:"
                    f" {control['element']} {where}"
                )
        if not any(c["isSubmit"] and c["reached"] for c in form["controls"]):
            problems.append(f"form has no submit button reachable with Tab {where}")
    return problems


def assert_forms_usable_by_keyboard(page):
    tab_walk(page)
    fail("form controls not usable by keyboard alone", form_problems(page))


# Layout ----------------------------------------------------------------------

_OVERFLOW_JS = (
    "() => {"
    + _DESCRIBE_JS
    + """
    const width = window.innerWidth;
    const result = {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: width,
        wide: [],
    };
    const scrolls = el => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll') return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        if (box.right > width + 0.5 && !scrolls(el)) {
            result.wide.push(describe(el) + ' (right edge at ' + Math.round(box.right)
                + 'px)');
        }
    }
    return result;
}"""
)


def overflow_problems(page, where=""):
    """Horizontal scrolling, or content that sticks out past the right edge."""
    found = page.evaluate(_OVERFLOW_JS)
    url = f"{page.url} {where}".strip()
    problems = []
    if found["scrollWidth"] > found["innerWidth"]:
        problems.append(
            f"horizontal scrolling: the page is {found['scrollWidth']}px wide in a"
            f" {found['innerWidth']}px window | page: {url}"
        )
    problems += [
        f"sticks out past the right edge: {element} | page: {url}"
        for element in found["wide"][:10]
    ]
    return problems


def assert_no_horizontal_scroll(page, where=""):
    fail("content wider than the window", overflow_problems(page, where))


def save_screenshot(page, name):
    """A full-page screenshot for people to look at (never compared)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
