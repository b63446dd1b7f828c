"""The public Q&A pages: ask, thanks, list, detail, status, rating; stored XSS."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import override_settings

from govopen.qa.choices import QuestionStatus
from govopen.qa.models import Question

from .factories import GovOpenIndexPageFactory, OrganizationFactory
from .factories_qa import QAPageFactory, QuestionCategoryFactory, make_question
from .test_qa_handling import MONDAY, make_user

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "http://evil.example/",
    '<a href="http://evil.example/">click</a>',
    "<iframe src=//evil.example></iframe>",
    "'><body onload=alert(1)>",
    "<style>body{display:none}</style>",
]
PAYLOAD = "测试" + " ".join(XSS)


def assert_inert(html):
    """No tag, attribute or link that a payload could have created."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    assert main is not None
    assert "alert(1)" in main.get_text() or "evil.example" in main.get_text()
    assert not main.find_all(["script", "img", "svg", "iframe", "style", "b"])
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
        for value in tag.attrs.values():
            assert "evil.example" not in str(value), tag
            assert "javascript:" not in str(value), tag
    for script in soup.find_all("script"):
        assert "alert" not in (script.string or "")


@pytest.fixture
def office(db):
    return OrganizationFactory(name="测试县人民政府办公室")


@pytest.fixture
def page(office):
    from wagtail.models import Page

    home = Page.get_first_root_node().get_children().first()
    return QAPageFactory(
        parent=GovOpenIndexPageFactory(parent=home), organization=office
    )


@pytest.fixture
def clerk(django_user_model, office):
    return make_user(django_user_model, "clerk", office)


def published(page, clerk, n=0, **data):
    question, code = make_question(page, on=MONDAY, **data)
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, page.organization, on=MONDAY)
    question.reply_to(clerk, data.pop("reply", "答复内容"), on=MONDAY)
    question.approve(clerk, on=MONDAY)
    question.publish(clerk)
    return question, code


def form_data(**overrides):
    data = {
        "name": "张三",
        "phone": "138 0013 8000",
        "email": "zs@example.com",
        "organization": "",
        "subject": "入学报名",
        "question": "请问今年小学一年级新生入学报名什么时候开始？",
        "consent_to_publish": "on",
    }
    data.update(overrides)
    return data


def test_ask_creates_the_question_and_shows_number_and_code(client, page):
    category = QuestionCategoryFactory(name="教育")
    response = client.get(page.url + "ask/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("option", string="不确定") or soup.find(
        "option", string="Not sure"
    )
    response = client.post(page.url + "ask/", form_data(category=category.pk))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.phone == "13800138000"
    assert question.category == category
    assert question.office == page.organization
    assert question.consent_to_publish
    thanks = client.get(response["Location"]).content.decode()
    assert question.number in thanks
    code = BeautifulSoup(thanks, "html.parser").find_all("dd", class_="govopen-code")[1]
    assert Question.find_by_number_and_code(question.number, code.text) == question


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("email", "not-an-email"),
        ("subject", ""),
        ("question", "短"),
    ],
)
def test_bad_input_gets_a_message_on_the_field(client, page, field, value):
    response = client.post(page.url + "ask/", form_data(**{field: value}))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#field-{field} .govopen-field__errors")
    assert not Question.objects.exists()


def test_honeypot_and_rate_limit_are_shared_with_applications(client, page):
    response = client.post(page.url + "ask/", form_data(website="http://spam"))
    assert response.status_code == 400 and not Question.objects.exists()
    with override_settings(GOVOPEN_RATE_LIMITS={"qa.ask": (2, 3600)}):
        assert client.post(page.url + "ask/", form_data()).status_code == 302
        assert client.post(page.url + "ask/", form_data()).status_code == 429
    assert Question.objects.count() == 1


@override_settings(GOVOPEN_CAPTCHA=True)
def test_captcha_when_configured(client, page):
    response = client.post(page.url + "ask/", form_data())
    assert response.status_code == 400
    assert b"captcha_answer" in response.content


def test_list_search_filters_and_statistics(
    client, page, clerk, django_assert_max_num_queries
):
    other = OrganizationFactory(name="测试县财政局")
    school = QuestionCategoryFactory(name="教育")
    first, _ = published(page, clerk, subject="入学报名时间", category=school)
    second, _ = make_question(
        page, on=MONDAY, subject="补贴发放", question="耕地补贴什么时候发放到账？"
    )
    second.accept(clerk, on=MONDAY)
    second.assign(clerk, other, on=MONDAY)
    second.reply_to(clerk, "补贴答复", on=MONDAY)
    second.approve(clerk, on=MONDAY)
    second.publish(clerk)
    make_question(page, subject="未公开的问题")
    for _ in range(3):
        published(page, clerk, subject="其他问题")
    with django_assert_max_num_queries(26):
        response = client.get(page.url)
    html = response.content.decode()
    assert "入学报名时间" in html and "补贴发放" in html and "未公开的问题" not in html
    html = client.get(page.url, {"q": "入学"}).content.decode()
    assert "入学报名时间" in html and "补贴发放" not in html
    html = client.get(page.url, {"organization": other.pk}).content.decode()
    assert "补贴发放" in html and "入学报名时间" not in html
    html = client.get(page.url, {"category": school.pk}).content.decode()
    assert "入学报名时间" in html and "补贴发放" not in html
    # Bad parameters are ignored, never a 500.
    assert client.get(page.url, {"page": "x", "organization": "abc"}).status_code == 200
    with override_settings(GOVOPEN_QA_PAGE_SIZE=2):
        html = client.get(page.url, {"page": 3}).content.decode()
        assert 'aria-current="page"' in html
    stats = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        ".govopen-qa__statistics"
    )
    # This year: only the question asked today (the others are of 2025).
    numbers = [dd.text for dd in stats.find_all("dd")]
    assert numbers == ["1", "0", "—", "—"]


