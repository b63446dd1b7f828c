"""The status page: number + 查询码 → the public timeline (issue 9)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Page

from govopen.applications.choices import EventKind
from govopen.applications.models import (
    ApplicationEvent,
    ApplicationFile,
    DisclosureApplication,
)

from .factories import GovOpenIndexPageFactory
from .factories_applications import ApplicationFormPageFactory, date, make_application


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_page(db):
    home = Page.get_first_root_node().get_children().first()
    index = GovOpenIndexPageFactory(parent=home)
    return ApplicationFormPageFactory(parent=index, number_prefix="CX")


@pytest.fixture
def application(form_page):
    application = make_application(organization=form_page.organization)
    application.form_page = form_page
    application.save()
    return application


def status_url(page):
    return page.url + "status/"


def lookup(client, page, number, code, **extra):
    return client.post(
        status_url(page), {"number": number, "query_code": code}, **extra
    )


def test_status_form_renders(client, form_page):
    response = client.get(status_url(form_page))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=number]")
    assert soup.select_one("input[name=query_code]")
    assert soup.select_one("label[for=id_query_code]")


def test_right_pair_shows_the_public_timeline(client, form_page, application):
    response = lookup(client, form_page, application.number, application.query_code)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert application.number in text
    assert "张*" in text
    # No other personal data.
    for secret in (
        "张三",
        "13800138000",
        "zhangsan@example.com",
        "人民路2号",
        application.id_number_masked,
    ):
        assert secret not in text
    assert "Cache-Control" in page and "no-store" in page["Cache-Control"]


def test_code_typed_loosely_is_accepted(client, form_page, application):
    code = application.query_code.replace("-", " ").lower()
    assert (
        lookup(client, form_page, application.number.lower(), code).status_code == 302
    )


def test_wrong_pair_and_unknown_number_answer_alike(client, form_page, application):
    wrong_code = lookup(client, form_page, application.number, "AAAA-BBBB-CCCC")
    unknown = lookup(client, form_page, "CX-1999-99999", application.query_code)

    def body(response):
        soup = BeautifulSoup(response.content, "html.parser")
        for token in soup.select("input[name=csrfmiddlewaretoken]"):
            token.decompose()
        main = soup.select_one("main")
        for field in main.select("input[name=number]"):
            field.attrs.pop("value", None)
        return str(main)

    assert wrong_code.status_code == unknown.status_code == 404
    assert body(wrong_code) == body(unknown)
    assert application.number not in body(wrong_code)


def test_a_lookup_grants_nothing_for_other_applications(client, form_page, application):
    other = make_application(organization=form_page.organization)
    lookup(client, form_page, application.number, application.query_code)
    response = client.get(status_url(form_page) + "?number=" + other.number)
    assert (
        other.number
        not in response.content.decode().split("<main", 1)[1].split("</main>")[0]
        or "input" in response.content.decode()
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=query_code]")  # the form again, no data


@override_settings(GOVOPEN_RATE_LIMITS={"applications.status": (3, 3600)})
def test_status_lookup_is_rate_limited(client, form_page, application):
    for _ in range(3):
        assert (
            lookup(client, form_page, application.number, "WRONG-CODE").status_code
            == 404
        )
    blocked = lookup(client, form_page, application.number, application.query_code)
    assert blocked.status_code == 429
    # Another address is not affected.
    other = lookup(
        client,
        form_page,
        application.number,
        application.query_code,
        REMOTE_ADDR="192.0.2.55",
    )
    assert other.status_code == 302


def test_timeline_shows_public_events_only(client, form_page, application):
    ApplicationEvent.objects.create(
        application=application,
        kind=EventKind.NOTE,
        note="内部意见：拟不予公开",
        public=False,
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=EventKind.RECEIVED,
        date=date("2025-09-24"),
        public=True,
    )
    application.refresh_state(today=date("2025-09-25"))
    application.save()
    lookup(client, form_page, application.number, application.query_code)
    text = client.get(
        status_url(form_page) + "?number=" + application.number
    ).content.decode()
    assert "内部意见" not in text
    assert "2025-09-24" in text
    assert "2025-10-28" in text  # the due date


def test_public_files_need_a_lookup_first(client, form_page, application):
    document = ApplicationFile.store(
        application,
        None,
        role=ApplicationFile.Role.REPLY_DOCUMENT,
        public=True,
        content=b"%PDF-1.4 reply",
        name="答复书.pdf",
        content_type="application/pdf",
    )
    private = (
        ApplicationFile.objects.get(role=ApplicationFile.Role.APPLICANT_UPLOAD)
        if ApplicationFile.objects.filter(role="applicant_upload").exists()
        else None
    )
    url = status_url(form_page) + f"files/{document.pk}/"
    assert client.get(url).status_code == 404
    lookup(client, form_page, application.number, application.query_code)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 reply"
    assert "attachment" in response["Content-Disposition"]
    assert private is None
    upload = ApplicationFile.store(
        application,
        None,
        role=ApplicationFile.Role.APPLICANT_UPLOAD,
        content=b"%PDF-1.4 id card",
        name="id.pdf",
    )
    assert client.get(status_url(form_page) + f"files/{upload.pk}/").status_code == 404


def test_query_codes_are_stored_hashed(application):
    stored = DisclosureApplication.objects.values_list(
        "query_code_hash", flat=True
    ).get()
    raw = application.query_code.replace("-", "")
    assert raw not in stored
    assert application.query_code not in stored
    assert len(raw) >= 10
