"""govopen.core.abuse: client address, rate limits, honeypot, captcha."""

import pytest
from django import forms
from django.core import signing
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from govopen.core import abuse


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def request(addr="203.0.113.5", xff=None):
    extra = {"REMOTE_ADDR": addr}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().post("/", **extra)


def test_client_address_ignores_forwarded_for_by_default():
    assert abuse.client_address(request(xff="1.2.3.4")) == "203.0.113.5"


@override_settings(GOVOPEN_TRUSTED_PROXY_DEPTH=1)
def test_client_address_behind_one_proxy():
    # The client forged the first entry; our proxy appended the real address.
    req = request(addr="10.0.0.2", xff="6.6.6.6, 198.51.100.7")
    assert abuse.client_address(req) == "198.51.100.7"


@override_settings(GOVOPEN_TRUSTED_PROXY_DEPTH=2)
def test_client_address_behind_two_proxies():
    req = request(addr="10.0.0.2", xff="6.6.6.6, 198.51.100.7, 10.0.0.1")
    assert abuse.client_address(req) == "198.51.100.7"


def test_ipv6_addresses_share_a_limit_per_64():
    a = abuse.client_address(request("2001:db8:1:2:aaaa::1"))
    b = abuse.client_address(request("2001:db8:1:2:bbbb::2"))
    c = abuse.client_address(request("2001:db8:1:3::1"))
    assert a == b != c


@override_settings(GOVOPEN_RATE_LIMITS={"test.scope": (3, 60)})
def test_rate_limit_counts_per_address_and_window():
    now = 1_000_020.0
    results = [abuse.hit_rate_limit(request(), "test.scope", now=now) for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert results[-1].retry_after == 60 - 20 % 60 or results[-1].retry_after > 0
    assert not abuse.check_rate_limit(request(), "test.scope", now=now).allowed
    assert abuse.hit_rate_limit(request("198.51.100.1"), "test.scope", now=now).allowed
    # The next window starts afresh.
    assert abuse.hit_rate_limit(request(), "test.scope", now=now + 60).allowed


@override_settings(GOVOPEN_RATE_LIMITS={"test.off": None})
def test_rate_limit_can_be_lifted_per_scope_and_defaults_are_merged():
    for _ in range(50):
        assert abuse.hit_rate_limit(request(), "test.off").allowed
    # Scopes the site did not name keep govopen's defaults.
    assert abuse.get_rate_limit("applications.submit") == (5, 3600)
    assert abuse.get_rate_limit("unknown.scope") == (30, 3600)


def test_cache_keys_hold_no_address():
    key = abuse.rate_limit_key("s", "203.0.113.5", 0)
    assert "203.0.113.5" not in key


class ContactForm(abuse.HoneypotFormMixin, abuse.CaptchaFormMixin, forms.Form):
    message = forms.CharField()


def test_honeypot_field_is_rendered_out_of_reach():
    html = str(ContactForm().honeypot)
    assert 'tabindex="-1"' in html and 'aria-hidden="true"' in html
    assert "<label" in html and 'autocomplete="off"' in html


def test_honeypot_refuses_filled_forms():
    form = ContactForm({"message": "hi", "website": "http://spam.example"})
    assert not form.is_valid() and form.is_spam
    form = ContactForm({"message": "hi", "website": ""})
    assert form.is_valid() and not form.is_spam


@override_settings(GOVOPEN_CAPTCHA=True)
def test_captcha_right_wrong_and_replayed_answers():
    form = ContactForm()
    token = form.initial["captcha_token"]
    question = signing.loads(token, salt=abuse.CAPTCHA_SALT)
    answer = str(question["a"] + question["b"])
    assert str(question["a"]) in str(form.fields["captcha_answer"].label)

    wrong = ContactForm(
        {
            "message": "hi",
            "captcha_token": token,
            "captcha_answer": str(int(answer) + 1),
        }
    )
    assert not wrong.is_valid() and "captcha_answer" in wrong.errors

    right = ContactForm(
        {"message": "hi", "captcha_token": token, "captcha_answer": answer}
    )
    assert right.is_valid(), right.errors

    replay = ContactForm(
        {"message": "hi", "captcha_token": token, "captcha_answer": answer}
    )
    assert not replay.is_valid() and "captcha_answer" in replay.errors


@override_settings(GOVOPEN_CAPTCHA=True)
def test_captcha_accepts_full_width_digits_and_refuses_forged_tokens():
    token = signing.dumps({"a": 3, "b": 4, "n": "x1"}, salt=abuse.CAPTCHA_SALT)
    form = ContactForm(
        {"message": "hi", "captcha_token": token, "captcha_answer": "７"}
    )
    assert form.is_valid(), form.errors
    forged = signing.dumps({"a": 3, "b": 4, "n": "x2"}, salt="other")
    form = ContactForm(
        {"message": "hi", "captcha_token": forged, "captcha_answer": "7"}
    )
    assert not form.is_valid()


@override_settings(GOVOPEN_CAPTCHA=True)
def test_refresh_captcha_gives_a_new_question():
    token = signing.dumps({"a": 3, "b": 4, "n": "x3"}, salt=abuse.CAPTCHA_SALT)
    form = ContactForm({"message": "", "captcha_token": token, "captcha_answer": "7"})
    assert not form.is_valid()
    form.refresh_captcha()
    assert form["captcha_token"].value() != token
    assert form["captcha_answer"].value() == ""


def test_captcha_is_off_by_default():
    assert "captcha_answer" not in ContactForm().fields


@override_settings(GOVOPEN_RATE_LIMITS={"form.scope": (1, 60)})
def test_protect_form_counts_and_refuses():
    req = request()
    valid, limit = abuse.protect_form(req, ContactForm({"message": "a"}), "form.scope")
    assert valid and limit.allowed
    form = ContactForm({"message": "b"})
    valid, limit = abuse.protect_form(req, form, "form.scope")
    assert not valid and not limit.allowed
    assert form.non_field_errors()
    assert form["message"].value() == "b"  # what was typed is kept
