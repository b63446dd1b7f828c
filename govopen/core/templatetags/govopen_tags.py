import re

import segno
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..conf import get_setting
from ..languages import get_default_language, get_language_versions
from ..links import is_external, leave_url
from ..preferences import CONTRASTS, FONT_SIZES, Preferences

register = template.Library()

_HREF_RE = re.compile(r'(<a\b[^>]*?\bhref=")([^"]+)(")', re.IGNORECASE)


@register.simple_tag(takes_context=True)
def govopen_preferences(context):
    """The reader's font size and contrast, read from their cookies."""
    return Preferences.from_request(context.get("request"))


@register.inclusion_tag("govopen/includes/display_switches.html", takes_context=True)
def govopen_display_switches(context):
    request = context.get("request")
    current = Preferences.from_request(request)
    next_url = request.get_full_path() if request else "/"
    return {
        "current": current,
        "next_url": next_url,
        "fonts": list(FONT_SIZES.items()),
        "contrasts": list(CONTRASTS.items()),
    }


@register.simple_tag(takes_context=True)
def govopen_meta_tags(context, page=None):
    """The <meta> tags of 国办发〔2017〕47号 for ``page``."""
    page = page or context.get("page")
    if page is None or not hasattr(page, "get_meta_tags"):
        return ""
    tags = page.get_meta_tags(context.get("request"))
    return format_html_join(
        "\n", '<meta name="{}" content="{}">', sorted(tags.items(), key=_meta_order)
    )


_META_ORDER = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
]


def _meta_order(item):
    name = item[0]
    return _META_ORDER.index(name) if name in _META_ORDER else len(_META_ORDER)


def _ancestors(page):
    """The ancestors below the root, inclusive: one query, memoised on the page."""
    cached = getattr(page, "_govopen_ancestors", None)
    if cached is None:
        cached = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
        page._govopen_ancestors = cached
    return cached


@register.inclusion_tag("govopen/includes/breadcrumb.html", takes_context=True)
def govopen_breadcrumb(context, page=None, current_label=None):
    """当前位置: the page's ancestors from the (language's) home page down."""
    page = page or context.get("page")
    crumbs = []
    if page is not None and isinstance(page, Page):
        crumbs = _ancestors(page)
    return {"crumbs": crumbs, "current_label": current_label}


@register.inclusion_tag("govopen/includes/main_nav.html", takes_context=True)
def govopen_main_nav(context, page=None):
    """The home page of the current language and its children shown in menus."""
    request = context.get("request")
    page = page or context.get("page")
    home = None
    if isinstance(page, Page):
        home = next((p for p in _ancestors(page) if p.depth == 2), None)
    if home is None and request is not None:
        site = Site.find_for_request(request)
        home = site.root_page.localized if site else None
    current_path = page.path if isinstance(page, Page) else ""
    items = []
    if home is not None:
        for item in home.get_children().live().in_menu().public():
            if item.path == current_path:
                current = "page"
            elif current_path.startswith(item.path):
                current = "true"
            else:
                current = None
            items.append({"page": item, "current": current})
    return {
        "home": home,
        "home_current": home is not None and home.path == current_path,
        "items": items,
        "request": request,
    }


@register.inclusion_tag("govopen/includes/language_switcher.html", takes_context=True)
def govopen_language_switcher(context, page=None):
    """Links to this page in the other languages.

    A language the page is not translated into links to its home page instead
    (see govopen.core.languages); nothing is shown when there is one language.
    """
    page = page or context.get("page")
    versions = get_language_versions(page, context.get("request"))
    links = versions if len(versions) > 1 else []
    return {
        "links": links,
        "has_home_links": any(not link.exact for link in links),
    }


@register.simple_tag(takes_context=True)
def govopen_alternate_links(context, page=None):
    """The page's live translations for ``<link rel="alternate" hreflang>``.

    A list of (hreflang, full URL), the default language's version again as
    ``x-default``; empty when the page exists in one language only.
    """
    page = page or context.get("page")
    versions = [
        version
        for version in get_language_versions(page, context.get("request"))
        if version.exact and version.full_url
    ]
    if len(versions) < 2:
        return []
    links = [(version.language_code, version.full_url) for version in versions]
    default = get_default_language()
    links += [
        ("x-default", version.full_url)
        for version in versions
        if version.language_code == default
    ]
    return links


@register.simple_tag(takes_context=True)
def govopen_qr_code(context, url=None):
    """An inline SVG QR code of ``url`` (default: the current page), no network."""
    if not get_setting("GOVOPEN_SHOW_QR_CODE"):
        return ""
    request = context.get("request")
    if url is None:
        if request is None:
            return ""
        url = request.build_absolute_uri()
    try:
        qr = segno.make(url, error="m")
    except segno.DataOverflowError:
        # Longer than any QR code holds (e.g. an absurd search query).
        return ""
    svg = qr.svg_inline(
        scale=3,
        dark="#000",
        light="#fff",
        title=_("QR code of this page"),
        svgclass="govopen-qr",
    )
    # svg_inline escapes the title itself; role=img names it for screen readers.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


@register.filter
def govopen_external(url, request=None):
    """Route a link that leaves the site through the notice page."""
    if is_external(url, request):
        return leave_url(url)
    return url


@register.simple_tag(takes_context=True)
def govopen_external_links(context, html):
    """Rewrite every external link in rendered rich text to the notice page."""
    request = context.get("request")

    def replace(match):
        href = match.group(2).replace("&amp;", "&")
        if is_external(href, request):
            from django.utils.html import escape

            return f"{match.group(1)}{escape(leave_url(href))}{match.group(3)}"
        return match.group(0)

    return mark_safe(_HREF_RE.sub(replace, str(html)))  # noqa: S308


@register.simple_tag
def govopen_link(url, text, request=None):
    """A link that goes through the notice page when it leaves the site."""
    return format_html('<a href="{}">{}</a>', govopen_external(url, request), text)
