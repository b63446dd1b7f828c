# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)


from govopen.directory.models import (
    DirectoryCategory,
    Genre,
    Topic,
)

from .factories_directory import (  # noqa: F401  (fixtures)
    DisclosureItemPageFactory,
    directory,
    organization,
)


def test_shipped_classifications_are_loaded_by_migrate(db):
    topics = Topic.objects.filter(parent__isnull=True)
    assert topics.count() == 22
    assert topics.get(code="02").name == "综合政务"
    assert set(
        Topic.objects.filter(parent__code="02").values_list("name", flat=True)
    ) >= {
        "政务公开",
        "政务督查",
        "应急管理",
        "电子政务",
        "文秘工作",
        "保密工作",
        "信访",
    }
    assert DirectoryCategory.objects.filter(name="财政预决算").exists()
    assert Genre.objects.filter(name="通知").exists()


def test_item_page_renders_metadata(client, directory, organization):
    item = DisclosureItemPageFactory(
        parent=directory,
        organization=organization,
        title="示范县教育局关于做好2024年义务教育招生工作的通知",
        document_number="示教发〔2024〕3号",
        keywords="教育 招生",
        topic=Topic.objects.get(code="1102"),
        category=DirectoryCategory.objects.get(code="ggfw"),
        genre=Genre.objects.get(code="tz"),
    )
    response = client.get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert item.index_number in html
    assert '<th scope="row">' in html
    assert "示教发〔2024〕3号" in html
    assert "示范县教育局" in html
    assert '<meta name="ArticleTitle"' in html
    assert f'<meta name="ColumnName" content="{directory.title}"' in html
