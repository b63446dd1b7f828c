"""Keep the listing copies of an item's parent and ``live`` flag in step.

An item's own ``save()`` sets them, but Wagtail publishes, unpublishes (also
when a page expires) and moves pages through paths that may save a plain
``Page`` instance; these signals catch all three.
"""

from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import DisclosureItemPage


def sync_listing(page):
    specific_class = getattr(page, "specific_class", None)
    if specific_class is None or not issubclass(specific_class, DisclosureItemPage):
        return
    parent = page.get_parent(update=True)
    live = Page.objects.filter(pk=page.pk).values_list("live", flat=True).first()
    DisclosureItemPage.objects.filter(pk=page.pk).update(
        listing_parent=parent.pk if parent is not None else None,
        listing_live=bool(live),
    )


@receiver(page_published)
@receiver(page_unpublished)
def on_publication_change(sender, instance, **kwargs):
    sync_listing(instance)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    sync_listing(instance)
