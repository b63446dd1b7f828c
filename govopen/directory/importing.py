"""Bulk import of disclosure items from JSON Lines, CSV or XLSX.

Each row is one document in the shape of ``shared/corpus/regulations.jsonl``:
``title``, ``document_number``, ``publisher``, ``written_date``, ``category``,
``body`` (Markdown) and optionally ``publish_date``, ``topic``, ``genre``,
``summary``, ``keywords``, ``index_number``, ``validity``, ``effective_date``,
``expiry_date``, ``disclosure_attribute``, ``disclosure_method``.

Rows become live items under one directory page. A row that matches an item
already there updates it (see :meth:`Importer.find_existing`), so running an
import twice creates nothing new. A bad row is reported with its line number
and skipped; the others go on. docs/import.md describes it for integrators.
"""

import csv
import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from govopen.core.enums import DisclosureAttribute, DisclosureMethod, Validity
from govopen.core.models import Organization

from .models import DirectoryCategory, DisclosureItemPage, Genre, Topic

FIELDS = (
    "title",
    "document_number",
    "publisher",
    "written_date",
    "publish_date",
    "category",
    "topic",
    "genre",
    "summary",
    "keywords",
    "index_number",
    "validity",
    "effective_date",
    "expiry_date",
    "disclosure_attribute",
    "disclosure_method",
    "body",
)
# What Markdown may produce and rich text may hold; everything else is dropped.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "b", "strong",
    "i", "em", "a", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "code", "pre", "hr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
# Fields whose change makes a new revision; compared to decide "unchanged".
COMPARED = (
    "title",
    "document_number",
    "organization_id",
    "written_date",
    "publish_date",
    "category_id",
    "topic_id",
    "genre_id",
    "summary",
    "keywords",
    "validity",
    "effective_date",
    "expiry_date",
    "disclosure_attribute",
    "disclosure_method",
    "body",
)


class RowError(Exception):
    """A problem with one row, reported to the person running the import."""


