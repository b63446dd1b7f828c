"""Fixtures for the browser tests: one Chromium per session, one live server.

The tests drive Debian's Chromium through Playwright (Playwright's own browser
download is not used). Without Chromium they are skipped, and the run ends with
one line that says why.
"""

import os
import shutil
from dataclasses import dataclass, field
from importlib.util import find_spec
from io import StringIO
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread, which makes
# Django refuse database access from it; the tests never touch the database
# concurrently with that loop, so this is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GOVOPEN_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
]


def _skip_reason():
    path = CHROMIUM if os.path.sep in CHROMIUM else shutil.which(CHROMIUM)
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        return (
            f"browser tests skipped: Chromium not found at {CHROMIUM}"
            " (apt-get install chromium, or set GOVOPEN_CHROMIUM to its path)"
        )
    for module in ("playwright", "axe_playwright_python"):
        if find_spec(module) is None:
            return (
                f"browser tests skipped: the Python package {module} is missing"
                ' (pip install -e ".[test]")'
            )
    return None


SKIP_REASON = _skip_reason()
_skipped = pytest.StashKey[int]()
_browser_version = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # After pytest-django has ordered the tests: the browser tests share one
    # committed demo database, so they run as one block, first, while the
    # database is still as the migrations left it (transactional tests flush
    # it); ``demo_site`` restores it when the block ends.
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = browser + others
    if SKIP_REASON is None:
        return
    if os.environ.get("GOVOPEN_REQUIRE_BROWSER") and any(
        item.get_closest_marker("browser") for item in items
    ):
        # For CI that must not pass without the browser checks.
        raise pytest.UsageError(
            SKIP_REASON.replace(
                "browser tests skipped", "GOVOPEN_REQUIRE_BROWSER is set"
            )
        )
    skip = pytest.mark.skip(reason=SKIP_REASON)
    count = 0
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)
            count += 1
    config.stash[_skipped] = count


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(_skipped, 0)
    if skipped:
        terminalreporter.write_line(f"{SKIP_REASON} [{skipped} tests]", yellow=True)
    elif version := config.stash.get(_browser_version, ""):
        terminalreporter.write_line(
            f"browser tests ran in Chromium {version} ({CHROMIUM});"
            " screenshots in test-artifacts/screenshots/"
        )


@pytest.fixture(scope="package")
def chromium(pytestconfig):
    """One headless Chromium for all the browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        pytestconfig.stash[_browser_version] = browser.version
        yield browser
        browser.close()


def _database_name():
    from django.conf import settings

    return settings.DATABASES["default"]["NAME"]


# Read before any test database exists: the database the settings name.
_CONFIGURED_DATABASE = _database_name()


@pytest.fixture(scope="package")
def _test_database(django_db_setup, django_db_blocker, django_db_keepdb):
    """The test database, even when no other collected test asked for one.

    pytest-django creates it only for tests that use ``db`` and the like;
    the browser tests deliberately do not (they would then run inside a
    transaction or flush the demo away after each test).
    """
    from django.test.utils import setup_databases, teardown_databases

    if _database_name() != _CONFIGURED_DATABASE:
        yield  # pytest-django made it
        return
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, keepdb=django_db_keepdb, aliases={"default"}
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0, keepdb=django_db_keepdb)


@pytest.fixture(scope="package")
def demo_site(request, _test_database, django_db_blocker, tmp_path_factory):
    """A live server with the demo content, for all browser tests at once.

    Building the demo takes seconds (feature apps add their content through
    the ``govopen_demo_content`` hook), too slow to repeat for each test, so
    it is committed once, and the browser tests run as one block before the
    other database tests (see ``pytest_collection_modifyitems``). Afterwards
    the database is put back as it was, as Django's ``serialized_rollback``
    does. Uploaded files (the demo's images and their renditions) go to a
    temporary folder that the live server serves at MEDIA_URL, as a site does.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from govopen.core.demo import DemoBuilder

    media = override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        STORAGES={
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        },
    )
    media.enable()
    server = None
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    try:
        with django_db_blocker.unblock():
            DemoBuilder(stdout=StringIO()).build()
        server = LiveServer(
            request.config.getvalue("liveserver")
            or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
            or "localhost"
        )
        yield server
    finally:
        if server is not None:
            server.stop()
        with django_db_blocker.unblock():
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(snapshot)
        media.disable()
        _clear_caches()


