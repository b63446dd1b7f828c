"""The reply statistics a Q&A page publishes (this year by default).

- received: questions submitted in the year;
- replied: questions whose reply reached the asker in the year;
- on-time rate: replied within the time limit / replied;
- satisfaction rate: rated 满意 or 基本满意 / rated, where a reply whose rating
  period closed without a rating counts as ``GOVOPEN_QA_DEFAULT_RATING`` (or
  not at all when that is None).

:func:`compute_statistics` is pure; :func:`statistics_for_year` reads the rows.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.enums import SatisfactionRating

SATISFIED = (SatisfactionRating.SATISFIED, SatisfactionRating.FAIRLY_SATISFIED)


@dataclass(frozen=True)
class QuestionFacts:
    submitted_on: datetime.date
    replied_on: datetime.date | None
    replied_late: bool | None
    rating: str
    rating_closes_on: datetime.date | None


@dataclass(frozen=True)
class Statistics:
    year: int
    received: int
    replied: int
    replied_on_time: int
    rated: int
    satisfied: int

    @property
    def on_time_rate(self):
        return percentage(self.replied_on_time, self.replied)

    @property
    def satisfaction_rate(self):
        return percentage(self.satisfied, self.rated)


def percentage(part, whole):
    """``part / whole`` in per cent with one decimal (half up); None if whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def compute_statistics(facts, year, today, default_rating=None):
    """The :class:`Statistics` of ``year`` from :class:`QuestionFacts`."""
    received = replied = on_time = rated = satisfied = 0
    for fact in facts:
        if fact.submitted_on.year == year:
            received += 1
        if fact.replied_on is None or fact.replied_on.year != year:
            continue
        replied += 1
        if not fact.replied_late:
            on_time += 1
        rating = fact.rating
        if not rating and fact.rating_closes_on and today > fact.rating_closes_on:
            rating = default_rating or ""
        if rating:
            rated += 1
            if rating in SATISFIED:
                satisfied += 1
    return Statistics(year, received, replied, on_time, rated, satisfied)


def statistics_for_year(queryset, year=None, today=None):
    """Statistics of the questions in ``queryset`` (e.g. one page's) for ``year``."""
    from django.db.models import Q

    today = today or timezone.localdate()
    year = year or today.year
    calendar = get_calendar()
    days = get_setting("GOVOPEN_QA_RATING_DAYS")
    rows = queryset.filter(
        Q(submitted_on__year=year) | Q(replied_on__year=year)
    ).values_list("submitted_on", "replied_on", "replied_late", "rating")
    facts = [
        QuestionFacts(
            submitted_on,
            replied_on,
            replied_late,
            rating,
            calendar.add_working_days(replied_on, days) if replied_on else None,
        )
        for submitted_on, replied_on, replied_late, rating in rows
    ]
    return compute_statistics(
        facts, year, today, get_setting("GOVOPEN_QA_DEFAULT_RATING")
    )