def markdown_to_html(text):
    """Markdown → sanitised HTML for a rich text field."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    # Rich text pages have one h1, the title: demote headings by one level.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def parse_date(value, name):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{name}: {text!r} is not a date (use YYYY-MM-DD)")


def parse_choice(value, choices, name, default):
    """An enumeration member from its code, label or Chinese label."""
    if value in (None, ""):
        return default
    text = str(value).strip()
    for member in choices:
        if text.lower() in (
            member.value,
            member.name.lower(),
            str(member.label).lower(),
        ):
            return member
    from django.utils.translation import override

    with override("zh-hans"):
        for member in choices:
            if text == str(member.label):
                return member
    known = ", ".join(member.value for member in choices)
    raise RowError(f"{name}: {text!r} is not one of {known}")


# Readers -----------------------------------------------------------------
def read_rows(path, file_format=None):
    """(line number, dict) for every row of ``path``; the format from its suffix."""
    path = Path(path)
    file_format = (file_format or path.suffix.lstrip(".")).lower()
    if file_format in ("jsonl", "ndjson", "json"):
        return list(_read_jsonl(path))
    if file_format == "csv":
        return list(_read_csv(path))
    if file_format in ("xlsx", "xlsm"):
        return list(_read_xlsx(path))
    raise ValueError(
        f"Unknown file format {file_format!r}: use .jsonl, .csv or .xlsx (or --format)."
    )


def _read_jsonl(path):
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, RowError(f"not valid JSON: {error.msg}")
                continue
            if not isinstance(row, dict):
                yield number, RowError("not a JSON object")
                continue
            yield number, row


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        start = 2
        for row in reader:
            yield start, {key.strip(): value for key, value in row.items() if key}
            start = reader.line_num + 1


def _read_xlsx(path):
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, [])]
    for number, values in enumerate(rows, start=2):
        if all(value in (None, "") for value in values):
            continue
        yield (
            number,
            {name: value for name, value in zip(header, values, strict=False) if name},
        )
    workbook.close()


# The importer --------------------------------------------------------------
@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    errors: list = field(default_factory=list)

    @property
    def processed(self):
        return self.created + self.updated + self.unchanged + len(self.errors)


class Importer:
    """Turns rows into live items under ``directory``."""

    batch_size = 100

    def __init__(
        self,
        directory,
        *,
        create_organizations=False,
        default_organization=None,
        dry_run=False,
        progress=None,
        error=None,
    ):
        self.directory = directory
        self.locale = directory.locale
        self.create_organizations = create_organizations
        self.default_organization = default_organization or directory.organization
        self.dry_run = dry_run
        self.progress = progress or (lambda result, total: None)
        self.error = error or (lambda line, message: None)
        self.result = ImportResult()
        self.touched = []
        self._load_lookups()
        self._load_existing()

    # Lookups ------------------------------------------------------------
    def _load_lookups(self):
        self.organizations = {}
        for org in Organization.objects.order_by("locale_id").all():
            preferred = org.locale_id == self.locale.pk
            for key in (org.name, org.short_name, org.code):
                if key and (preferred or key not in self.organizations):
                    self.organizations[key] = org
        self.categories = self._taxonomy(DirectoryCategory)
        self.topics = self._taxonomy(Topic)
        self.genres = self._taxonomy(Genre)
        self.genre_suffixes = sorted(
            ((name, genre) for name, genre in self.genres.items() if len(name) > 1),
            key=lambda pair: -len(pair[0]),
        )

    def _taxonomy(self, model):
        found = {}
        rows = model.objects.filter(locale=self.locale).select_related("parent")
        for obj in rows:
            found.setdefault(obj.code, obj)
            found.setdefault(obj.name, obj)
            if obj.parent is not None:
                found.setdefault(f"{obj.parent.name}/{obj.name}", obj)
        return found

    def _load_existing(self):
        """Every item of the directory, keyed three ways for matching."""
        self.by_index_number = {}
        self.by_document = {}
        self.by_title = {}
        slugs = set()
        rows = DisclosureItemPage.objects.child_of(self.directory).values_list(
            "pk", "index_number", "document_number", "organization_id",
            "written_date", "title", "slug",
        )  # fmt: skip
        for pk, index_number, document_number, org_id, written, title, slug in rows:
            self._remember(pk, index_number, document_number, org_id, written, title)
            slugs.add(slug)
        self.slugs = slugs | set(
            self.directory.get_children().values_list("slug", flat=True)
        )

    def _remember(self, pk, index_number, document_number, org_id, written, title):
        if index_number:
            self.by_index_number[index_number] = pk
        if document_number:
            self.by_document[(document_number, org_id, written)] = pk
        self.by_title[(title, org_id, written)] = pk

    def find_existing(self, values):
        """The item a row stands for: by 索引号, else 文号, else title.

        A 文号 alone is not enough: a revised regulation is republished under
        the decree number of its first version, so 文号 is matched together
        with the publisher and 成文日期, like the title.
        """
        number = values.get("index_number")
        if number and number in self.by_index_number:
            return self.by_index_number[number]
        org_id = values["organization"].pk
        if values["document_number"]:
            key = (values["document_number"], org_id, values["written_date"])
            if key in self.by_document:
                return self.by_document[key]
        return self.by_title.get((values["title"], org_id, values["written_date"]))

    def organization_for(self, publisher):
        publisher = (publisher or "").strip()
        if not publisher:
            if self.default_organization is None:
                raise RowError(
                    "publisher: missing, and no default organisation "
                    "(use --default-organization)"
                )
            return self.default_organization
        org = self.organizations.get(publisher)
        if org is not None:
            return org
        if not self.create_organizations:
            raise RowError(
                f"publisher: no organisation named {publisher!r} "
                "(create it first, or use --create-organizations)"
            )
        code = "IMP-" + hashlib.sha1(publisher.encode()).hexdigest()[:12].upper()  # noqa: S324 (a stable code, not security)
        org = Organization(name=publisher[:255], code=code, locale=self.locale)
        if not self.dry_run:
            org.save()
        self.organizations[publisher] = org
        self.result.organizations_created += 1
        return org

    def _classification(self, lookup, value, name):
        if value in (None, ""):
            return None
        text = str(value).strip()
        found = lookup.get(text) or lookup.get(text.replace(" / ", "/"))
        if found is None:
            raise RowError(f"{name}: {text!r} is not a known {name}")
        return found

    def guess_genre(self, title):
        """体裁 from the end of the title: …办法 → 办法, …的通知 → 通知."""
        for name, genre in self.genre_suffixes:
            if title.endswith(name):
                return genre
        return None

    # Rows ---------------------------------------------------------------
    def clean_row(self, row):
        """The model values of one row; raises :class:`RowError`."""
        row = {key.strip().lower(): value for key, value in row.items() if key}

        def text(name, max_length=None):
            value = row.get(name)
            value = "" if value is None else str(value).strip()
            if max_length and len(value) > max_length:
                raise RowError(f"{name}: longer than {max_length} characters")
            return value

        title = " ".join(text("title", 255).split())
        if not title:
            raise RowError("title: missing")
        written_date = parse_date(row.get("written_date"), "written_date")
        publish_date = (
            parse_date(row.get("publish_date"), "publish_date") or written_date
        )
        genre = self._classification(self.genres, row.get("genre"), "genre")
        values = {
            "title": title,
            "document_number": text("document_number", 100),
            "organization": self.organization_for(row.get("publisher")),
            "written_date": written_date,
            "publish_date": publish_date,
            "category": self._classification(
                self.categories, row.get("category"), "category"
            ),
            "topic": self._classification(self.topics, row.get("topic"), "topic"),
            "genre": genre or self.guess_genre(title),
            "summary": text("summary", 100),
            "keywords": text("keywords", 255),
            "index_number": text("index_number", 64),
            "validity": parse_choice(
                row.get("validity"), Validity, "validity", Validity.VALID
            ),
            "effective_date": parse_date(row.get("effective_date"), "effective_date"),
            "expiry_date": parse_date(row.get("expiry_date"), "expiry_date"),
            "disclosure_attribute": parse_choice(
                row.get("disclosure_attribute"),
                DisclosureAttribute,
                "disclosure_attribute",
                DisclosureAttribute.PROACTIVE,
            ),
            "disclosure_method": parse_choice(
                row.get("disclosure_method"),
                DisclosureMethod,
                "disclosure_method",
                DisclosureMethod.WEBSITE,
            ),
            "body": markdown_to_html(text("body")),
        }
        if values["disclosure_attribute"] == DisclosureAttribute.NOT_DISCLOSED:
            raise RowError(
                "disclosure_attribute: an item that is not disclosed cannot be "
                "imported as a published item"
            )
        return values

    def unique_slug(self, title):
        base = slugify(title, allow_unicode=True)[:60].strip("-") or "item"
        slug, n = base, 2
        while slug in self.slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        return slug

    def create(self, values):
        now = timezone.now()
        values = dict(values)
        values["organization_id"] = values.pop("organization").pk
        for name in ("category", "topic", "genre"):
            obj = values.pop(name)
            values[f"{name}_id"] = obj.pk if obj is not None else None
        page = DisclosureItemPage(
            slug=self.unique_slug(values["title"]),
            locale=self.locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            **values,
        )
        # The reference index ("usage" of organisations, categories, ...) is
        # written once per page, after its revision, not on each of its saves.
        with disable_reference_index_auto_update():
            self.directory.add_child(instance=page)
            # One revision, so the admin edits and compares as for any page.
            revision = page.save_revision(clean=False, changed=False)
        Page.objects.filter(pk=page.pk).update(
            live_revision=revision, has_unpublished_changes=False
        )
        page.live_revision = revision
        page.has_unpublished_changes = False
        ReferenceIndex.create_or_update_for_object(page)
        self.touched.append(page.pk)
        self._remember(
            page.pk,
            page.index_number,
            page.document_number,
            page.organization_id,
            page.written_date,
            page.title,
        )
        return page

    def update(self, pk, values):
        """Apply ``values`` to item ``pk``; True when something changed."""
        page = DisclosureItemPage.objects.get(pk=pk)
        changed = False
        for name, value in values.items():
            if name == "index_number":
                continue  # never renumber an item
            attname = (
                f"{name}_id"
                if name in ("organization", "category", "topic", "genre")
                else name
            )
            new = value.pk if hasattr(value, "pk") else value
            if getattr(page, attname) != new:
                setattr(page, attname, new)
                changed = True
        if not changed:
            return False
        page.save_revision(clean=True).publish()
        self.touched.append(page.pk)
        return True

    def import_row(self, row):
        values = self.clean_row(row)
        existing = self.find_existing(values)
        if existing is None:
            if not self.dry_run:
                self.create(values)
            self.result.created += 1
        elif self.dry_run or not self.update(existing, values):
            self.result.unchanged += 1
        else:
            self.result.updated += 1

    def run(self, rows):
        """Import ``rows`` ((line, dict or RowError) pairs); returns the result."""
        total = len(rows)
        with SearchIndexDeferred(DisclosureItemPage) as deferred:
            for start in range(0, total, self.batch_size):
                batch = rows[start : start + self.batch_size]
                with transaction.atomic():
                    for line, row in batch:
                        self._import_one(line, row)
                    if self.dry_run:
                        transaction.set_rollback(True)
                self.progress(self.result, total)
            deferred.pks = self.touched
        return self.result

    def _import_one(self, line, row):
        if isinstance(row, RowError):
            self._fail(line, str(row))
            return
        try:
            with transaction.atomic():
                self.import_row(row)
        except RowError as error:
            self._fail(line, str(error))
        except ValidationError as error:
            messages = (
                "; ".join(
                    f"{name}: {' '.join(str(m) for m in msgs)}"
                    for name, msgs in error.message_dict.items()
                )
                if hasattr(error, "error_dict")
                else " ".join(error.messages)
            )
            self._fail(line, messages)

    def _fail(self, line, message):
        self.result.errors.append((line, message))
        self.error(line, message)


class SearchIndexDeferred:
    """Index ``model`` in bulk at the end instead of on every save.

    Saving a page sends it to the search backend straight away; for thousands
    of rows one bulk call per backend and chunk is much faster. Set ``pks`` to
    the objects to index before the block ends.
    """

    chunk_size = 500

    def __init__(self, model):
        self.model = model
        self.pks = []
        self.handler = None
        self.disconnected = False

    def __enter__(self):
        from modelsearch.signal_handlers import post_save_signal_handler

        self.handler = post_save_signal_handler
        self.disconnected = post_save.disconnect(self.handler, sender=self.model)
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.disconnected:
            post_save.connect(self.handler, sender=self.model)
        # Rows committed before an error are indexed too.
        pks = list(dict.fromkeys(self.pks))
        for start in range(0, len(pks), self.chunk_size):
            chunk = list(
                self.model.objects.filter(pk__in=pks[start : start + self.chunk_size])
            )
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(self.model, chunk)
        return False
