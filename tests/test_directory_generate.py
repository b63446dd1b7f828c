# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from govopen.directory.models import DisclosureItemPage, IndexNumber

from .factories import OrganizationFactory
from .factories_directory import DisclosureItemPageFactory, directory, organization


def generate(*args):
    out = io.StringIO()
    call_command("govopen_generate", *map(str, args), stdout=out)
    return out.getvalue()


def test_generate_makes_live_numbered_items_in_a_sound_tree(
    client, directory, organization, settings
):
    settings.GOVOPEN_DIRECTORY_PAGE_SIZE = 20
    existing = DisclosureItemPageFactory(parent=directory, organization=organization)
    out = generate("--items", 45, "--directory", directory.pk)
    assert "Added 45 items" in out
    items = DisclosureItemPage.objects.child_of(directory).live()
    assert items.count() == 46
    assert not any(Page.find_problems())
    directory.refresh_from_db()
    assert directory.numchild == 46
    numbers = list(items.values_list("index_number", flat=True))
    assert len(set(numbers)) == 46 and "" not in numbers
    assert IndexNumber.objects.count() == 46
    # A page added the normal way afterwards lands after the generated ones.
    later = DisclosureItemPageFactory(parent=directory, organization=organization)
    assert later.path > max(items.exclude(pk=later.pk).values_list("path", flat=True))
    assert not any(Page.find_problems())
    generated = items.exclude(pk__in=[existing.pk, later.pk]).first()
    assert client.get(generated.url).status_code == 200
    response = client.get(directory.url, {"page": 3})
    assert (
        response.status_code == 200 and response.content.decode().count("<tr>") == 1 + 7
    )


def test_generate_is_searchable_unless_told_otherwise(directory, organization):
    generate("--items", 5, "--directory", directory.pk, "--seed", 3)
    item = DisclosureItemPage.objects.child_of(directory).first()
    assert item.pk in [p.pk for p in DisclosureItemPage.objects.search(item.title)]


def test_generate_needs_a_count_and_organisations(directory):
    with pytest.raises(CommandError):
        generate("--items", 0, "--directory", directory.pk)
    with pytest.raises(CommandError, match="organisation"):
        generate("--items", 1, "--directory", directory.pk)
