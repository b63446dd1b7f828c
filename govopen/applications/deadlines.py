"""Statutory time limits of an application: a pure function of its events.

:func:`compute_state` reads the handling record (events in the order they were
recorded) and a :class:`govopen.core.calendar.WorkingCalendar` and returns the
application's status, whether its clock runs, its due date and the working
days left. Nothing here touches the database; the model stores the result
after every event so that queues can filter on it.

The rules (《政府信息公开条例》, DOMAIN.md §3):

- Art. 33: reply within 20 working days of the day of receipt, which is not
  counted; one extension of at most 20 working days.
- Art. 31: the day of receipt is the day the agency confirms an online
  application, or signs for a letter; staff record it.
- Art. 30: a supplement (补正) request stops the clock; when the supplement
  arrives the full 20 working days start again from that day.
- Art. 32, 34: consulting a third party or another agency pauses the clock for
  exactly the working days the consultation takes (the day it starts counts
  as used, the period resumes the day after it ends). Overlapping
  consultations pause once.
- 国办函〔2020〕109号 Art. 6: from the fee notice to payment the clock pauses.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .choices import ApplicationStatus, ClockState, EventKind

__all__ = [
    "CONSULTATION_PERIOD",
    "MAX_EXTENSION",
    "STATUTORY_PERIOD",
    "SUPPLEMENT_REQUEST_LIMIT",
    "Consultation",
    "Event",
    "HandlingState",
    "compute_state",
]

STATUTORY_PERIOD = 20  # Art. 33, working days
MAX_EXTENSION = 20  # Art. 33, working days, once
SUPPLEMENT_REQUEST_LIMIT = 7  # Art. 30, working days after receipt
CONSULTATION_PERIOD = 15  # Art. 32 and 34, working days for the answer

_FEE_PAUSE = "fee"


class Event(NamedTuple):
    """What :func:`compute_state` needs of an event (models have the same)."""

    kind: str
    date: datetime.date
    data: dict = {}  # noqa: RUF012 (never mutated)
    id: Any = None


class Consultation(NamedTuple):
    """An open consultation: whom, since when, and when their answer is due."""

    id: Any
    party: str
    started_on: datetime.date
    due_date: datetime.date


@dataclass(frozen=True)
class HandlingState:
    status: str = ApplicationStatus.SUBMITTED
    clock: str = ClockState.NOT_STARTED
    received_on: datetime.date | None = None
    start: datetime.date | None = None  # the day the running period counts from
    period: int = STATUTORY_PERIOD  # working days, extension included
    extension_days: int = 0
    extended: bool = False
    paused_days: int = 0  # working days of finished pauses since ``start``
    paused_since: datetime.date | None = None
    due_date: datetime.date | None = None  # while the clock runs or ran
    remaining: int | None = None  # working days left (negative: overdue)
    provisional: bool = False
    supplement_requested: bool = False
    supplement_due: datetime.date | None = None
    fee_due: datetime.date | None = None
    consultations: tuple = field(default_factory=tuple)
    finished_on: datetime.date | None = None
    replied_late: bool | None = None

    @property
    def overdue(self):
        return self.clock == ClockState.RUNNING and (self.remaining or 0) < 0


def _sorted(events):
    # Stable: events of one day keep the order they were recorded in.
    return sorted(events, key=lambda event: event.date)


def compute_state(events, calendar, today):
    """The :class:`HandlingState` of an application after ``events``.

    ``calendar`` is a :class:`~govopen.core.calendar.WorkingCalendar` (use
    ``govopen.core.calendar.get_calendar()``), ``today`` the date the working
    days left are counted from.
    """
    status = ApplicationStatus.SUBMITTED
    clock = ClockState.NOT_STARTED
    received_on = start = paused_since = None
    supplement_due = fee_due = finished_on = None
    supplement_requested = False
    extension_days = 0
    paused_days = 0
    pauses = {}  # key -> Consultation, or the fee pause
    due_before_finish = None

    def running_due():
        return calendar.add_working_days(
            start, STATUTORY_PERIOD + extension_days + paused_days
        )

    def open_pause(key, value, on):
        nonlocal paused_since, clock
        if not pauses:
            paused_since = on
        pauses[key] = value
        clock = ClockState.PAUSED

    def close_pause(key, on):
        nonlocal paused_since, paused_days, clock
        pauses.pop(key, None)
        if not pauses and paused_since is not None:
            paused_days += max(0, calendar.working_days_between(paused_since, on))
            paused_since = None
            clock = ClockState.RUNNING

    for event in _sorted(events):
        kind, on, data = event.kind, event.date, event.data or {}
        if kind in (EventKind.SUBMITTED, EventKind.REGISTERED):
            continue
        if kind == EventKind.RECEIVED:
            received_on = start = on
            paused_days = 0
            status, clock = ApplicationStatus.PROCESSING, ClockState.RUNNING
        elif kind == EventKind.SUPPLEMENT_REQUESTED:
            supplement_requested = True
            supplement_due = _date(data.get("due"))
            status, clock = ApplicationStatus.AWAITING_SUPPLEMENT, ClockState.STOPPED
        elif kind == EventKind.SUPPLEMENT_RECEIVED:
            start, paused_days, supplement_due = on, 0, None
            status, clock = ApplicationStatus.PROCESSING, ClockState.RUNNING
        elif kind == EventKind.CONSULTATION_STARTED:
            party = data.get("party_kind", "")
            due = calendar.add_working_days(on, CONSULTATION_PERIOD)
            open_pause(event.id, Consultation(event.id, party, on, due), on)
            status = ApplicationStatus.CONSULTING
        elif kind == EventKind.CONSULTATION_ENDED:
            close_pause(data.get("consultation"), on)
            if not pauses:
                status = ApplicationStatus.PROCESSING
        elif kind == EventKind.FEE_NOTICE:
            fee_due = _date(data.get("due"))
            open_pause(_FEE_PAUSE, None, on)
            status = ApplicationStatus.AWAITING_PAYMENT
        elif kind == EventKind.FEE_PAID:
            close_pause(_FEE_PAUSE, on)
            fee_due = None
            if not pauses:
                status = ApplicationStatus.PROCESSING
        elif kind == EventKind.EXTENDED:
            extension_days += int(data.get("days", 0))
        elif kind in (
            EventKind.REPLIED,
            EventKind.SUPPLEMENT_LAPSED,
            EventKind.FEE_LAPSED,
        ):
            if clock == ClockState.RUNNING and start is not None:
                due_before_finish = running_due()
            status, clock, finished_on = (
                ApplicationStatus.REPLIED,
                ClockState.FINISHED,
                on,
            )
            pauses.clear()
            paused_since = supplement_due = fee_due = None
        elif kind == EventKind.ARCHIVED:
            status = ApplicationStatus.ARCHIVED
            clock = ClockState.FINISHED

    due_date = remaining = None
    provisional = False
    if clock == ClockState.RUNNING:
        due_date = running_due()
        remaining = calendar.working_days_between(today, due_date)
        provisional = calendar.is_provisional_between(start, due_date)
    elif clock == ClockState.PAUSED:
        remaining = (
            STATUTORY_PERIOD
            + extension_days
            + paused_days
            - calendar.working_days_between(start, paused_since)
        )
    elif clock == ClockState.FINISHED:
        due_date = due_before_finish
    replied_late = None
    if finished_on is not None and due_before_finish is not None:
        replied_late = finished_on > due_before_finish
    consultations = tuple(
        value for value in pauses.values() if isinstance(value, Consultation)
    )
    return HandlingState(
        status=status,
        clock=clock,
        received_on=received_on,
        start=start,
        period=STATUTORY_PERIOD + extension_days,
        extension_days=extension_days,
        extended=extension_days > 0,
        paused_days=paused_days,
        paused_since=paused_since,
        due_date=due_date,
        remaining=remaining,
        provisional=provisional,
        supplement_requested=supplement_requested,
        supplement_due=supplement_due,
        fee_due=fee_due,
        consultations=consultations,
        finished_on=finished_on,
        replied_late=replied_late,
    )


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)
