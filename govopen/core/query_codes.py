"""查询码: the secret a citizen uses to follow an application or a question.

Generic helpers shared by every feature app that gives citizens a code: the
code is shown once, and only a hash (Django's password hasher) is stored, so
a leaked database does not let anyone read other people's records.
"""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.views.decorators.debug import sensitive_variables

__all__ = [
    "QUERY_CODE_ALPHABET",
    "QUERY_CODE_LENGTH",
    "check_query_code",
    "dummy_check",
    "generate_query_code",
    "hash_query_code",
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
