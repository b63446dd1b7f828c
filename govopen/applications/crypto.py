"""Personal data at rest: encryption, keyed hashes and masking.

Identity document numbers and uploaded files are encrypted with Fernet
(AES-128-CBC + HMAC-SHA256, from the ``cryptography`` package) under the keys
of ``GOVOPEN_ENCRYPTION_KEYS``: the first key encrypts, every key decrypts, so
a new key is put first and the old ones stay until ``govopen_rotate_keys`` has
re-encrypted every row (docs/personal-data.md).

Finding an applicant's other applications (for the monthly fee count) must not
need decryption: a keyed hash (HMAC-SHA256 under ``GOVOPEN_LOOKUP_HASH_KEY``,
default ``SECRET_KEY``) of the normalised number is stored beside it.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

from govopen.core.conf import get_setting
from govopen.core.masks import mask_identity_number, mask_name, mask_phone

__all__ = [
    "DecryptionError",
    "decrypt",
    "decrypt_bytes",
    "encrypt",
    "encrypt_bytes",
    "generate_key",
    "lookup_hash",
    "mask_identity_number",
    "mask_name",
    "mask_phone",
    "rotate",
]


class DecryptionError(Exception):
    """A value could not be decrypted with any configured key."""


def generate_key():
    """A new random key for ``GOVOPEN_ENCRYPTION_KEYS``."""
    return Fernet.generate_key().decode()


def _configured_keys():
    keys = get_setting("GOVOPEN_ENCRYPTION_KEYS")
    if isinstance(keys, str):
        keys = [key for key in keys.split(",") if key.strip()]
    keys = tuple(key.strip() if isinstance(key, str) else key for key in keys or ())
    if not keys:
        raise ImproperlyConfigured(
            "GOVOPEN_ENCRYPTION_KEYS is empty: govopen.applications encrypts "
            "identity numbers and uploads and needs at least one key. Generate "
            'one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"` and keep it secret.'
        )
    return keys


@functools.lru_cache(maxsize=8)
def _fernet(keys):
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "GOVOPEN_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes)."
        ) from exc


def get_fernet():
    """The ``MultiFernet`` of the configured keys (built once per key list)."""
    return _fernet(_configured_keys())


@sensitive_variables("value")
def encrypt(value):
    """Encrypt a string; the empty string stays empty."""
    if not value:
        return ""
    return get_fernet().encrypt(value.encode()).decode()


def decrypt(token):
    """Decrypt what :func:`encrypt` returned."""
    if not token:
        return ""
    try:
        return get_fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "no key in GOVOPEN_ENCRYPTION_KEYS decrypts this value"
        ) from exc


def encrypt_bytes(data):
    return get_fernet().encrypt(data)


def decrypt_bytes(data):
    try:
        return get_fernet().decrypt(data)
    except InvalidToken as exc:
        raise DecryptionError(
            "no key in GOVOPEN_ENCRYPTION_KEYS decrypts this file"
        ) from exc


def rotate(token):
    """Re-encrypt ``token`` (str or bytes) under the first key."""
    if not token:
        return token
    if isinstance(token, str):
        return get_fernet().rotate(token.encode()).decode()
    return get_fernet().rotate(token)


@sensitive_variables("value")
def lookup_hash(value, purpose="applicant"):
    """A keyed hash of ``value`` (normalised: no spaces, upper case), hex."""
    key = get_setting("GOVOPEN_LOOKUP_HASH_KEY") or settings.SECRET_KEY
    normalised = "".join((value or "").split()).upper()
    return hmac.new(
        hashlib.sha256(f"govopen.{purpose}:{key}".encode()).digest(),
        normalised.encode(),
        hashlib.sha256,
    ).hexdigest()
