"""Information processing fees (信息处理费), 国办函〔2020〕109号; pure functions.

Fees are charged only when free allowances are exceeded (Art. 2), by one of
two progressive scales chosen per application, never both (Art. 3):

- per application (按件计收, Art. 4), counting the same applicant's
  applications to the same agency in one calendar month: the 1st to 10th are
  free; the 11th to 30th cost ¥100 each; from the 31st, each further block of
  10 costs ¥100 more each (31st-40th ¥200, 41st-50th ¥300, ...);
- per page (按量计收, Art. 5), for one application: pages 1-30 free, 31-100
  ¥10 a page, 101-200 ¥20 a page, from 201 ¥40 a page.

Each function returns a :class:`FeeComputation` whose lines are what the fee
notice shows, so the applicant can check the amount.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .choices import FeeMethod

__all__ = [
    "FREE_APPLICATIONS",
    "FREE_PAGES",
    "PAGE_BANDS",
    "FeeComputation",
    "FeeLine",
    "application_fee",
    "application_unit_price",
    "compute_fee",
    "page_fee",
]

FREE_APPLICATIONS = 10
FIRST_BAND_END = 30
APPLICATION_STEP = Decimal(100)
BAND_SIZE = 10

FREE_PAGES = 30
# (first page, last page or None, price per page)
PAGE_BANDS = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)


@dataclass(frozen=True)
class FeeLine:
    """One band of a computation: ``quantity`` × ``unit_price`` = ``subtotal``."""

    first: int
    last: int
    unit_price: Decimal

    @property
    def quantity(self):
        return self.last - self.first + 1

    @property
    def subtotal(self):
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class FeeComputation:
    method: str
    quantity: int  # the application's ordinal in the month, or its pages
    lines: tuple

    @property
    def amount(self):
        return sum((line.subtotal for line in self.lines), Decimal(0))

    @property
    def free(self):
        return self.amount == 0

    @property
    def description(self):
        if self.method == FeeMethod.PER_APPLICATION:
            return _(
                "Application no. %(n)s of this applicant in the calendar month"
            ) % {"n": self.quantity}
        return _("%(n)s pages") % {"n": self.quantity}

    def as_data(self):
        """A JSON-ready dict, as stored with the fee notice event."""
        return {
            "method": str(self.method),
            "quantity": self.quantity,
            "amount": str(self.amount),
            "lines": [
                {
                    "first": line.first,
                    "last": line.last,
                    "unit_price": str(line.unit_price),
                    "subtotal": str(line.subtotal),
                }
                for line in self.lines
            ],
        }


def application_unit_price(ordinal):
    """The fee of the ``ordinal``-th application of an applicant in a month."""
    if ordinal < 1:
        raise ValueError("ordinal starts at 1")
    if ordinal <= FREE_APPLICATIONS:
        return Decimal(0)
    if ordinal <= FIRST_BAND_END:
        return APPLICATION_STEP
    blocks = (ordinal - FIRST_BAND_END - 1) // BAND_SIZE + 1
    return APPLICATION_STEP * (1 + blocks)


def application_fee(ordinal):
    """Per-application fee (按件) for the ``ordinal``-th application of the month.

    One line: the band the application falls in, with its price.
    """
    return FeeComputation(
        FeeMethod.PER_APPLICATION,
        ordinal,
        (FeeLine(ordinal, ordinal, application_unit_price(ordinal)),),
    )


def page_fee(pages):
    """Per-page fee (按量) of one application of ``pages`` pages.

    One line per band the pages reach, free band included.
    """
    if pages < 0:
        raise ValueError("pages cannot be negative")
    lines = []
    for first, last, price in PAGE_BANDS:
        if pages < first:
            break
        end = pages if last is None else min(pages, last)
        lines.append(FeeLine(first, end, price))
    return FeeComputation(FeeMethod.PER_PAGE, pages, tuple(lines))


def compute_fee(method, quantity):
    """Dispatch on :class:`~govopen.applications.choices.FeeMethod`."""
    if method == FeeMethod.PER_APPLICATION:
        return application_fee(quantity)
    if method == FeeMethod.PER_PAGE:
        return page_fee(quantity)
    raise ValueError(f"unknown fee method {method!r}")
