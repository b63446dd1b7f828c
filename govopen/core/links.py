"""Telling internal links from links that leave the site."""

from urllib.parse import urlencode, urlsplit

from django.urls import reverse

from .conf import get_setting


def is_external(url, request=None):
    """True for an absolute http(s) link to a host that is not this site's."""
    if not url:
        return False
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    internal = {h.lower() for h in get_setting("GOVOPEN_INTERNAL_HOSTS")}
    if request is not None:
        internal.add(request.get_host().split(":")[0].lower())
    return host not in internal


def leave_url(url):
    """The URL of the notice page shown before following ``url``."""
    return f"{reverse('govopen:leave')}?{urlencode({'url': url})}"
