"""The citizen's application form: validation, submission, receipt (issue 9)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings

from govopen.applications.choices import ApplicationStatus, EventKind
from govopen.applications.forms import ApplicationForm
from govopen.applications.models import (
    ApplicationCounter,
    ApplicationEvent,
    ApplicationFile,
    DisclosureApplication,
)
from govopen.core.enums import ApplicantType, DeliveryMethod, ProvisionForm

from .factories import GovOpenIndexPageFactory
from .factories_applications import (
    ApplicationFormPageFactory,
    citizen_data,
    organization_data,
    resident_id,
    uscc,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_page(db):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home = root.get_children().first()
    index = GovOpenIndexPageFactory(parent=home)
    return ApplicationFormPageFactory(parent=index, number_prefix="XZF")


def post_data(**overrides):
    data = {
        key: ("on" if value is True else value)
        for key, value in citizen_data(**overrides).items()
        if value is not False
    }
    return data


def form_errors(data, files=None):
    form = ApplicationForm(data, files)
    form.is_valid()
    return form.errors


# Field validation --------------------------------------------------------


@pytest.mark.parametrize(
    "value", [resident_id(), "11010519491231002X", "11010519491231002x"]
)
def test_valid_resident_ids_accepted(value):
    assert "id_number" not in form_errors(post_data(id_number=value))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310021", "请逐位核对"),
        ("11010519491331002X", "出生日期"),
        ("1101051949123100", "18"),
    ],
)
def test_invalid_resident_ids_have_a_message_on_the_field(value, message):
    errors = form_errors(post_data(id_number=value))
    assert "id_number" in errors


def test_passport_numbers_are_not_checked_as_resident_ids():
    errors = form_errors(post_data(id_type="passport", id_number="E12345678"))
    assert "id_number" not in errors
    errors = form_errors(post_data(id_type="passport", id_number="E1-2"))
    assert "id_number" in errors


@pytest.mark.parametrize("value", [uscc(1), uscc(2), "91350100M000100Y43"])
def test_valid_credit_codes_accepted(value):
    assert "uscc" not in form_errors(organization_data(uscc=value))


@pytest.mark.parametrize(
    "value",
    [
        uscc(1)[:-1] + ("0" if uscc(1)[-1] != "0" else "1"),  # wrong check char
        "91350100M000100Y4",  # 17 characters
        "91350100M000100YI3",  # I is not in the alphabet
    ],
)
def test_invalid_credit_codes_rejected(value):
    assert "uscc" in form_errors(organization_data(uscc=value))


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "+8613800138000",
        "138 0013 8000",
        "0551-12345678",
        "010-87654321",
        "05511234567",
        "0551-12345678-123",
        "１３８００１３８０００",
    ],
)
def test_valid_phone_numbers(value):
    assert "phone" not in form_errors(post_data(phone=value))


@pytest.mark.parametrize(
    "value", ["12800138000", "1380013800", "12345678", "0551-1234", "phone", "110"]
)
def test_invalid_phone_numbers(value):
    assert "phone" in form_errors(post_data(phone=value))


@pytest.mark.parametrize(
    ("value", "ok"),
    [("230000", True), ("23000", False), ("2300001", False), ("23000a", False)],
)
def test_postcodes(value, ok):
    assert ("postcode" not in form_errors(post_data(postcode=value))) is ok


def test_email_is_checked_and_required_for_delivery_by_email():
    assert "email" in form_errors(post_data(email="not-an-email"))
    errors = form_errors(post_data(email="", delivery_method=DeliveryMethod.EMAIL))
    assert "email" in errors
    errors = form_errors(post_data(email="", provision_form=ProvisionForm.EMAIL))
    assert "email" in errors
    assert "email" not in form_errors(post_data(email=""))


def test_address_and_postcode_required_for_delivery_by_post():
    errors = form_errors(post_data(address="", postcode=""))
    assert "address" in errors and "postcode" in errors
    errors = form_errors(
        post_data(address="", postcode="", delivery_method=DeliveryMethod.PICK_UP)
    )
    assert "address" not in errors and "postcode" not in errors


def test_required_fields_per_applicant_kind():
    citizen = form_errors(post_data(name="", id_number="", id_type=""))
    assert {"name", "id_number", "id_type"} <= set(citizen)
    assert "organization_name" not in citizen and "uscc" not in citizen

    org = form_errors(
        organization_data(
            organization_name="", uscc="", applicant_type="", legal_representative=""
        )
    )
    assert {"organization_name", "uscc", "applicant_type"} <= set(org)
    assert "name" not in org and "id_number" not in org


def test_organisations_cannot_be_natural_persons():
    errors = form_errors(organization_data(applicant_type=ApplicantType.NATURAL_PERSON))
    assert "applicant_type" in errors


def test_description_required_and_length_limited():
    assert "description" in form_errors(post_data(description=""))
    assert "description" in form_errors(post_data(description="字" * 2001))
    assert "name" in form_errors(post_data(name="张" * 51))
    assert "address" in form_errors(post_data(address="路" * 201))


def test_privacy_statement_must_be_accepted():
    data = post_data()
    del data["privacy_accepted"]
    assert "privacy_accepted" in form_errors(data)


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("id.pdf", PDF, True),
        ("id.png", PNG, True),
        ("id.jpg", JPEG, True),
        ("scan.PDF", JPEG, True),  # judged by content, not by name
        ("id.pdf", b"MZ\x90\x00 not a pdf at all", False),  # an .exe renamed
        ("id.png", b"<html><script>alert(1)</script>", False),
        ("id.pdf", b"", False),
    ],
)
def test_files_are_checked_by_content(name, content, ok):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    errors = form_errors(post_data(), {"attachments": [upload]})
    assert ("attachments" not in errors) is ok


@override_settings(GOVOPEN_APPLICATION_MAX_UPLOAD_SIZE=1024)
def test_files_over_the_size_limit_are_refused():
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
    errors = form_errors(post_data(), {"attachments": [upload]})
    assert "attachments" in errors
    assert "1.0 KB" in str(errors["attachments"]) or "1.0" in str(errors["attachments"])


def test_five_mb_is_the_default_limit():
    form = ApplicationForm()
    assert "5 MB" in str(form.fields["attachments"].help_text)
    from govopen.core.conf import get_setting

    assert get_setting("GOVOPEN_APPLICATION_MAX_UPLOAD_SIZE") == 5 * 1024 * 1024


# Submission through the page ----------------------------------------------


def test_form_page_renders_stable_field_names(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    names = {field["name"] for field in soup.select("form [name]")}
    assert {
        "applicant_kind",
        "name",
        "id_type",
        "id_number",
        "organization_name",
        "uscc",
        "applicant_type",
        "legal_representative",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "description",
        "document_title",
        "document_number",
        "provision_form",
        "delivery_method",
        "attachments",
        "privacy_accepted",
        "website",
    } <= names
    assert response["Cache-Control"].startswith("max-age=0")


def test_submission_creates_everything_and_shows_the_receipt(
    client, form_page, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, {**post_data(), "attachments": upload})
    assert response.status_code == 302
    assert response["Location"].endswith("receipt/")

    application = DisclosureApplication.objects.get()
    assert application.number.startswith("XZF-")
    assert application.number.endswith("-00001")
    assert application.organization == form_page.organization
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.applicant_type == ApplicantType.NATURAL_PERSON
    assert list(application.events.values_list("kind", flat=True)) == [
        EventKind.SUBMITTED
    ]
    assert application.files.get().read() == PDF

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    text = receipt.content.decode()
    assert application.number in text
    soup = BeautifulSoup(text, "html.parser")
    codes = [dd.get_text() for dd in soup.select(".govopen-code")]
    code = codes[1]
    assert len(code.replace("-", "")) >= 10
    assert application.check_query_code(code)
    assert "20" in text  # the statutory time limit
    assert "张*" in text and "张三" not in text

    # The confirmation email went out (immediate task backend), without the code.
    assert len(mail.outbox) == 1
    assert application.number in mail.outbox[0].subject
    assert code not in mail.outbox[0].body
    assert mail.outbox[0].to == ["zhangsan@example.com"]


def test_numbers_are_consecutive_per_prefix_and_year(client, form_page):
    for _ in range(3):
        client.post(form_page.url, post_data())
    numbers = sorted(DisclosureApplication.objects.values_list("number", flat=True))
    year = DisclosureApplication.objects.first().year
    assert numbers == [f"XZF-{year}-0000{n}" for n in (1, 2, 3)]


def test_failed_submission_keeps_input_and_explains_on_the_field(client, form_page):
    data = post_data(id_number="110105194912310021", description="我要的信息")
    response = client.post(form_page.url, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=name]")["value"] == "张三"
    assert (
        soup.select_one("textarea[name=description]").get_text().strip() == "我要的信息"
    )
    id_input = soup.select_one("input[name=id_number]")
    assert id_input["aria-invalid"] == "true"
    error = soup.select_one(f"#{id_input['aria-describedby'].split()[-1]}")
    assert "身份证" in error.get_text() or "ID" in error.get_text()
    assert soup.select_one("#error-summary")
    assert not DisclosureApplication.objects.exists()


def test_honeypot_refuses_bots_without_creating_anything(client, form_page):
    response = client.post(form_page.url, {**post_data(), "website": "http://spam"})
    assert response.status_code == 400
    assert not DisclosureApplication.objects.exists()


@override_settings(GOVOPEN_RATE_LIMITS={"applications.submit": (2, 3600)})
def test_submissions_are_rate_limited_per_address(client, form_page):
    from django.core.cache import cache

    cache.clear()
    assert client.post(form_page.url, post_data()).status_code == 302
    assert client.post(form_page.url, post_data()).status_code == 302
    response = client.post(form_page.url, post_data())
    assert response.status_code == 429
    assert "请" in response.content.decode() or "try again" in response.content.decode()
    assert DisclosureApplication.objects.count() == 2
    other = client.post(form_page.url, post_data(), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302
    cache.clear()


# Atomicity -----------------------------------------------------------------


@pytest.mark.parametrize("step", ["event", "file", "counter"])
def test_a_failure_in_any_step_leaves_nothing_behind(
    client, form_page, monkeypatch, step
):
    from django.core.files.storage import default_storage

    client.post(form_page.url, post_data())  # an earlier application stays
    before_files = (
        set(default_storage.listdir("govopen/applications")[0])
        if default_storage.exists("govopen/applications")
        else set()
    )

    class Boom(Exception):
        pass

    def boom(*args, **kwargs):
        raise Boom

    if step == "event":
        monkeypatch.setattr(ApplicationEvent, "save", boom)
    elif step == "counter":
        original = DisclosureApplication.save

        def save(self, *args, **kwargs):
            original(self, *args, **kwargs)
            raise Boom

        monkeypatch.setattr(DisclosureApplication, "save", save)
    else:

        def file_save(self, *args, **kwargs):
            raise Boom

        monkeypatch.setattr(ApplicationFile, "save", file_save)

    upload = SimpleUploadedFile("id.pdf", PDF)
    client.raise_request_exception = True
    with pytest.raises(Boom):
        client.post(form_page.url, {**post_data(), "attachments": upload})
    assert DisclosureApplication.objects.count() == 1
    assert ApplicationEvent.objects.count() == 1
    assert ApplicationFile.objects.count() == 0
    assert ApplicationCounter.objects.get().last_serial == 1
    after_files = (
        set(default_storage.listdir("govopen/applications")[0])
        if default_storage.exists("govopen/applications")
        else set()
    )
    assert after_files == before_files


# Personal data at rest ---------------------------------------------------------


def test_identity_numbers_are_encrypted_at_rest_and_masked(client, form_page):
    number = resident_id(42)
    client.post(form_page.url, post_data(id_number=number))
    application = DisclosureApplication.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {DisclosureApplication._meta.db_table}"  # noqa: S608
        )
        row = cursor.fetchone()
    assert all(number not in str(value) for value in row)
    assert all(number[:14] not in str(value) for value in row)
    assert application.id_number_masked == number[:3] + "*" * 11 + number[-4:]
    assert application.get_identity_number() == number


def test_uploads_are_encrypted_at_rest(client, form_page):
    client.post(
        form_page.url, {**post_data(), "attachments": SimpleUploadedFile("a.pdf", PDF)}
    )
    stored = ApplicationFile.objects.get()
    with stored.file.open("rb") as handle:
        raw = handle.read()
    assert b"%PDF" not in raw
    assert stored.read() == PDF
    assert stored.original_name == "a.pdf"
    assert "a.pdf" not in stored.file.name


def test_identity_numbers_never_reach_error_reports(
    client, form_page, monkeypatch, caplog
):
    """A crash during submission: the error report masks the ID number."""
    from django.views.debug import ExceptionReporter

    number = resident_id(7)

    from django.views.decorators.debug import sensitive_variables

    # Fails where the real method would, with the same (protected) locals.
    @sensitive_variables("data")
    def crash(self, *, data, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(
        type(DisclosureApplication.objects), "create_application", crash
    )
    client.raise_request_exception = False
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.post(form_page.url, post_data(id_number=number))
    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    assert number not in record.getMessage()
    report = ExceptionReporter(record.request, *record.exc_info)
    assert number not in report.get_traceback_text()
    assert number not in report.get_traceback_html()
    assert "database is down" in report.get_traceback_text()


def test_organisation_applicant_submission(client, form_page):
    data = {k: ("on" if v is True else v) for k, v in organization_data().items()}
    response = client.post(form_page.url, data)
    assert response.status_code == 302
    application = DisclosureApplication.objects.get()
    assert application.applicant_type == ApplicantType.COMMERCIAL_ENTERPRISE
    assert application.masked_name == "测试科技有限公司"
    assert application.id_number_encrypted == ""


def test_receipt_without_a_submission(client, form_page):
    response = client.get(form_page.url + "receipt/")
    assert response.status_code == 200
    assert (
        "查询码" in response.content.decode()
        or "query code" in response.content.decode()
    )


@override_settings(GOVOPEN_CAPTCHA=True)
def test_optional_captcha_on_the_form(client, form_page):
    from django.core import signing

    from govopen.core.abuse import CAPTCHA_SALT

    soup = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    token = soup.select_one("input[name=captcha_token]")["value"]
    label = soup.select_one("label[for=id_captcha_answer]").get_text()
    question = signing.loads(token, salt=CAPTCHA_SALT)
    assert str(question["a"]) in label and str(question["b"]) in label
    wrong = client.post(
        form_page.url,
        {**post_data(), "captcha_token": token, "captcha_answer": "99"},
    )
    assert wrong.status_code == 400
    soup = BeautifulSoup(wrong.content, "html.parser")
    new_token = soup.select_one("input[name=captcha_token]")["value"]
    assert new_token != token  # a fresh question after a failure
    assert soup.select_one("input[name=name]")["value"] == "张三"
    new = signing.loads(new_token, salt=CAPTCHA_SALT)
    right = client.post(
        form_page.url,
        {
            **post_data(),
            "captcha_token": new_token,
            "captcha_answer": str(new["a"] + new["b"]),
        },
    )
    assert right.status_code == 302
    assert DisclosureApplication.objects.count() == 1
