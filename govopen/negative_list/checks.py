from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .review import get_review_interval


@register("govopen")
def check_review_interval(app_configs, **kwargs):
    """A malformed review interval would break every save of a negative list."""
    try:
        get_review_interval()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="See docs/negative-list.md.",
                id="govopen.E110",
            )
        ]
    return []
