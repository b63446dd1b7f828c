"""System checks of the GOVOPEN_* settings govopen.policies reads."""

from django.core.checks import Error, Tags, register

from govopen.core.conf import get_setting
from govopen.core.enums import PolicyDocumentType

from .lifecycle import as_date


@register(Tags.compatibility)
def check_interpretation_settings(app_configs, **kwargs):
    errors = []
    types = get_setting("GOVOPEN_INTERPRETATION_REQUIRED_TYPES")
    known = set(PolicyDocumentType.values)
    if isinstance(types, str) or not all(value in known for value in types or ()):
        errors.append(
            Error(
                f"GOVOPEN_INTERPRETATION_REQUIRED_TYPES {types!r} must be a list of "
                f"policy document types: {', '.join(sorted(known))}.",
                id="govopen_policies.E001",
            )
        )
    days = get_setting("GOVOPEN_INTERPRETATION_DEADLINE_DAYS")
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        errors.append(
            Error(
                f"GOVOPEN_INTERPRETATION_DEADLINE_DAYS {days!r} must be a whole "
                "number of working days, 0 or more.",
                id="govopen_policies.E002",
            )
        )
    since = get_setting("GOVOPEN_INTERPRETATION_REQUIRED_SINCE")
    try:
        as_date(since)
    except (TypeError, ValueError):
        errors.append(
            Error(
                f"GOVOPEN_INTERPRETATION_REQUIRED_SINCE {since!r} must be None, a "
                "date or a YYYY-MM-DD string.",
                id="govopen_policies.E003",
            )
        )
    size = get_setting("GOVOPEN_POLICY_PAGE_SIZE")
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        errors.append(
            Error(
                f"GOVOPEN_POLICY_PAGE_SIZE {size!r} must be a positive whole number.",
                id="govopen_policies.E004",
            )
        )
    return errors
