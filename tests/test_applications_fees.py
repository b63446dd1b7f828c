"""Information processing fees by 国办函〔2020〕109号."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govopen.applications.choices import FeeMethod
from govopen.applications.fees import application_fee, application_unit_price, page_fee


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_per_application_in_a_calendar_month(ordinal, fee):
    computation = application_fee(ordinal)
    assert computation.method == FeeMethod.PER_APPLICATION
    assert computation.amount == Decimal(fee)
    assert application_unit_price(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee", "lines"),
    [
        (0, 0, 0),
        (30, 0, 1),
        (31, 10, 2),
        (100, 700, 2),
        (101, 720, 3),
        (200, 2700, 3),
        (201, 2740, 4),
    ],
)
def test_per_page_of_one_application(pages, fee, lines):
    computation = page_fee(pages)
    assert computation.amount == Decimal(fee)
    assert len(computation.lines) == lines
    assert sum(line.quantity for line in computation.lines) == pages


def test_the_computation_shows_each_band():
    computation = page_fee(201)
    rows = [(x.first, x.last, x.unit_price, x.subtotal) for x in computation.lines]
    assert rows == [
        (1, 30, 0, 0),
        (31, 100, 10, 700),
        (101, 200, 20, 2000),
        (201, 201, 40, 40),
    ]
    data = computation.as_data()
    assert data["amount"] == "2740" and len(data["lines"]) == 4


@given(st.integers(min_value=1, max_value=2000))
def test_page_fee_is_progressive(pages):
    assert page_fee(pages + 1).amount - page_fee(pages).amount == (
        0 if pages < 30 else 10 if pages < 100 else 20 if pages < 200 else 40
    )


@given(st.integers(min_value=1, max_value=500))
def test_application_fee_never_decreases(n):
    assert application_unit_price(n + 1) >= application_unit_price(n)
