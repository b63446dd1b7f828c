from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    """govopen is built on wagtail-localize and modelcluster; say so early."""
    errors = []
    required = {
        "wagtail_localize": "wagtail_localize",
        "modelcluster": "modelcluster",
        "wagtail.contrib.settings": "wagtail.contrib.settings",
    }
    for app, label in required.items():
        if app not in settings.INSTALLED_APPS:
            errors.append(
                Error(
                    f"govopen needs '{label}' in INSTALLED_APPS.",
                    hint="See docs/installation.md for the full list of apps.",
                    id="govopen.E001",
                )
            )
    return errors


@register("govopen")
def check_calendar_schedule(app_configs, **kwargs):
    """Warn when deadlines soon reach a year with no holiday schedule (W010).

    It reads the database, so it says nothing until the tables exist: a
    ``check`` before ``migrate`` (or with no database at all) must not fail.
    """
    if app_configs is not None and not any(
        config.label == "govopen_core" for config in app_configs
    ):
        return []
    from . import calendar

    try:
        with transaction.atomic():
            years = calendar.years_needing_schedule()
    except (DatabaseError, ImproperlyConfigured):
        return []
    if not years:
        return []
    return [
        Warning(
            "The working-day calendar has no official data and no local "
            f"adjustments for {', '.join(map(str, years))}: deadlines in that "
            "year are provisional (Monday to Friday minus the fixed-date "
            "statutory holidays).",
            hint=(
                "Enter the State Council's holiday schedule for that year in the "
                "Wagtail admin (Settings > Working-day calendar) or with "
                "'manage.py govopen_calendar import FILE.csv'; see docs/calendar.md."
            ),
            id="govopen.W010",
        )
    ]
