"""Concurrent submissions get distinct numbers (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections

from govopen.applications.models import ApplicationCounter, DisclosureApplication

from .factories import OrganizationFactory
from .factories_applications import citizen_data

SUBMISSIONS = 50


# serialized_rollback: an earlier transactional test flushed the data that
# migrations create (the root page and the default site); this puts it back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises all writers, so there is no race to test",
)
def test_fifty_concurrent_submissions_get_fifty_distinct_numbers():
    organization = OrganizationFactory()
    barrier = threading.Barrier(SUBMISSIONS)
    numbers, errors = [], []
    lock = threading.Lock()

    def submit(n):
        try:
            barrier.wait(timeout=30)
            application, _code = DisclosureApplication.objects.create_application(
                organization=organization, data=citizen_data(name=f"申请人{n}")
            )
            with lock:
                numbers.append(application.number)
        except Exception as error:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(numbers) == SUBMISSIONS
    assert len(set(numbers)) == SUBMISSIONS
    assert DisclosureApplication.objects.count() == SUBMISSIONS
    serials = sorted(DisclosureApplication.objects.values_list("serial", flat=True))
    assert serials == list(range(1, SUBMISSIONS + 1))
    assert ApplicationCounter.objects.get().last_serial == SUBMISSIONS
