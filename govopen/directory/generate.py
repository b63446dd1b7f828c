"""Synthetic disclosure items at scale, for benchmarks and load tests.

``add_child`` costs a few dozen queries per page; 100,000 items that way take
an hour. Here the tree paths are computed in Python (treebeard's
materialised path: the parent's path plus a 4-character base-36 step), the
page rows and the item rows are inserted in batches, serials are reserved per
organisation and year in one locked update each, and the search index is
written in bulk. The items are live pages like any other, without revisions.
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from govopen.core.conf import get_setting
from govopen.core.enums import DisclosureAttribute, DisclosureMethod, Validity
from govopen.core.models import Organization

from .index_numbers import format_index_number, reserve_serials
from .models import DirectoryCategory, DisclosureItemPage, Genre, IndexNumber, Topic

SUBJECTS = [
    "义务教育招生入学", "城乡居民医疗保险", "高标准农田建设", "老旧小区改造",
    "安全生产专项整治", "政府信息公开", "营商环境优化", "农村人居环境整治",
    "防汛抗旱", "就业创业扶持", "养老服务体系建设", "食品安全监督抽检",
    "生态环境保护督察整改", "财政预算执行", "政府采购意向", "重大建设项目推进",
    "乡村振兴衔接资金", "公共文化服务", "森林防火", "道路交通安全",
]  # fmt: skip
ACTIONS = ["印发", "做好", "加强", "开展", "进一步规范", "公布"]


def _path(parent_path, position):
    return parent_path + Page._int2str(position).rjust(Page.steplen, "0")


class Generator:
    """Adds ``count`` synthetic items under ``directory``."""

    batch_size = 2000

    def __init__(self, directory, *, seed=1, years=5, search_index=True, progress=None):
        self.directory = directory
        self.random = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        self.years = years
        self.search_index = search_index
        self.progress = progress or (lambda done, total: None)
        locale = directory.locale
        self.organizations = list(
            Organization.objects.filter(locale=locale, active=True)
        ) or list(Organization.objects.filter(active=True))
        if not self.organizations:
            raise ValueError("Create at least one organisation first.")
        self.categories = list(DirectoryCategory.objects.filter(locale=locale))
        self.topics = list(Topic.objects.filter(locale=locale, parent__isnull=False))
        self.genres = list(Genre.objects.filter(locale=locale))
        self.content_type = ContentType.objects.get_for_model(DisclosureItemPage)

    def run(self, count):
        done = 0
        while done < count:
            size = min(self.batch_size, count - done)
            with transaction.atomic():
                self._batch(size)
            done += size
            self.progress(done, count)
        return done

    def _next_position(self):
        directory = Page.objects.select_for_update().get(pk=self.directory.pk)
        last = (
            Page.objects.filter(
                path__startswith=directory.path, depth=directory.depth + 1
            )
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return directory, (Page._str2int(last[-Page.steplen :]) if last else 0)

    def _batch(self, size):
        directory, last = self._next_position()
        now = timezone.now()
        today = timezone.localdate()
        rnd = self.random
        specs = []
        for offset in range(1, size + 1):
            position = last + offset
            org = rnd.choice(self.organizations)
            genre = rnd.choice(self.genres) if self.genres else None
            category = rnd.choice(self.categories) if self.categories else None
            topic = rnd.choice(self.topics) if self.topics else None
            subject = rnd.choice(SUBJECTS)
            published = today - datetime.timedelta(days=rnd.randrange(365 * self.years))
            number = (
                f"{org.short_name or org.name[:4]}发〔{published.year}〕{position}号"
            )
            title = (
                f"{org.name}关于{rnd.choice(ACTIONS)}{subject}工作的"
                f"{genre.name if genre else '通知'}（{position}）"
            )
            specs.append(
                {
                    "position": position,
                    "org": org,
                    "genre": genre,
                    "category": category,
                    "topic": topic,
                    "subject": subject,
                    "published": published,
                    "number": number,
                    "title": title,
                }
            )

        slugs = {spec["position"]: f"synthetic-{spec['position']}" for spec in specs}
        taken = set(
            Page.objects.filter(
                path__startswith=directory.path,
                depth=directory.depth + 1,
                slug__in=slugs.values(),
            ).values_list("slug", flat=True)
        )
        pages = []
        for spec in specs:
            title = spec["title"]
            slug = slugs[spec["position"]]
            if slug in taken:
                slug = f"{slug}-{uuid.uuid4().hex[:6]}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=self.content_type,
                    path=_path(directory.path, spec["position"]),
                    depth=directory.depth + 1,
                    numchild=0,
                    url_path=f"{directory.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=directory.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages)
        if any(page.pk is None for page in pages):  # backends without RETURNING
            by_path = dict(
                Page.objects.filter(path__in=[p.path for p in pages]).values_list(
                    "path", "pk"
                )
            )
            for page in pages:
                page.pk = page.id = by_path[page.path]

        numbers = self._index_numbers(specs)
        items = []
        registry = []
        for page, spec, number in zip(pages, specs, numbers, strict=True):
            org, genre, subject = spec["org"], spec["genre"], spec["subject"]
            published = spec["published"]
            repealed = rnd.random() < 0.05
            item = DisclosureItemPage(
                page_ptr_id=page.pk,
                listing_parent_id=directory.pk,
                listing_live=True,
                index_number=number,
                organization_id=org.pk,
                category_id=spec["category"].pk if spec["category"] else None,
                topic_id=spec["topic"].pk if spec["topic"] else None,
                genre_id=genre.pk if genre else None,
                document_number=spec["number"],
                written_date=published - datetime.timedelta(days=rnd.randrange(1, 10)),
                publish_date=published,
                validity=Validity.REPEALED if repealed else Validity.VALID,
                effective_date=published,
                disclosure_method=DisclosureMethod.WEBSITE,
                disclosure_attribute=(
                    DisclosureAttribute.ON_REQUEST
                    if rnd.random() < 0.02
                    else DisclosureAttribute.PROACTIVE
                ),
                keywords=f"{subject} {org.short_name}",
                summary=f"{org.name}就{subject}工作作出安排部署。"[:100],
                body=(
                    f"<p>为{rnd.choice(ACTIONS)}{subject}工作，现将有关事项通知如下。</p>"
                    f"<p>一、各单位要高度重视，加强组织领导，明确责任分工。</p>"
                    f"<p>二、请于{published.year}年底前报送工作进展情况。</p>"
                ),
            )
            items.append(item)
            registry.append(
                IndexNumber(
                    number=number,
                    translation_key=page.translation_key,
                    organization_id=org.pk,
                    year=published.year,
                )
            )
        self._insert_items(items)
        IndexNumber.objects.bulk_create(registry)
        Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + size)
        if self.search_index:
            indexed = list(
                DisclosureItemPage.objects.filter(pk__in=[p.pk for p in pages])
            )
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(DisclosureItemPage, indexed)

    def _index_numbers(self, specs):
        """Numbers in the site's format, serials reserved per organisation and year."""
        pattern = get_setting("GOVOPEN_INDEX_NUMBER_FORMAT")
        wanted = {}
        for spec in specs:
            key = (spec["org"].code, spec["published"].year)
            wanted[key] = wanted.get(key, 0) + 1
        next_serial = {
            key: reserve_serials(key[0], key[1], count) for key, count in wanted.items()
        }
        numbers = []
        for spec in specs:
            published = spec["published"]
            key = (spec["org"].code, published.year)
            serial = next_serial[key]
            next_serial[key] += 1
            values = {
                "org_code": spec["org"].code,
                "year": published.year,
                "month": published.month,
                "day": published.day,
                "category_code": spec["category"].code if spec["category"] else "",
                "topic_code": spec["topic"].code if spec["topic"] else "",
                "genre_code": spec["genre"].code if spec["genre"] else "",
                "serial": serial,
            }
            numbers.append(format_index_number(pattern, values))
        return numbers

    @staticmethod
    def _insert_items(items):
        """INSERT the item table's own columns (Django's bulk_create refuses MTI)."""
        fields = DisclosureItemPage._meta.local_concrete_fields
        step = max(1, connection.ops.bulk_batch_size(fields, items))
        for start in range(0, len(items), step):
            query = InsertQuery(DisclosureItemPage)
            query.insert_values(fields, items[start : start + step])
            query.get_compiler(connection=connection).execute_sql()
