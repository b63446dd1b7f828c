"""Deadlines as a pure function of the handling record and the calendar."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govopen.applications.choices import ApplicationStatus, ClockState, EventKind
from govopen.applications.deadlines import Event, compute_state
from govopen.core.calendar import WorkingCalendar

D = datetime.date.fromisoformat
CAL = WorkingCalendar()  # official schedule, no local adjustments


def state(*events, today="2025-09-25"):
    return compute_state(
        [Event(kind, D(on), data, n) for n, (kind, on, data) in enumerate(events)],
        CAL,
        D(today),
    )


def received(on="2025-09-24"):
    return (EventKind.RECEIVED, on, {})


def test_not_started_before_receipt():
    s = state((EventKind.SUBMITTED, "2025-09-23", {}))
    assert s.status == ApplicationStatus.SUBMITTED
    assert s.clock == ClockState.NOT_STARTED and s.due_date is None


def test_received_2025_09_24_is_due_2025_10_28():
    # National Day 2025: 1-8 October off, 28 September and 11 October worked.
    s = state((EventKind.SUBMITTED, "2025-09-23", {}), received())
    assert s.clock == ClockState.RUNNING
    assert s.due_date == D("2025-10-28")
    assert s.remaining == 20 - 1  # 25 September is used up
    assert not s.provisional


def test_days_left_and_overdue():
    assert state(received(), today="2025-10-27").remaining == 1
    assert state(received(), today="2025-10-28").remaining == 0
    overdue = state(received(), today="2025-10-30")
    assert overdue.remaining == -2 and overdue.overdue


def test_supplement_restarts_the_full_twenty_days():
    s = state(
        received(),
        (EventKind.SUPPLEMENT_REQUESTED, "2025-09-26", {"due": "2025-10-20"}),
        today="2025-10-10",
    )
    assert s.status == ApplicationStatus.AWAITING_SUPPLEMENT
    assert s.clock == ClockState.STOPPED and s.due_date is None
    assert s.supplement_due == D("2025-10-20")
    s = state(
        received(),
        (EventKind.SUPPLEMENT_REQUESTED, "2025-09-26", {"due": "2025-10-20"}),
        (EventKind.SUPPLEMENT_RECEIVED, "2025-10-13", {}),
        today="2025-10-13",
    )
    assert s.clock == ClockState.RUNNING
    assert s.due_date == CAL.add_working_days(D("2025-10-13"), 20) == D("2025-11-10")
    assert s.received_on == D("2025-09-24")  # the receipt date itself stays


def test_consultation_pauses_for_exactly_its_working_days():
    # Paused from Monday 13 October to Friday 17 October: 4 working days
    # (14-17; the 13th counts as used, as the day the letter went out).
    s = state(
        received(),
        (EventKind.CONSULTATION_STARTED, "2025-10-13", {"party_kind": "third_party"}),
        today="2025-10-15",
    )
    assert s.status == ApplicationStatus.CONSULTING
    assert s.clock == ClockState.PAUSED and s.due_date is None
    used = CAL.working_days_between(D("2025-09-24"), D("2025-10-13"))
    assert s.remaining == 20 - used == 11
    assert s.consultations[0].due_date == CAL.add_working_days(D("2025-10-13"), 15)
    s = state(
        received(),
        (EventKind.CONSULTATION_STARTED, "2025-10-13", {"party_kind": "third_party"}),
        (EventKind.CONSULTATION_ENDED, "2025-10-17", {"consultation": 1}),
        today="2025-10-17",
    )
    assert s.paused_days == 4
    assert s.due_date == CAL.add_working_days(D("2025-10-28"), 4) == D("2025-11-03")


def test_overlapping_consultations_pause_once():
    s = state(
        received(),
        (EventKind.CONSULTATION_STARTED, "2025-10-13", {"party_kind": "third_party"}),
        (EventKind.CONSULTATION_STARTED, "2025-10-15", {"party_kind": "agency"}),
        (EventKind.CONSULTATION_ENDED, "2025-10-16", {"consultation": 1}),
        (EventKind.CONSULTATION_ENDED, "2025-10-20", {"consultation": 2}),
        today="2025-10-20",
    )
    # One pause, 13 → 20 October: 5 working days (14, 15, 16, 17, 20).
    assert s.paused_days == 5
    assert s.due_date == CAL.add_working_days(D("2025-10-28"), 5)


def test_extension_adds_its_days():
    s = state(received(), (EventKind.EXTENDED, "2025-10-20", {"days": 20}))
    assert s.extended and s.period == 40
    assert s.due_date == CAL.add_working_days(D("2025-09-24"), 40) == D("2025-11-25")


def test_fee_notice_pauses_until_payment():
    s = state(
        received(),
        (EventKind.FEE_NOTICE, "2025-10-13", {"due": "2025-11-10"}),
        (EventKind.FEE_PAID, "2025-10-20", {}),
        today="2025-10-20",
    )
    assert s.paused_days == 5
    assert s.due_date == CAL.add_working_days(D("2025-10-28"), 5)


def test_reply_finishes_and_records_lateness():
    on_time = state(received(), (EventKind.REPLIED, "2025-10-28", {}))
    assert on_time.status == ApplicationStatus.REPLIED
    assert on_time.clock == ClockState.FINISHED and on_time.replied_late is False
    late = state(received(), (EventKind.REPLIED, "2025-10-29", {}))
    assert late.replied_late is True


def test_archived_after_reply():
    s = state(
        received(),
        (EventKind.REPLIED, "2025-10-01", {}),
        (EventKind.ARCHIVED, "2025-10-09", {}),
    )
    assert s.status == ApplicationStatus.ARCHIVED


def test_fallback_years_are_provisional():
    s = compute_state(
        [Event(EventKind.RECEIVED, D("2099-12-20"), {}, 1)], CAL, D("2099-12-21")
    )
    assert s.provisional


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=D("2024-01-01"), max_value=D("2026-06-30")),
    st.integers(min_value=0, max_value=15),
    st.integers(min_value=0, max_value=30),
)
def test_pause_is_exactly_its_working_days(received_on, after, length):
    start = received_on + datetime.timedelta(days=after)
    end = start + datetime.timedelta(days=length)
    s = compute_state(
        [
            Event(EventKind.RECEIVED, received_on, {}, 1),
            Event(EventKind.CONSULTATION_STARTED, start, {"party_kind": "agency"}, 2),
            Event(EventKind.CONSULTATION_ENDED, end, {"consultation": 2}, 3),
        ],
        CAL,
        end,
    )
    paused = CAL.working_days_between(start, end)
    assert s.paused_days == paused
    assert s.due_date == CAL.add_working_days(received_on, 20 + paused)


@pytest.mark.parametrize("days", [1, 20])
def test_extension_bounds_in_state(days):
    s = state(received(), (EventKind.EXTENDED, "2025-10-20", {"days": days}))
    assert s.extension_days == days
