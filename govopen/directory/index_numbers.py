"""索引号: generating, reserving and registering index numbers.

An item is numbered when it is first published (``live`` for the first time):
:func:`ensure_index_number` returns the number its translation group already
has, or asks the item's generator for a new one and registers it. The default
generator formats ``GOVOPEN_INDEX_NUMBER_FORMAT`` with a serial per
organisation code and year, taken from :class:`IndexNumberCounter` under a row
lock in the publishing transaction.
"""

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govopen.core.conf import get_setting

from .models import IndexNumber, IndexNumberCounter

# A custom format that drops {serial} or {org_code} can repeat itself; the
# generator then tries the next serials before giving up.
MAX_ATTEMPTS = 1000

SAMPLE_VALUES = {
    "org_code": "11330000MB0000001X",
    "year": 2024,
    "month": 1,
    "day": 1,
    "category_code": "fgwj",
    "topic_code": "0201",
    "genre_code": "tz",
    "serial": 1,
}


def format_index_number(pattern, values):
    """``pattern`` filled with ``values``; a broken pattern is a configuration error."""
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        raise ImproperlyConfigured(
            f"GOVOPEN_INDEX_NUMBER_FORMAT {pattern!r} cannot be formatted: {error!r}. "
            f"Available fields: {', '.join(sorted(SAMPLE_VALUES))}."
        ) from error


def index_number_values(item, serial, date=None):
    """The fields a format may use, for ``item`` and ``serial``."""
    date = date or item.publish_date or timezone.localdate()
    return {
        "org_code": item.organization.code if item.organization_id else "",
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "category_code": item.category.code if item.category_id else "",
        "topic_code": item.topic.code if item.topic_id else "",
        "genre_code": item.genre.code if item.genre_id else "",
        "serial": serial,
    }


def reserve_serials(org_code, year, count=1):
    """Reserve ``count`` consecutive serials; return the first.

    Call inside the transaction that uses them: the counter row stays locked
    until it commits, and a rollback gives the serials back.
    """
    with transaction.atomic():
        # INSERT ... ON CONFLICT DO NOTHING: two first publications of a year
        # race here without an IntegrityError; the loser waits, then locks.
        IndexNumberCounter.objects.bulk_create(
            [IndexNumberCounter(organization_code=org_code, year=year)],
            ignore_conflicts=True,
        )
        counter = IndexNumberCounter.objects.select_for_update().get(
            organization_code=org_code, year=year
        )
        first = counter.last_serial + 1
        counter.last_serial += count
        counter.save(update_fields=["last_serial"])
    return first


def default_generator(item):
    """``GOVOPEN_INDEX_NUMBER_FORMAT`` with the organisation's next serial."""
    if not item.organization_id:
        raise ValidationError(
            {"organization": _("Choose the publishing organisation first.")}
        )
    pattern = get_setting("GOVOPEN_INDEX_NUMBER_FORMAT")
    date = item.publish_date or timezone.localdate()
    for _attempt in range(MAX_ATTEMPTS):
        serial = reserve_serials(item.organization.code, date.year)
        number = format_index_number(pattern, index_number_values(item, serial, date))
        # Numbers imported from another system may already hold this serial.
        if not IndexNumber.objects.filter(number=number).exists():
            return number
    raise ImproperlyConfigured(
        f"GOVOPEN_INDEX_NUMBER_FORMAT {pattern!r} keeps producing numbers that are "
        "already in use; include {serial} in it."
    )


def ensure_index_number(item):
    """The index number of ``item``'s translation group, assigning one if needed.

    A number given to a new item (by an import) is kept if it is free. Must run
    inside the transaction that saves the item.
    """
    existing = (
        IndexNumber.objects.filter(translation_key=item.translation_key)
        .values_list("number", flat=True)
        .first()
    )
    if existing:
        return existing
    number = item.index_number or item.get_index_number_generator()(item)
    if not number:
        raise ImproperlyConfigured("The index number generator returned nothing.")
    date = item.publish_date or timezone.localdate()
    try:
        with transaction.atomic():
            IndexNumber.objects.create(
                number=number,
                translation_key=item.translation_key,
                organization_id=item.organization_id,
                year=date.year,
            )
    except IntegrityError as error:
        raise ValidationError(
            {
                "index_number": _("The index number %(number)s is already in use.")
                % {"number": number}
            }
        ) from error
    return number


def check_format(pattern):
    """Problems with ``pattern`` as a list of strings (empty when fine)."""
    try:
        sample = pattern.format(**SAMPLE_VALUES)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        return [f"it cannot be formatted: {error!r}"]
    problems = []
    if "{serial" not in pattern:
        problems.append("it has no {serial}, so numbers would repeat")
    if len(sample) > 64:
        problems.append("it makes numbers longer than 64 characters")
    return problems
