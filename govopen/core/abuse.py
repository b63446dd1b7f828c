"""Abuse protection for public forms, without any third-party service.

Three independent layers that any govopen form can use (applications, Q&A):

- a **honeypot**: :class:`HoneypotFormMixin` adds a field people never see or
  reach; a bot that fills it is refused with an ordinary-looking error;
- a **rate limit** per client address through Django's cache
  (:func:`check_rate_limit`, :func:`hit_rate_limit`): ``cache.add`` and
  ``cache.incr`` are atomic on Redis and Memcached, so several app servers
  share one count; limits are the ``GOVOPEN_RATE_LIMITS`` setting;
- an optional **captcha** (``GOVOPEN_CAPTCHA``): :class:`CaptchaFormMixin`
  asks a short arithmetic question in the reader's language; the answer
  travels signed with ``django.core.signing`` and each question is accepted
  once. No images, no audio, nothing loaded from elsewhere, so it works with
  screen readers and on intranets.

The client address is ``REMOTE_ADDR``, or, behind the site's own reverse
proxies, the entry of ``X-Forwarded-For`` that the outermost trusted proxy
added (``GOVOPEN_TRUSTED_PROXY_DEPTH``). docs/configuration.md has the details.
"""

import hashlib
import ipaddress
import math
import secrets
import time
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .conf import DEFAULTS, get_setting

__all__ = [
    "CaptchaFormMixin",
    "HoneypotFormMixin",
    "RateLimit",
    "check_rate_limit",
    "client_address",
    "get_rate_limit",
    "hit_rate_limit",
    "protect_form",
    "rate_limit_key",
]

CACHE_PREFIX = "govopen:ratelimit"
CAPTCHA_SALT = "govopen.core.abuse.captcha"
CAPTCHA_USED_PREFIX = "govopen:captcha:used"

# Full-width digits and minus, as Chinese input methods type them.
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


# Client address --------------------------------------------------------------


def client_address(request):
    """The address the request came from, as far as the site can trust it.

    With ``GOVOPEN_TRUSTED_PROXY_DEPTH = n`` the site has ``n`` proxies of its
    own that each append the address they saw to ``X-Forwarded-For``; the
    client is then the ``n``-th entry from the right. Anything left of it was
    written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    depth = int(get_setting("GOVOPEN_TRUSTED_PROXY_DEPTH") or 0)
    if depth > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in header.split(",") if entry.strip()]
        if entries:
            remote = entries[-depth] if len(entries) >= depth else entries[0]
    return _normalise_address(remote)


def _normalise_address(value):
    """One key per IPv4 address and per IPv6 /64 (what one household gets)."""
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return value.strip() or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


# Rate limits -----------------------------------------------------------------


@dataclass(frozen=True)
class RateLimit:
    """The outcome of a rate-limit check."""

    allowed: bool
    limit: int | None
    count: int
    retry_after: int  # seconds until the window resets (0 when allowed)

    @property
    def retry_after_minutes(self):
        return max(1, math.ceil(self.retry_after / 60))


def get_rate_limit(scope):
    """``(attempts, seconds)`` allowed for ``scope``, or ``None`` for no limit.

    The site's ``GOVOPEN_RATE_LIMITS`` is merged over the defaults; a scope it
    does not name uses its ``"default"`` entry.
    """
    limits = {**DEFAULTS["GOVOPEN_RATE_LIMITS"], **get_setting("GOVOPEN_RATE_LIMITS")}
    value = limits.get(scope, limits.get("default"))
    if not value:
        return None
    attempts, seconds = value
    return int(attempts), int(seconds)


def rate_limit_key(scope, address, window_start):
    # Addresses are personal data: the cache holds a digest, never the address.
    digest = hashlib.sha256(f"{scope}|{address}".encode()).hexdigest()[:32]
    return f"{CACHE_PREFIX}:{scope}:{window_start}:{digest}"


def _window(seconds, now):
    start = int(now // seconds) * seconds
    return start, start + seconds - int(now)


def check_rate_limit(request, scope, now=None):
    """Whether the client may make one more attempt of ``scope`` (no counting)."""
    limit = get_rate_limit(scope)
    if limit is None:
        return RateLimit(True, None, 0, 0)
    attempts, seconds = limit
    start, remaining = _window(seconds, time.time() if now is None else now)
    count = cache.get(rate_limit_key(scope, client_address(request), start), 0)
    if count >= attempts:
        return RateLimit(False, attempts, count, remaining)
    return RateLimit(True, attempts, count, 0)


def hit_rate_limit(request, scope, now=None):
    """Count one attempt of ``scope`` and say whether it was within the limit.

    Fixed windows of the configured length; the first attempt of a window
    creates the counter with ``cache.add`` (atomic), the others ``incr`` it.
    """
    limit = get_rate_limit(scope)
    if limit is None:
        return RateLimit(True, None, 0, 0)
    attempts, seconds = limit
    start, remaining = _window(seconds, time.time() if now is None else now)
    key = rate_limit_key(scope, client_address(request), start)
    # The key outlives its window a little so a late incr cannot recreate it.
    if cache.add(key, 1, seconds + 60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds + 60)
            count = 1
    if count > attempts:
        return RateLimit(False, attempts, count, remaining)
    return RateLimit(True, attempts, count, 0)


# Honeypot --------------------------------------------------------------------


class HoneypotWidget(forms.TextInput):
    """A text input that people never reach: off-screen, untabbable, unnamed.

    It is hidden by the stylesheet rule ``.govopen-hp { display: none }``
    (govopen/css/govopen.css) rather than ``type=hidden``, the ``hidden``
    attribute or an inline style, which form-filling bots recognise and skip.
    Without the stylesheet its label asks people to leave it empty.
    """

    template_name = "govopen/core/abuse/honeypot.html"

    def __init__(self, attrs=None):
        super().__init__(
            {"autocomplete": "off", "tabindex": "-1", **(attrs or {})},
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The widget renders its own label: templates that print only
        # {{ form.website }} still give the input an accessible name.
        context["widget"]["label"] = _("Leave this field empty")
        return context


class HoneypotFormMixin(forms.Form):
    """Adds the honeypot field ``honeypot_field_name`` to a form.

    A filled honeypot fails the form with a non-field error that reveals
    nothing; :attr:`is_spam` tells the view so it can skip any other work.
    """

    honeypot_field_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields[self.honeypot_field_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=HoneypotWidget(),
        )

    @property
    def honeypot(self):
        """The honeypot's bound field: print it with ``{{ form.honeypot }}``."""
        return self[self.honeypot_field_name]

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(self.add_prefix(self.honeypot_field_name)):
            self.is_spam = True
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please try again."),
                code="honeypot",
            )
        return cleaned_data