def _clear_caches():
    # Wagtail caches site root paths; the demo site must not outlive its data.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@dataclass
class Visit:
    """A page open in a browser context, with what it loaded and logged."""

    page: object
    base_url: str
    status: int | None = None
    foreign_requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        self.status = response.status if response else None
        return self

    def problems(self):
        """Requests to other sites (pages must load nothing from a CDN), JS errors."""
        return [
            f"loaded from another site: {url} | page: {self.page.url}"
            for url in self.foreign_requests
        ] + [f"error: {error} | page: {self.page.url}" for error in self.errors]


class _PagePool:
    """Browser pages kept open for all the browser tests.

    One context per (JavaScript on or off, display mode), one page in it per
    viewport: a fresh context costs half a second, and separate pages let
    axe-core check several of them at once.
    """

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.origin = urlsplit(base_url)
        self.contexts = {}
        self.pages = {}
        self.visits = {}

    def page(self, javascript, mode, viewport):
        from .harness import VIEWPORTS

        key = (javascript, mode, viewport)
        if key not in self.pages:
            if (javascript, mode) not in self.contexts:
                self.contexts[javascript, mode] = self.browser.new_context(
                    java_script_enabled=javascript,
                    locale="zh-CN",
                    reduced_motion="reduce",
                )
            page = self.contexts[javascript, mode].new_page()
            page.set_viewport_size(VIEWPORTS[viewport])
            self._listen(page, key)
            self.pages[key] = page
        return self.contexts[javascript, mode], self.pages[key]

    def _listen(self, page, key):
        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and (
                parts.hostname,
                parts.port,
            ) != (self.origin.hostname, self.origin.port):
                self.visits[key].foreign_requests.append(request.url)

        def on_response(response):
            # The document's own status is checked by the tests; browsers
            # ask for /favicon.ico on their own.
            if (
                response.status >= 400
                and response.request.resource_type != "document"
                and not response.url.endswith("/favicon.ico")
            ):
                self.visits[key].errors.append(f"{response.status} for {response.url}")

        def on_console(message):
            if message.type == "error" and "Failed to load resource" not in (
                message.text
            ):
                self.visits[key].errors.append(message.text)

        page.on("request", on_request)
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda error: self.visits[key].errors.append(str(error)))

    def close(self):
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="package")
def _page_pool(chromium, demo_site):
    pool = _PagePool(chromium, demo_site.url)
    yield pool
    pool.close()


@pytest.fixture
def browse(_page_pool, django_db_blocker):
    """Open a path of the demo site in the browser.

    ``browse(path, viewport="desktop", mode="default", javascript=True)``
    returns a ``Visit``; viewports and modes are those of harness.py. The
    pages are reused between calls and tests; each call resets the cookies
    of its context to the mode's.
    """
    from .harness import MODES

    pool = _page_pool

    def open_page(path, *, viewport="desktop", mode="default", javascript=True):
        context, page = pool.page(javascript, mode, viewport)
        context.clear_cookies()
        cookies = [
            {"name": name, "value": value, "url": pool.base_url}
            for name, value in MODES[mode].items()
        ]
        if cookies:
            context.add_cookies(cookies)
        visit = Visit(page=page, base_url=pool.base_url)
        pool.visits[javascript, mode, viewport] = visit
        return visit.go(path)

    # The live server's threads open their own database connections.
    with django_db_blocker.unblock():
        yield open_page


@pytest.fixture(scope="package")
def _tab_walks():
    return {}


@pytest.fixture
def tab_walk_of(browse, _tab_walks):
    """``tab_walk_of(path, viewport, mode, javascript)``: the Tab walk of a page.

    What the keyboard reaches and how focus looks there, from a fresh load,
    done once for the keyboard and the layout tests together.
    """
    from .harness import form_problems, tab_walk, unreachable_problems

    def walk(path, viewport="desktop", mode="default", javascript=True):
        key = (path, viewport, mode, javascript)
        if key not in _tab_walks:
            page = browse(
                path, viewport=viewport, mode=mode, javascript=javascript
            ).page
            steps = tab_walk(page)
            _tab_walks[key] = {
                "url": page.url,
                "steps": steps,
                "unreachable": unreachable_problems(page),
                "forms": form_problems(page),
            }
        return _tab_walks[key]

    return walk


@pytest.fixture
def blank_page(chromium):
    """A page with no server behind it, for ``page.set_content``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
