import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from wagtail.models import Locale

from govopen.core.models import Organization

from .factories import OrganizationFactory


@pytest.mark.django_db
class TestOrganizationTree:
    def test_ancestors_and_descendants(self):
        county = OrganizationFactory(name="示范县人民政府")
        bureau = OrganizationFactory(name="示范县教育局", parent=county)
        school_office = OrganizationFactory(name="教育局办公室", parent=bureau)
        town = OrganizationFactory(name="城关镇人民政府", parent=county)
        other = OrganizationFactory(name="邻县人民政府")
        assert school_office.get_ancestors() == [county, bureau]
        assert school_office.get_ancestors(inclusive=True) == [
            county,
            bureau,
            school_office,
        ]
        assert county.get_descendant_ids() == {
            county.pk,
            bureau.pk,
            school_office.pk,
            town.pk,
        }
        assert set(county.get_descendants()) == {bureau, school_office, town}
        assert other.get_descendant_ids(inclusive=False) == set()
        assert list(Organization.objects.roots().order_by("pk")) == [county, other]

    def test_descendants_query_per_level(self, django_assert_num_queries):
        county = OrganizationFactory()
        for _ in range(5):
            dept = OrganizationFactory(parent=county)
            OrganizationFactory(parent=dept)
        # one query per level, plus the empty level that ends the walk
        with django_assert_num_queries(3):
            assert len(county.get_descendant_ids()) == 11

    def test_cycle_is_refused(self):
        county = OrganizationFactory()
        bureau = OrganizationFactory(parent=county)
        county.parent = bureau
        with pytest.raises(ValidationError) as error:
            county.full_clean()
        assert "parent" in error.value.message_dict

    def test_code_unique_per_locale(self):
        org = OrganizationFactory(code="ABC123")
        with pytest.raises(IntegrityError):
            OrganizationFactory(code="ABC123", locale=org.locale)

    def test_code_and_postcode_validated(self):
        org = OrganizationFactory.build(
            code="含中文", postcode="12345", locale=Locale.get_default()
        )
        with pytest.raises(ValidationError) as error:
            org.full_clean()
        assert {"code", "postcode"} <= set(error.value.message_dict)

    def test_display_name(self):
        assert (
            OrganizationFactory.build(short_name="", name="全称").display_name == "全称"
        )
        assert OrganizationFactory.build(short_name="简称").display_name == "简称"


@pytest.mark.django_db
def test_organization_admin_listing(admin_client):
    OrganizationFactory(name="示范县财政局")
    response = admin_client.get("/admin/snippets/govopen_core/organization/")
    assert response.status_code == 200
    assert "示范县财政局" in response.content.decode()
