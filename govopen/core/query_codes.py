"""查询码: the secret a citizen uses to follow an application or a question.

Generic helpers shared by every feature app that gives citizens a code: the
code is shown once, and only a hash (Django's password hasher) is stored, so
a leaked database does not let anyone read other people's records.
"""

import secrets
import time

from django.contrib.auth.hashers import check_password, make_password
from django.views.decorators.debug import sensitive_variables

__all__ = [
    "QUERY_CODE_ALPHABET",
    "QUERY_CODE_LENGTH",
    "StatusGrants",
    "check_query_code",
    "dummy_check",
    "generate_query_code",
    "hash_query_code",
    "look_up_status",
    "normalise_query_code",
]

# No 0/O, 1/I/L, 5/S, 2/Z, which people misread on paper.
QUERY_CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
QUERY_CODE_LENGTH = 12


def generate_query_code():
    """A random 查询码 of 12 characters (about 57 bits), grouped by four."""
    raw = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, QUERY_CODE_LENGTH, 4))


def normalise_query_code(value):
    """What people type → the stored form: upper case, no spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


@sensitive_variables("code")
def hash_query_code(code):
    """The hash to store for ``code``."""
    return make_password(normalise_query_code(code))


@sensitive_variables("code")
def check_query_code(code, stored_hash):
    """Whether ``code`` (as typed) matches ``stored_hash``."""
    return check_password(normalise_query_code(code), stored_hash)


# An unusable hash to check against when a record is unknown, so that a wrong
# number costs the same time as a wrong code.
_DUMMY_CODE_HASH = None


def _dummy_hash():
    global _DUMMY_CODE_HASH
    if _DUMMY_CODE_HASH is None:
        _DUMMY_CODE_HASH = make_password(secrets.token_hex(8))
    return _DUMMY_CODE_HASH


@sensitive_variables("code")
def dummy_check(code):
    """Spend the time of one check and answer False (for unknown numbers)."""
    check_password(normalise_query_code(code), _dummy_hash())
    return False


class StatusGrants:
    """The records a visitor unlocked with number + 查询码, kept in the session.

    A lookup is remembered for ``max_age`` seconds, so that the status page can
    be answered by redirect (reloading does not resubmit the code) and its
    documents downloaded, without the code travelling in URLs.
    """

    def __init__(self, session_key, max_age=30 * 60):
        self.session_key = session_key
        self.max_age = max_age

    def ids(self, request):
        """``{pk: granted at}`` of the records still unlocked."""
        data = request.session.get(self.session_key) or {}
        now = time.time()
        return {
            int(pk): at
            for pk, at in data.items()
            if str(pk).isdigit() and now - at <= self.max_age
        }

    def grant(self, request, record):
        granted = {str(pk): at for pk, at in self.ids(request).items()}
        granted[str(record.pk)] = time.time()
        request.session[self.session_key] = granted


@sensitive_variables("form")
def look_up_status(request, form, scope, find):
    """Answer a POSTed number + 查询码 form: ``(record, status, not_found)``.

    The form goes through :func:`govopen.core.abuse.protect_form` under the
    rate-limit ``scope``; ``find(number, code)`` returns the record or ``None``.
    A wrong code and an unknown number answer alike (404), with a new captcha
    question and the code never echoed back.
    """
    from .abuse import protect_form

    valid, limit = protect_form(request, form, scope)
    if not limit.allowed:
        return None, 429, False
    if not valid:
        return None, 400, False
    record = find(form.cleaned_data["number"], form.cleaned_data["query_code"])
    if record is None:
        form.refresh_captcha()
        form.data = form.data.copy()
        form.data["query_code"] = ""
        return None, 404, True
    return record, 200, False