def test_detail_shows_the_masked_question_and_reply(client, page, clerk):
    question, _ = published(
        page, clerk, question="我的电话13812345678，身份证11010119900307123X，请回复。"
    )
    response = client.get(question.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "张*" in html and "张三" not in html
    assert "13812345678" not in html and "11010119900307123X" not in html
    assert "13800138000" not in html and "zhangsan@example.com" not in html
    assert "答复内容" in html
    for label in ("2025-03-03",):
        assert label in html
    unpublished, _ = make_question(page)
    assert client.get(page.url + f"q/{unpublished.number}/").status_code == 404


def test_status_lookup_shows_an_unpublished_reply_and_takes_a_rating(
    client, page, clerk
):
    question, code = make_question(page, consent_to_publish=False)
    question.accept(clerk)
    question.assign(clerk, page.organization)
    question.reply_to(clerk, "不公开的答复")
    url = page.url + "status/"
    wrong = client.post(
        url, {"number": question.number, "query_code": "AAAA-BBBB-CCCC"}
    )
    assert wrong.status_code == 404 and b"AAAA" not in wrong.content
    response = client.post(url, {"number": question.number, "query_code": code})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "不公开的答复" not in html  # still under review
    question.approve(clerk)
    html = client.get(response["Location"]).content.decode()
    assert "不公开的答复" in html and 'name="rating"' in html
    rated = client.post(
        response["Location"], {"rating": "fairly_satisfied", "comment": "好"}
    )
    assert rated.status_code == 302
    question.refresh_from_db()
    assert question.rating == "fairly_satisfied" and question.rating_comment == "好"
    # Without the lookup in the session, nothing is shown.
    client.logout()
    client.cookies.clear()
    html = client.get(response["Location"]).content.decode()
    assert "不公开的答复" not in html


def test_stored_xss_is_inert_on_every_public_page(client, page, clerk):
    question, code = published(
        page, clerk, subject="<b>x</b>" + XSS[0][:80], question=PAYLOAD, reply=PAYLOAD
    )
    question.reply = PAYLOAD
    question.published_question = PAYLOAD
    question.save()
    for url in (page.url, question.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert_inert(response.content.decode())
    client.post(page.url + "status/", {"number": question.number, "query_code": code})
    html = client.get(page.url + f"status/?number={question.number}").content.decode()
    assert "测试" in html
    assert_inert(html)


def test_pages_are_renderable_and_only_under_the_landing_page(page):
    from wagtail.test.utils import WagtailPageTestCase

    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(
        type(page), {__import__("govopen.core.models", fromlist=["x"]).GovOpenIndexPage}
    )
    assert page.get_meta_tags()["ColumnType"] == "咨询投诉"


def test_asker_is_emailed_when_answered(
    page, clerk, django_capture_on_commit_callbacks
):
    question, _ = make_question(page)
    question.accept(clerk)
    question.assign(clerk, page.organization)
    question.reply_to(clerk, "答复")
    with django_capture_on_commit_callbacks(execute=True):
        question.approve(clerk)
    assert mail.outbox and mail.outbox[0].to == ["zhangsan@example.com"]
    assert question.status == QuestionStatus.ANSWERED


def test_list_queries_do_not_grow_with_the_questions(client, page, clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    for n in range(2):
        category = QuestionCategoryFactory(name=f"类别{n}")
        published(page, clerk, subject=f"问题{n}", category=category)
    queries()  # fills the caches of the page chrome (site root paths, settings)
    few = queries()
    for n in range(2, 25):
        category = QuestionCategoryFactory(name=f"类别{n}")
        department = OrganizationFactory(name=f"测试县第{n}局")
        question, _ = make_question(
            page, on=MONDAY, subject=f"问题{n}", category=category
        )
        question.accept(clerk, on=MONDAY)
        question.assign(clerk, department, on=MONDAY)
        question.reply_to(clerk, "答复", on=MONDAY)
        question.approve(clerk, on=MONDAY)
        question.publish(clerk)
    assert queries() == few
