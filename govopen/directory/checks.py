from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

from govopen.core.conf import get_setting


@register(Tags.compatibility)
def check_index_number_settings(app_configs, **kwargs):
    """A broken 索引号 setting would only show when the first item is published."""
    from .index_numbers import check_format

    errors = []
    pattern = get_setting("GOVOPEN_INDEX_NUMBER_FORMAT")
    for problem in check_format(pattern):
        errors.append(
            Error(
                f"GOVOPEN_INDEX_NUMBER_FORMAT {pattern!r} is not usable: {problem}.",
                hint="See docs/directory.md for the available fields.",
                id="govopen_directory.E001",
            )
        )
    path = get_setting("GOVOPEN_INDEX_NUMBER_GENERATOR")
    try:
        import_string(path)
    except ImportError as error:
        errors.append(
            Error(
                f"GOVOPEN_INDEX_NUMBER_GENERATOR {path!r} cannot be imported: {error}.",
                id="govopen_directory.E002",
            )
        )
    return errors
