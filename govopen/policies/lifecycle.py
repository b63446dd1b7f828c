"""The validity of a policy document on a given day (有效 / 已修订 / 废止 / 失效).

What is stored is what people decided: a document was amended on a date (and
by which version), or repealed on a date (and by which document), or has an
expiry date printed on it. What a reader sees is computed from that for the
day asked about, so a document becomes 失效 the day after its expiry date, and
a repeal decided for a future date takes effect on that date, with no job run
at midnight.

The same rule exists twice, and tests keep them equal: :func:`validity_on`
for one document in Python, :func:`validity_q` and :func:`validity_expression`
for the database (list filters, the annual report's counts).
"""

import datetime

from django.db import models
from django.db.models import Case, Q, Value, When

from govopen.core.enums import Validity

__all__ = [
    "as_date",
    "in_force_q",
    "is_published_by_q",
    "validity_expression",
    "validity_on",
    "validity_q",
]


def _has_happened(date, day):
    """A decision without a date took effect when it was recorded."""
    return date is None or date <= day


def validity_on(policy, day):
    """The :class:`Validity` of ``policy`` on ``day`` (a ``datetime.date``).

    ``policy`` needs ``validity``, ``repeal_date``, ``amended_date`` and
    ``expiry_date`` (any object with those attributes will do).
    """
    stored = policy.validity
    if stored == Validity.REPEALED and _has_happened(policy.repeal_date, day):
        return Validity.REPEALED
    if stored == Validity.AMENDED and _has_happened(policy.amended_date, day):
        return Validity.AMENDED
    if stored == Validity.EXPIRED:
        return Validity.EXPIRED
    if policy.expiry_date is not None and policy.expiry_date < day:
        return Validity.EXPIRED
    return Validity.VALID


def _repealed_q(day):
    return Q(validity=Validity.REPEALED) & (
        Q(repeal_date__isnull=True) | Q(repeal_date__lte=day)
    )


def _amended_q(day):
    return Q(validity=Validity.AMENDED) & (
        Q(amended_date__isnull=True) | Q(amended_date__lte=day)
    )


def _not_repealed_q(day):
    # Written positively: NULL dates must not slip through a negation.
    return ~Q(validity=Validity.REPEALED) | Q(repeal_date__gt=day)


def _not_amended_q(day):
    return ~Q(validity=Validity.AMENDED) | Q(amended_date__gt=day)


def validity_q(value, day):
    """A filter for documents whose validity on ``day`` is ``value``."""
    value = Validity(value)
    if value == Validity.REPEALED:
        return _repealed_q(day)
    if value == Validity.AMENDED:
        return _amended_q(day)
    if value == Validity.EXPIRED:
        return Q(validity=Validity.EXPIRED) | (
            _not_repealed_q(day) & _not_amended_q(day) & Q(expiry_date__lt=day)
        )
    return (
        ~Q(validity=Validity.EXPIRED)
        & _not_repealed_q(day)
        & _not_amended_q(day)
        & (Q(expiry_date__isnull=True) | Q(expiry_date__gte=day))
    )


def validity_expression(day):
    """An annotation: the validity on ``day``, as :func:`validity_on` computes it."""
    return Case(
        When(_repealed_q(day), then=Value(Validity.REPEALED.value)),
        When(_amended_q(day), then=Value(Validity.AMENDED.value)),
        When(validity=Validity.EXPIRED, then=Value(Validity.EXPIRED.value)),
        When(expiry_date__lt=day, then=Value(Validity.EXPIRED.value)),
        default=Value(Validity.VALID.value),
        output_field=models.CharField(),
    )


def is_published_by_q(day):
    """Documents published on or before ``day``."""
    return Q(publish_date__lte=day)


def in_force_q(day):
    """Documents published by ``day`` and valid on it (现行有效 at the end of a day).

    A document is valid from its publication even when it takes effect later:
    the annual report counts it as 现行有效 once issued.
    """
    return is_published_by_q(day) & validity_q(Validity.VALID, day)


def as_date(value):
    """Accept a ``date`` or an ISO string (for settings), or ``None``."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
