"""The dated history of a policy document, as its public page shows it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from govopen.core.enums import Validity


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a document's history."""

    date: object  # datetime.date
    kind: str  # written, published, effective, amended, repealed, expired
    label: str
    page: object = None  # a linked page (new version, repealing document)
    note: str = ""
    upcoming: bool = False  # after the day the history is read on


def _event(day, date, kind, past, future, **kwargs):
    upcoming = date > day
    return HistoryEvent(
        date=date,
        kind=kind,
        label=future if upcoming else past,
        upcoming=upcoming,
        **kwargs,
    )


def policy_history(policy, day):
    """The events of ``policy`` up to and after ``day``, oldest first."""
    events = []
    if policy.written_date:
        events.append(HistoryEvent(policy.written_date, "written", _("Written")))
    if policy.publish_date:
        events.append(HistoryEvent(policy.publish_date, "published", _("Published")))
    if policy.effective_date:
        events.append(
            _event(
                day,
                policy.effective_date,
                "effective",
                _("Took effect"),
                _("Takes effect"),
            )
        )
    ended = None
    if policy.validity == Validity.AMENDED and policy.amended_date:
        ended = policy.amended_date
        events.append(
            _event(
                day,
                policy.amended_date,
                "amended",
                _("Amended; replaced by a new version"),
                _("To be replaced by a new version"),
                page=policy.get_replacement(),
            )
        )
    if policy.validity == Validity.REPEALED and policy.repeal_date:
        ended = policy.repeal_date
        events.append(
            _event(
                day,
                policy.repeal_date,
                "repealed",
                _("Repealed"),
                _("To be repealed"),
                page=policy.get_repealing_document(),
                note=policy.repeal_basis,
            )
        )
    if policy.expiry_date and (ended is None or policy.expiry_date < ended):
        events.append(
            HistoryEvent(
                policy.expiry_date,
                "expired",
                _("Valid until")
                if policy.expiry_date >= day
                else _("Expired after this day"),
                upcoming=policy.expiry_date >= day,
            )
        )
    order = {
        "written": 0,
        "published": 1,
        "effective": 2,
        "amended": 3,
        "repealed": 3,
        "expired": 4,
    }
    events.sort(key=lambda event: (event.date, order[event.kind]))
    return events
