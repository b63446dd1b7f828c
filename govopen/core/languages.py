"""The language versions of what the reader sees: the switcher and hreflang links.

For a page, each content language (``WAGTAIL_CONTENT_LANGUAGES``, in its order)
offers the page's live translation; a language the page is not translated into
offers that language's home page instead, so the reader can always change
language; a language without even a home page is left out. For a view that is
not a page (the leaving-site notice, a form's result), each language offers the
same URL under its own prefix.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.coreutils import (
    get_content_languages,
    get_supported_content_language_variant,
)
from wagtail.models import Page, Site


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of the current page."""

    language_code: str
    #: The language's own name (繁體中文, English), from WAGTAIL_CONTENT_LANGUAGES.
    name: str
    url: str
    full_url: str
    #: This is the version the reader is on.
    current: bool = False
    #: False when the language's home page stands in for a missing translation.
    exact: bool = True


def _content_language(code):
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return None


def get_default_language():
    """The content language of ``LANGUAGE_CODE``: the x-default of hreflang."""
    return _content_language(settings.LANGUAGE_CODE)


def get_language_versions(page=None, request=None):
    """The versions of ``page`` (or, without a page, of the request's URL).

    Costs one query for a page, none otherwise, and is remembered on the
    request, so the switcher and the hreflang links share it.
    """
    cache = getattr(request, "_govopen_language_versions", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._govopen_language_versions = cache
    key = (page.pk, page.translation_key) if isinstance(page, Page) else None
    if key not in cache:
        if isinstance(page, Page):
            cache[key] = _page_versions(page, request)
        else:
            cache[key] = _view_versions(request)
    return cache[key]


def _home_paths(page, request):
    """The url_paths of the localised home pages of the page's site."""
    root_paths = Site.get_site_root_paths()
    # A new page being previewed has no url_path yet: use the request's site.
    url_path = page.url_path or ""
    site_id = next(
        (root.site_id for root in root_paths if url_path.startswith(root.root_path)),
        None,
    )
    if site_id is None and request is not None:
        site = Site.find_for_request(request)
        site_id = site.pk if site else None
    if site_id is None:
        return []
    return [root.root_path for root in root_paths if root.site_id == site_id]


def _page_versions(page, request):
    candidates = (
        Page.objects.live()
        .filter(
            Q(translation_key=page.translation_key)
            | Q(url_path__in=_home_paths(page, request))
        )
        .select_related("locale")
    )
    exact, homes = {}, {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if candidate.translation_key == page.translation_key:
            exact[code] = candidate
        else:
            homes[code] = candidate
    current_code = next(
        (code for code, version in exact.items() if version.pk == page.pk), None
    )
    if current_code is None:
        # A preview or a draft: not among the live pages, so one more query.
        current_code = page.locale.language_code

    versions = []
    for code, name in get_content_languages().items():
        if code == current_code:
            versions.append(
                LanguageVersion(
                    code,
                    name,
                    page.get_url(request) or "",
                    page.get_full_url(request) or "",
                    current=True,
                )
            )
            continue
        target = exact.get(code) or homes.get(code)
        url = target.get_url(request) if target is not None else None
        if url:
            versions.append(
                LanguageVersion(
                    code,
                    name,
                    url,
                    target.get_full_url(request),
                    exact=code in exact,
                )
            )
    return versions


def _view_versions(request):
    if request is None:
        return []
    path = request.get_full_path()
    active = _content_language(get_language())
    versions = []
    for code, name in get_content_languages().items():
        url = translate_url(path, code)
        versions.append(
            LanguageVersion(
                code,
                name,
                url,
                request.build_absolute_uri(url),
                current=code == active,
            )
        )
    # A URL outside the language prefixes is the same in every language.
    if len({version.url for version in versions}) < len(versions):
        return []
    return versions
