"""Keep CDN copies of the negative list in step with recorded decisions."""

from django.apps import apps


def purge_list_pages(entry, change):
    """Purge the list pages showing ``entry`` (every language) from the CDN.

    A review decision changes the public page without publishing it, so
    Wagtail's own purge-on-publish does not run. Does nothing unless
    ``wagtail.contrib.frontend_cache`` is installed.
    """
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from .models import NegativeListPage

    pages = (
        NegativeListPage.objects.live()
        .filter(entries__translation_key=entry.translation_key)
        .distinct()
    )
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()
