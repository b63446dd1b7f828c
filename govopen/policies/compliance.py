"""Was each policy interpreted in time? (政策解读同步情况)

A policy of a type that must be interpreted has until the N-th working day
after its publication (``GOVOPEN_INTERPRETATION_DEADLINE_DAYS``, counted with
:mod:`govopen.core.calendar`; the publication day is not counted) to have a
live interpretation. The functions here are pure: the report and the
dashboard give them dates and get a status back.
"""

import datetime

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from govopen.core import calendar
from govopen.core.conf import get_setting

from .lifecycle import as_date

_ONE_DAY = datetime.timedelta(days=1)


class ComplianceStatus(models.TextChoices):
    """Where a policy stands with its interpretation."""

    OVERDUE = "overdue", _("Overdue, not interpreted")  # 逾期未解读
    DUE_SOON = "due_soon", _("Due soon")  # 待解读(未到期)
    LATE = "late", _("Interpreted late")  # 逾期解读
    ON_TIME = "on_time", _("Interpreted on time")  # 按时解读


def deadline_days():
    """Working days allowed after publication (a setting, default 3)."""
    return get_setting("GOVOPEN_INTERPRETATION_DEADLINE_DAYS")


def required_since():
    """Policies published before this date are not checked (or ``None``)."""
    return as_date(get_setting("GOVOPEN_INTERPRETATION_REQUIRED_SINCE"))


def interpretation_deadline(published, days=None):
    """The last day on which the interpretation of a policy published on ``published``
    is on time."""
    return calendar.add_working_days(
        published, deadline_days() if days is None else days
    )


def classify(published, interpreted, today, days=None):
    """The :class:`ComplianceStatus` of a policy.

    ``interpreted`` is the publication date of its first live interpretation,
    or ``None``. An interpretation published with or before the policy is on
    time (同步).
    """
    deadline = interpretation_deadline(published, days)
    if interpreted is not None:
        return (
            ComplianceStatus.ON_TIME
            if interpreted <= deadline
            else ComplianceStatus.LATE
        )
    return ComplianceStatus.OVERDUE if deadline < today else ComplianceStatus.DUE_SOON


def overdue_cutoff(today, days=None):
    """The last publication date whose deadline has passed on ``today``.

    ``published <= overdue_cutoff(today)`` exactly when
    ``interpretation_deadline(published) < today``: the deadline grows with the
    publication date, so the policies past their deadline are those published
    up to a day, found by counting ``days`` working days back from yesterday.
    """
    days = deadline_days() if days is None else days
    day = today - _ONE_DAY
    if days == 0:
        return day
    counted = 0
    while True:
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                return day - _ONE_DAY
        day -= _ONE_DAY


def first_interpreted_subquery():
    """Annotation: publication date of a policy's first live interpretation.

    Interpretations may link to any translation of the policy.
    """
    from .models import InterpretedPolicy

    return Subquery(
        InterpretedPolicy.objects.filter(
            policy__translation_key=OuterRef("translation_key"),
            page__live=True,
            page__publish_date__isnull=False,
        )
        .order_by("page__publish_date")
        .values("page__publish_date")[:1],
        output_field=models.DateField(),
    )


def checked_policies(organization_ids=None):
    """Live policies that need an interpretation, once per translation group,
    annotated with ``first_interpreted_on``; ``organization_ids`` (drafting
    departments) narrows them, ``None`` meaning all."""
    from .models import PolicyDocumentPage

    queryset = (
        PolicyDocumentPage.objects.live()
        .originals()
        .requiring_interpretation()
        .for_organizations(organization_ids)
        .filter(publish_date__isnull=False)
        .annotate(first_interpreted_on=first_interpreted_subquery())
    )
    since = required_since()
    if since is not None:
        queryset = queryset.filter(publish_date__gte=since)
    return queryset


def pending_q(status, today, days=None):
    """Filter ``checked_policies()`` to the OVERDUE or DUE_SOON ones."""
    cutoff = overdue_cutoff(today, days)
    pending = Q(first_interpreted_on__isnull=True)
    if status == ComplianceStatus.OVERDUE:
        return pending & Q(publish_date__lte=cutoff)
    if status == ComplianceStatus.DUE_SOON:
        return pending & Q(publish_date__gt=cutoff)
    raise ValueError(f"{status!r} is not a pending status")


def filter_by_status(queryset, status, today, days=None):
    """Narrow annotated ``checked_policies()`` to one :class:`ComplianceStatus`.

    Pending statuses are a date comparison in the database; whether an
    interpretation came in time needs the calendar for each row, so those are
    classified in Python over two columns and selected by primary key.
    """
    status = ComplianceStatus(status)
    if status in (ComplianceStatus.OVERDUE, ComplianceStatus.DUE_SOON):
        return queryset.filter(pending_q(status, today, days))
    interpreted = queryset.filter(first_interpreted_on__isnull=False).values_list(
        "pk", "publish_date", "first_interpreted_on"
    )
    wanted = [
        pk
        for pk, published, first in interpreted
        if classify(published, first, today, days) == status
    ]
    return queryset.filter(pk__in=wanted)


def overdue_count(organization_ids=None, today=None):
    """How many policies of these organisations are overdue (one query)."""
    today = today or calendar.today()
    return (
        checked_policies(organization_ids)
        .filter(pending_q(ComplianceStatus.OVERDUE, today))
        .count()
    )
