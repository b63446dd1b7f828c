"""Validators for Chinese identifiers, with messages for the person who typed them.

- 居民身份证号码: GB 11643-1999, 18 characters, ISO 7064 MOD 11-2 check digit.
- 统一社会信用代码: GB 32100-2015, 18 characters, MOD 31 check character.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def resident_id_check_digit(first17):
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value):
    value = (value or "").strip().upper()
    if not _ID_RE.fullmatch(value):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a digit or X."),
            code="format",
        )
    month, day = int(value[10:12]), int(value[12:14])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValidationError(
            _("The date of birth in this ID number is not a real date."),
            code="birth_date",
        )
    if resident_id_check_digit(value[:17]) != value[17]:
        raise ValidationError(
            _("This ID number is not valid: please check each digit."),
            code="check_digit",
        )


def uscc_check_character(first17):
    """The GB 32100 check character for the first 17 characters."""
    total = sum(
        _USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value):
    value = (value or "").strip().upper()
    if not _USCC_RE.fullmatch(value):
        raise ValidationError(
            _(
                "A unified social credit code has 18 digits and capital letters "
                "(not I, O, S, V or Z)."
            ),
            code="format",
        )
    if uscc_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: please check it."),
            code="check_character",
        )


# Phone numbers: a mainland mobile number (11 digits from 13-19, optionally
# after +86), or a landline with its area code (010, 0551 ...), a local number
# of 7 or 8 digits and an optional extension.
_MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9][0-9]{9}$")
_LANDLINE_RE = re.compile(r"^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(?:-[0-9]{1,6})?$")
_PHONE_SEPARATORS = str.maketrans(
    {" ": "", "\u3000": "", "(": "", ")": "", "（": "", "）": "", "－": "-"}
)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")


def normalise_phone(value):
    """Full-width digits to ASCII; spaces and brackets dropped."""
    value = (value or "").strip().translate(_WIDE_DIGITS).translate(_PHONE_SEPARATORS)
    if value.startswith("+86-"):
        value = "+86" + value[4:]
    return value


def validate_mobile_number(value):
    if not _MOBILE_RE.fullmatch(normalise_phone(value).replace("-", "")):
        raise ValidationError(
            _("A mobile number has 11 digits and starts with 13 to 19."),
            code="mobile",
        )


def validate_landline_number(value):
    if not _LANDLINE_RE.fullmatch(normalise_phone(value)):
        raise ValidationError(
            _("Give a landline number with its area code, for example 0551-12345678."),
            code="landline",
        )


def validate_phone_number(value):
    """A mobile number, or a landline number with its area code."""
    normalised = normalise_phone(value)
    if _MOBILE_RE.fullmatch(normalised.replace("-", "")):
        return
    if _LANDLINE_RE.fullmatch(normalised):
        return
    raise ValidationError(
        _(
            "Give a mobile number (11 digits) or a landline number with its "
            "area code, for example 0551-12345678."
        ),
        code="phone",
    )


_POSTCODE_RE = re.compile(r"^[0-9]{6}$")


def validate_postcode(value):
    if not _POSTCODE_RE.fullmatch((value or "").strip()):
        raise ValidationError(
            _("A postcode has six digits, for example 100000."), code="postcode"
        )
