"""The classifications govopen ships: loaded by a data migration, idempotent.

``data/topics.json`` (the State Council's 22 topics and their sub-topics),
``data/categories.json`` (the directory categories of Article 20) and
``data/genres.json`` (document genres). Entries are matched on ``code`` in the
default locale, so running the loader again adds what is missing and never
overwrites what a site has renamed.
"""

import json
import uuid
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name):
    with open(DATA_DIR / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def default_locale(apps=global_apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


def _ensure(model, locale, code, name, sort_order, parent=None, **extra):
    obj = model.objects.filter(code=code, locale_id=locale.pk).first()
    if obj is not None:
        return obj, False
    obj = model.objects.create(
        code=code,
        name=name,
        sort_order=sort_order,
        parent=parent,
        locale_id=locale.pk,
        translation_key=uuid.uuid4(),
        **extra,
    )
    return obj, True


def load_taxonomies(apps=global_apps, locale=None):
    """Create the shipped topics, categories and genres that are missing.

    Returns the number of entries created. Works with the historical models of
    a migration (pass its ``apps``) as well as with the real ones.
    """
    locale = locale or default_locale(apps)
    Topic = apps.get_model("govopen_directory", "Topic")
    DirectoryCategory = apps.get_model("govopen_directory", "DirectoryCategory")
    Genre = apps.get_model("govopen_directory", "Genre")
    created = 0
    for index, entry in enumerate(read_data("topics")):
        parent, new = _ensure(Topic, locale, entry["code"], entry["name"], index)
        created += new
        for position, name in enumerate(entry["children"], start=1):
            code = f"{entry['code']}{position:02d}"
            _, new = _ensure(Topic, locale, code, name, position, parent=parent)
            created += new
    for index, entry in enumerate(read_data("categories")):
        _, new = _ensure(
            DirectoryCategory,
            locale,
            entry["code"],
            entry["name"],
            index,
            article=entry.get("article", ""),
        )
        created += new
    for index, entry in enumerate(read_data("genres")):
        _, new = _ensure(Genre, locale, entry["code"], entry["name"], index)
        created += new
    return created