# Captcha ---------------------------------------------------------------------


def _new_question():
    a = 1 + secrets.randbelow(9)
    b = 1 + secrets.randbelow(9)
    token = signing.dumps(
        {"a": a, "b": b, "n": secrets.token_urlsafe(12)}, salt=CAPTCHA_SALT
    )
    return a, b, token


def _read_token(token):
    try:
        data = signing.loads(
            token, salt=CAPTCHA_SALT, max_age=get_setting("GOVOPEN_CAPTCHA_MAX_AGE")
        )
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or not {"a", "b", "n"} <= data.keys():
        return None, "invalid"
    return data, None


class CaptchaFormMixin(forms.Form):
    """Adds an arithmetic question when ``GOVOPEN_CAPTCHA`` is on.

    Fields ``captcha_answer`` (what the person types) and ``captcha_token``
    (the signed question). Each question is accepted once: its nonce is
    remembered in the cache until the question would expire anyway. After a
    failed submission call :meth:`refresh_captcha` so the form shows a new one.
    """

    captcha_enabled = None  # None: follow GOVOPEN_CAPTCHA

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        enabled = self.captcha_enabled
        if enabled is None:
            enabled = get_setting("GOVOPEN_CAPTCHA")
        self.has_captcha = bool(enabled)
        if not self.has_captcha:
            return
        question = None
        if self.is_bound:
            question, _error = _read_token(
                self.data.get(self.add_prefix("captcha_token"), "")
            )
        if question is None:
            a, b, token = _new_question()
            question = {"a": a, "b": b}
            if self.is_bound:
                self._replace_data(captcha_token=token)
            self.initial["captcha_token"] = token
        self.fields["captcha_answer"] = forms.CharField(
            label=_("What is %(a)s plus %(b)s?") % question,
            help_text=_("Type the answer in digits. This question keeps robots out."),
            max_length=4,
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "size": "4"}
            ),
        )
        self.fields["captcha_token"] = forms.CharField(widget=forms.HiddenInput)

    def _replace_data(self, **values):
        data = self.data.copy()
        for name, value in values.items():
            data[self.add_prefix(name)] = value
        self.data = data

    def clean(self):
        cleaned_data = super().clean()
        if not self.has_captcha:
            return cleaned_data
        answer = (cleaned_data.get("captcha_answer") or "").strip()
        answer = answer.translate(_WIDE_DIGITS)
        question, error = _read_token(cleaned_data.get("captcha_token") or "")
        if question is None:
            message = (
                _("The question has expired. Please answer the new question.")
                if error == "expired"
                else _("Please answer the question below.")
            )
            self.add_error("captcha_answer", message)
            return cleaned_data
        if answer != str(question["a"] + question["b"]):
            self.add_error(
                "captcha_answer", _("That answer is not right. Please try again.")
            )
            return cleaned_data
        timeout = int(get_setting("GOVOPEN_CAPTCHA_MAX_AGE")) + 60
        if not cache.add(f"{CAPTCHA_USED_PREFIX}:{question['n']}", 1, timeout):
            self.add_error(
                "captcha_answer",
                _("This question was already used. Please answer the new question."),
            )
        return cleaned_data

    def refresh_captcha(self):
        """Give a bound form a fresh question and an empty answer."""
        if not self.has_captcha:
            return
        a, b, token = _new_question()
        self._replace_data(captcha_token=token, captcha_answer="")
        # A BoundField keeps the label it was created with.
        self._bound_fields_cache.pop("captcha_answer", None)
        self.fields["captcha_answer"].label = _("What is %(a)s plus %(b)s?") % {
            "a": a,
            "b": b,
        }


def protect_form(request, form, scope):
    """Validate ``form`` and count the attempt against ``scope``'s rate limit.

    Returns ``(valid, rate_limit)``. A refused attempt adds a non-field error
    to the form; the caller answers with status 429 when
    ``rate_limit.allowed`` is false. The captcha, if any, is renewed on every
    failure so the re-displayed form can be submitted again.
    """
    limit = hit_rate_limit(request, scope)
    if not limit.allowed:
        form.is_valid()  # keep what was typed and show field errors too
        form.add_error(
            None,
            _(
                "Too many attempts from your network. "
                "Please try again in %(minutes)s minutes."
            )
            % {"minutes": limit.retry_after_minutes},
        )
        if isinstance(form, CaptchaFormMixin):
            form.refresh_captcha()
        return False, limit
    valid = form.is_valid()
    if not valid and isinstance(form, CaptchaFormMixin):
        form.refresh_captcha()
    return valid, limit
