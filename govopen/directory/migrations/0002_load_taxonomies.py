"""Load the shipped topics, directory categories and genres (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from govopen.directory.taxonomy import load_taxonomies

    load_taxonomies(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("govopen_directory", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
