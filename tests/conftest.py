from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache.

    The database is rolled back after each test but the local-memory cache is
    not, so Wagtail's cached site root paths would name pages that no longer
    exist (and miss new ones saved without signals, e.g. by ``update()``).
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def english():
    """English is the active language for the test.

    The catalogues translate every message into 简体中文, the default language;
    tests that read a message's wording read it in English.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def demo(db):
    """The example site's demo content, as `make demo` creates it, in 简体中文 only.

    Its 繁體中文 and English versions would triple the time of every test that
    uses it; ``demo_translated`` has them.
    """
    from govopen.core.demo import DemoBuilder

    builder = DemoBuilder(stdout=StringIO(), translations=False)
    builder.build()
    return builder


@pytest.fixture(scope="module")
def _demo_translated(django_db_setup, django_db_blocker):
    # Built once per test module inside a transaction that is rolled back
    # when the module ends; each test runs in a savepoint within it.
    from django.db import transaction

    from govopen.core.demo import DemoBuilder

    with django_db_blocker.unblock(), transaction.atomic():
        builder = DemoBuilder(stdout=StringIO())
        builder.build()
        yield builder
        transaction.set_rollback(True)


@pytest.fixture
def demo_translated(_demo_translated, db):
    """The whole demo as `make demo` creates it, with 繁體中文 and English versions.

    Shared by the tests of a module: a test's changes are rolled back after it,
    but the builder's page objects are not refreshed, so fetch a page again
    before changing it.
    """
    return _demo_translated


@pytest.fixture
def run_command():
    def run(*args, **kwargs):
        out = StringIO()
        call_command(*args, stdout=out, stderr=StringIO(), **kwargs)
        return out.getvalue()

    return run
