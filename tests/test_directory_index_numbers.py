# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
import datetime
import re
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, connections
from django.test import override_settings
from wagtail.models import Locale

from govopen.directory.index_numbers import check_format, format_index_number
from govopen.directory.models import DisclosureItemPage, IndexNumber, IndexNumberCounter

from .factories import OrganizationFactory
from .factories_directory import (
    DirectoryCategoryFactory,
    DisclosureItemPageFactory,
    directory,
    organization,
)


def test_number_assigned_at_first_publication(directory, organization):
    draft = DisclosureItemPageFactory(
        parent=directory, organization=organization, live=False, publish_date=None
    )
    assert draft.index_number == ""
    draft.save_revision().publish()
    draft.refresh_from_db()
    year = datetime.date.today().year
    assert draft.index_number == f"{organization.code}/{year}-00001"
    assert draft.publish_date == datetime.date.today()


def test_serial_per_organisation_and_year(directory):
    a, b = OrganizationFactory(), OrganizationFactory()
    numbers = [
        DisclosureItemPageFactory(
            parent=directory, organization=org, publish_date=datetime.date(year, 6, 1)
        ).index_number
        for org, year in [(a, 2023), (a, 2023), (b, 2023), (a, 2024), (a, 2023)]
    ]
    assert numbers == [
        f"{a.code}/2023-00001",
        f"{a.code}/2023-00002",
        f"{b.code}/2023-00001",
        f"{a.code}/2024-00001",
        f"{a.code}/2023-00003",
    ]
    assert (
        IndexNumberCounter.objects.get(organization_code=a.code, year=2023).last_serial
        == 3
    )


def test_number_never_changes_after_assignment(directory, organization):
    item = DisclosureItemPageFactory(parent=directory, organization=organization)
    number = item.index_number
    # An edit made from a revision saved before the first publication.
    item.title = "已修改标题"
    item.save_revision().publish()
    item.unpublish()
    item.refresh_from_db()
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.index_number == number
    assert IndexNumber.objects.filter(translation_key=item.translation_key).count() == 1
    # Changing the field by hand does not renumber the item either.
    item.index_number = "OTHER/1"
    item.save()
    item.refresh_from_db()
    assert item.index_number == number


def test_a_copy_is_a_new_document(directory, organization):
    item = DisclosureItemPageFactory(parent=directory, organization=organization)
    copy = item.copy(update_attrs={"slug": "copy", "title": "副本"}, keep_live=False)
    assert copy.specific.index_number == ""
    copy.specific.save_revision().publish()
    copy.refresh_from_db()
    assert copy.specific.index_number not in ("", item.index_number)


def test_translations_share_the_number(directory, organization):
    item = DisclosureItemPageFactory(parent=directory, organization=organization)
    english = Locale.objects.create(language_code="en")
    directory.get_parent().copy_for_translation(english, copy_parents=True)
    directory.copy_for_translation(english)
    translation = item.copy_for_translation(english)
    translation.save_revision().publish()
    translation.refresh_from_db()
    assert translation.index_number == item.index_number
    assert IndexNumber.objects.count() == 1


def test_unique_constraint_in_the_database(directory, organization):
    item = DisclosureItemPageFactory(parent=directory, organization=organization)
    other = DisclosureItemPageFactory(
        parent=directory, organization=organization, live=False
    )
    other.index_number = item.index_number
    other.live = True
    with pytest.raises(ValidationError) as error:
        other.save()
    assert "index_number" in error.value.message_dict


def test_imported_numbers_are_skipped_by_the_counter(directory, organization):
    year = 2024
    DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        publish_date=datetime.date(year, 1, 1),
        index_number=f"{organization.code}/{year}-00001",
    )
    item = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        publish_date=datetime.date(year, 2, 1),
    )
    assert item.index_number == f"{organization.code}/{year}-00002"


@override_settings(
    GOVOPEN_INDEX_NUMBER_FORMAT="{org_code}-{category_code}/{year}{month:02d}-{serial:04d}"
)
def test_format_from_setting(directory, organization):
    category = DirectoryCategoryFactory(code="zdxm")
    item = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        category=category,
        publish_date=datetime.date(2021, 10, 9),
    )
    assert item.index_number == f"{organization.code}-zdxm/202110-0001"


def test_generator_override(directory, organization, monkeypatch):
    monkeypatch.setattr(
        DisclosureItemPage,
        "get_index_number_generator",
        lambda self: lambda item: f"X-{item.title[:2]}",
    )
    item = DisclosureItemPageFactory(
        parent=directory, organization=organization, title="专用编号"
    )
    assert item.index_number == "X-专用"


def test_bad_formats():
    assert check_format("{org_code}/{year}-{serial:05d}") == []
    assert check_format("{org_code}/{year}")  # no serial: numbers repeat
    assert check_format("{nope}-{serial}")
    assert check_format("{serial:05d")
    with pytest.raises(ImproperlyConfigured, match="GOVOPEN_INDEX_NUMBER_FORMAT"):
        format_index_number("{nope}", {"serial": 1})


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks and concurrent connections: SQLite serialises writers "
    "with a database-wide lock, so it cannot show a race (run with DATABASE_URL)",
)
# serialized_rollback: an earlier transactional test flushed the data that
# migrations create (the root page and the default site); this puts it back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publishing_gives_unique_gapless_numbers(directory):
    organization = OrganizationFactory()
    drafts = [
        DisclosureItemPageFactory(
            parent=directory,
            organization=organization,
            live=False,
            publish_date=datetime.date(2024, 5, 1),
            slug=f"parallel-{n}",
        )
        for n in range(12)
    ]
    revisions = [draft.save_revision() for draft in drafts]
    barrier = threading.Barrier(len(revisions))
    errors = []

    def publish(revision):
        try:
            barrier.wait(timeout=30)
            revision.publish()
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(rev,)) for rev in revisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    numbers = list(
        DisclosureItemPage.objects.filter(pk__in=[d.pk for d in drafts]).values_list(
            "index_number", flat=True
        )
    )
    assert len(set(numbers)) == len(drafts)
    serials = sorted(int(re.search(r"-(\d+)$", number).group(1)) for number in numbers)
    assert serials == list(range(1, len(drafts) + 1))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks and concurrent connections: SQLite serialises writers "
    "with a database-wide lock, so it cannot show a race (run with DATABASE_URL)",
)
# serialized_rollback: an earlier transactional test flushed the data that
# migrations create (the root page and the default site); this puts it back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_serial_reservations_never_repeat():
    from django.db import transaction

    from govopen.directory.index_numbers import reserve_serials

    workers, rounds = 8, 5
    barrier = threading.Barrier(workers)
    serials, errors = [], []

    def work():
        try:
            barrier.wait(timeout=30)
            for _round in range(rounds):
                with transaction.atomic():
                    serial = reserve_serials("RACE", 2024)
                    # Hold the transaction open a moment, as a page save does.
                    connection.cursor().execute("SELECT pg_sleep(0.01)")
                serials.append(serial)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(serials) == list(range(1, workers * rounds + 1))
    assert IndexNumberCounter.objects.get(organization_code="RACE").last_serial == 40
