"""Helpers shared by the directory's management commands."""

from django.core.management.base import CommandError
from django.db.models import Case, IntegerField, Value, When
from wagtail.models import Locale


def find_directory(value):
    """The directory page named by ``value`` (an id or URL path), or the only one.

    Translations of a directory share its URL path under another home page;
    the default language's directory is preferred.
    """
    from govopen.directory.models import DisclosureDirectoryPage

    pages = DisclosureDirectoryPage.objects.annotate(
        other_locale=Case(
            When(locale_id=Locale.get_default().pk, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("other_locale", "depth", "pk")
    if value is None:
        default = [page for page in pages if page.other_locale == 0]
        if len(default) == 1:
            return default[0]
        raise CommandError(
            f"There are {len(default)} directory pages: choose one with "
            "--directory (its id or URL path)."
        )
    if str(value).isdigit():
        page = pages.filter(pk=int(value)).first()
    else:
        page = pages.filter(
            url_path__endswith="/" + str(value).strip("/") + "/"
        ).first()
    if page is None:
        raise CommandError(f"No directory page {value!r}.")
    return page
