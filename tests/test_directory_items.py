# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import get_page_models
from wagtail.test.utils import WagtailPageTestCase

from govopen.core.enums import DisclosureAttribute, ReplyReason, Validity
from govopen.core.models import GovOpenIndexPage
from govopen.directory.models import (
    DisclosureDirectoryPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    RelatedItemLink,
)

from .factories_directory import (
    DisclosureItemPageFactory,
    directory,
    organization,
)


def errors_of(item):
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    return error.value.message_dict


class TestPageRules(WagtailPageTestCase):
    def test_tree(self):
        self.assertAllowedParentPageTypes(DisclosureDirectoryPage, {GovOpenIndexPage})
        # Every kind of disclosure item (subclasses such as policy documents too).
        kinds = {
            model
            for model in get_page_models()
            if issubclass(model, DisclosureItemPage) and model.is_creatable
        }
        assert DisclosureItemPage in kinds
        self.assertAllowedSubpageTypes(DisclosureDirectoryPage, kinds)
        self.assertAllowedParentPageTypes(DisclosureItemPage, {DisclosureDirectoryPage})
        self.assertAllowedSubpageTypes(DisclosureItemPage, set())


def test_summary_is_at_most_100_characters(directory, organization):
    item = DisclosureItemPageFactory.build(
        organization=organization, summary="字" * 101
    )
    assert "summary" in errors_of(item)
    item.summary = "字" * 100
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "summary" not in error.value.message_dict


def test_not_disclosed_needs_a_reason_and_cannot_be_published(directory, organization):
    item = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        live=False,
        disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
        non_disclosure_reason=ReplyReason.PROCESS_INFORMATION,
    )
    revision = item.save_revision()  # a draft proposed as not disclosed is fine
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert "disclosure_attribute" in error.value.message_dict
    item.refresh_from_db()
    assert not item.live and item.index_number == ""
    item.non_disclosure_reason = ""
    assert "non_disclosure_reason" in errors_of(item)


def test_dates_are_consistent(directory, organization):
    item = DisclosureItemPageFactory.build(
        organization=organization,
        written_date=datetime.date(2024, 5, 2),
        publish_date=datetime.date(2024, 5, 1),
        effective_date=datetime.date(2024, 6, 1),
        expiry_date=datetime.date(2024, 1, 1),
    )
    found = errors_of(item)
    assert "publish_date" in found and "expiry_date" in found


def test_on_request_item_is_listed_but_its_text_is_not_shown(
    client, directory, organization
):
    organization.office_address = "示范县人民路8号"
    organization.save()
    item = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        body="<p>内部具体数据表格正文</p>",
        title="依申请公开的统计台账",
    )
    listing = client.get(directory.url).content.decode()
    assert "依申请公开的统计台账" in listing
    page = client.get(item.url).content.decode()
    assert "内部具体数据表格正文" not in page
    assert item.index_number in page
    assert "示范县人民路8号" in page
    assert 'id="govopen-on-request-heading"' in page
    assert item.public_body == ""


def test_superseded_item_shows_a_banner_linking_to_its_replacement(
    client, directory, organization
):
    new = DisclosureItemPageFactory(
        parent=directory, organization=organization, title="新办法"
    )
    old = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        title="旧办法",
        validity=Validity.REPEALED,
        expiry_date=datetime.date(2024, 12, 31),
        replaced_by=new,
    )
    html = client.get(old.url).content.decode()
    assert "govopen-banner" in html
    assert f'href="{new.url}"' in html
    assert "2024-12-31" in html
    assert "govopen-banner" not in client.get(new.url).content.decode()


def test_attachments_show_format_and_size(client, directory, organization):
    document = Document(title="实施方案全文")
    document.file.save(
        "fangan.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False
    )
    document.save()
    item = DisclosureItemPageFactory(parent=directory, organization=organization)
    DisclosureItemAttachment.objects.create(page=item, document=document)
    html = client.get(item.url).content.decode()
    assert "实施方案全文" in html
    assert "PDF" in html
    assert "2.0" in html  # 2.0 KB (2057 bytes)


def test_related_items_chosen_or_similar(client, directory, organization):
    from govopen.directory.models import Topic

    topic = Topic.objects.get(code="0201")
    a = DisclosureItemPageFactory(
        parent=directory, organization=organization, topic=topic, title="同主题甲"
    )
    b = DisclosureItemPageFactory(
        parent=directory, organization=organization, topic=topic, title="同主题乙"
    )
    other = DisclosureItemPageFactory(
        parent=directory, organization=organization, title="无关丙"
    )
    assert [p.pk for p in a.get_related_items()] == [b.pk]
    RelatedItemLink.objects.create(page=a, item=other)
    assert [p.pk for p in a.get_related_items()] == [other.pk]
    assert "无关丙" in client.get(a.url).content.decode()


def test_meta_tags_name_the_directory_and_organisation(client, directory, organization):
    item = DisclosureItemPageFactory(
        parent=directory, organization=organization, title="元数据测试"
    )
    html = client.get(item.url).content.decode()
    assert '<meta name="ColumnType" content="信息公开目录">' in html
    assert '<meta name="ArticleTitle" content="元数据测试">' in html
    assert f'<meta name="ContentSource" content="{organization.name}">' in html
