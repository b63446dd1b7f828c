"""Finding and masking personal data in a citizen's free text before publication.

Citizens often write their phone number, identity number or email address into
the question itself ("我的电话13812345678，请回电"). Before a question is
published, :func:`mask_personal_data` proposes a masked text; the office sees
the proposal and the findings and can adjust it. Pure functions, no Django.

Masks keep the length of the text, so the office can compare both side by side:
mobile and identity numbers keep their first three and last four digits,
landlines their area code and last two digits, email addresses the first
letter of the name and the domain.
"""

import re
from dataclasses import dataclass

__all__ = ["Finding", "find_personal_data", "mask_personal_data"]

# Full-width forms as Chinese input methods type them, mapped one to one so
# that positions in the translated text are positions in the original.
_WIDE = str.maketrans(
    "０１２３４５６７８９＋－（）＠．ｘＸ",
    "0123456789+-()@.xX",
)

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_SEP = r"[ \u3000\-]"

EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]*)@(?P<domain>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
)
IDENTITY_18 = re.compile(
    _NOT_ALNUM_BEFORE + r"(?P<num>[0-9]{17}[0-9Xx])" + _NOT_ALNUM_AFTER
)
IDENTITY_15 = re.compile(_NOT_ALNUM_BEFORE + r"(?P<num>[0-9]{15})" + _NOT_ALNUM_AFTER)
MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])"
    r"(?P<cc>(?:\+|00)?86" + _SEP + r"?)?"
    r"(?P<num>1[3-9][0-9](?:" + _SEP + r"?[0-9]{4}){2})" + _NOT_ALNUM_AFTER
)
LANDLINE = re.compile(
    _NOT_ALNUM_BEFORE
    + r"(?P<area>\(0[0-9]{2,3}\)"
    + _SEP
    + r"?|0[0-9]{2,3}"
    + _SEP
    + r"?)"
    r"(?P<num>[1-9][0-9]{6,7})(?P<ext>-[0-9]{1,6})?" + _NOT_ALNUM_AFTER
)

# Checked in this order; a later match overlapping an earlier one is dropped.
PATTERNS = (
    ("email", EMAIL),
    ("identity", IDENTITY_18),
    ("identity", IDENTITY_15),
    ("phone", MOBILE),
    ("phone", LANDLINE),
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, position and proposed mask."""

    kind: str  # "phone", "identity" or "email"
    start: int
    end: int
    text: str
    mask: str


def _mask_digits(text, keep_head, keep_tail):
    """Star the digits of ``text`` except the first and last few; keep the rest."""
    positions = [i for i, ch in enumerate(text) if ch.isdigit() or ch in "Xx"]
    hidden = set(positions[keep_head : max(keep_head, len(positions) - keep_tail)])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _mask(kind, pattern, match, original):
    text = original[match.start() : match.end()]
    offset = match.start()

    def part(name):
        return original[match.start(name) : match.end(name)]

    if pattern is EMAIL:
        local = part("local")
        return local[0] + "*" * (len(local) - 1) + text[len(local) :]
    if pattern is LANDLINE:
        start, end = match.start("num") - offset, match.end("num") - offset
        return text[:start] + _mask_digits(text[start:end], 0, 2) + text[end:]
    start = match.start("num") - offset
    return text[:start] + _mask_digits(text[start:], 3, 4)


def find_personal_data(text):
    """The phone numbers, identity numbers and email addresses in ``text``."""
    text = text or ""
    normalised = text.translate(_WIDE)
    taken = []
    findings = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(normalised):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            findings.append(
                Finding(
                    kind, start, end, text[start:end], _mask(kind, pattern, match, text)
                )
            )
    return sorted(findings, key=lambda finding: finding.start)


def mask_personal_data(text):
    """``text`` with every finding of :func:`find_personal_data` masked."""
    text = text or ""
    parts = []
    position = 0
    for finding in find_personal_data(text):
        parts.append(text[position : finding.start])
        parts.append(finding.mask)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
