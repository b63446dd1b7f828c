import pytest
from wagtail.models import Page, PageLogEntry, Revision, Site

from govopen.core.models import (
    GovOpenIndexPage,
    GovOpenSettings,
    GuidePage,
    Organization,
)


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "path", "title", "live")
        ),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "orgs": list(Organization.objects.order_by("pk").values()),
        "settings": list(GovOpenSettings.objects.values()),
        "sites": list(Site.objects.values()),
    }


@pytest.mark.django_db
def test_demo_is_idempotent(run_command):
    first = run_command("govopen_demo")
    assert "created" in first
    before = snapshot()
    second = run_command("govopen_demo")
    assert "0 created" in second
    assert snapshot() == before


@pytest.mark.django_db
def test_demo_county(run_command):
    run_command("govopen_demo")
    county = Organization.objects.get(name="示范县人民政府")
    children = county.children.all()
    assert children.count() == 10
    assert (
        children.filter(name__endswith="局").count()
        + children.filter(name__endswith="委员会").count()
        + children.filter(name="示范县人民政府办公室").count()
        == 8
    )
    assert children.filter(name__endswith=("镇人民政府")).count() == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.title == "示范县人民政府"
    index = GovOpenIndexPage.objects.get(locale=site.root_page.locale)
    assert index.get_parent().pk == site.root_page.pk
    guide = GuidePage.objects.get(locale=site.root_page.locale)
    assert guide.organization == county and guide.live
    assert GovOpenSettings.for_site(site).default_organization == county


@pytest.mark.django_db
def test_demo_pages_served_in_chinese(run_command, client):
    run_command("govopen_demo")
    for url, text in [
        ("/", "示范县人民政府"),
        ("/zfxxgk/", "政府信息公开"),
        ("/zfxxgk/guide/", "政府信息公开指南"),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200
        assert text in response.content.decode()


@pytest.mark.django_db
def test_demo_admin_login(run_command, client, monkeypatch):
    monkeypatch.setenv("GOVOPEN_DEMO_PASSWORD", "demo-pass-123")
    out = run_command("demo_admin")
    assert "admin" in out and "demo-pass-123" in out
    assert client.login(username="admin", password="demo-pass-123")
    assert client.get("/admin/").status_code == 200
    # a second run keeps the same login
    run_command("demo_admin")
    assert client.login(username="admin", password="demo-pass-123")
