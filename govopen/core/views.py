from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .conf import get_setting
from .preferences import CONTRAST_COOKIE, CONTRASTS, FONT_COOKIE, FONT_SIZES


def _safe_next(request, default="/"):
    next_url = request.GET.get("next") or request.headers.get("referer") or default
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


@require_GET
@never_cache
def set_preference(request):
    """Remember the font size or contrast and return to the page (works without JS).

    A GET link rather than a form so that it works in cached pages without a CSRF
    token; it only changes how pages look to this reader.
    """
    response = HttpResponseRedirect(_safe_next(request))
    age = get_setting("GOVOPEN_PREFERENCE_COOKIE_AGE")
    font = request.GET.get("font")
    if font in FONT_SIZES:
        response.set_cookie(FONT_COOKIE, font, max_age=age, samesite="Lax")
    contrast = request.GET.get("contrast")
    if contrast in CONTRASTS:
        response.set_cookie(CONTRAST_COOKIE, contrast, max_age=age, samesite="Lax")
    return response


@require_GET
def leave_site(request):
    """The notice shown before a reader follows a link to another website."""
    url = request.GET.get("url", "")
    parts = urlsplit(url)
    valid = (
        parts.scheme in ("http", "https") and bool(parts.hostname) and len(url) < 2048
    )
    return TemplateResponse(
        request,
        "govopen/core/leave_site.html",
        {
            "target_url": url if valid else "",
            "target_host": parts.hostname if valid else "",
            "back_url": _safe_next(request),
        },
        status=200 if valid else 400,
    )
