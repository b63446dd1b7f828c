from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register("govopen")
def check_encryption_keys(app_configs, **kwargs):
    """E101: applications cannot store identity numbers without a key."""
    from . import crypto

    try:
        crypto.get_fernet()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="See docs/personal-data.md.",
                id="govopen_applications.E101",
            )
        ]
    return []
