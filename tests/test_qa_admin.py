"""The Q&A admin: queue, filters, record, action buttons, permissions, XSS."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from govopen.qa.choices import QuestionStatus

from .factories import GovOpenIndexPageFactory, OrganizationFactory
from .factories_qa import QAPageFactory, QuestionCategoryFactory, make_question
from .test_qa_handling import MONDAY, make_user
from .test_qa_pages import PAYLOAD

ADMIN_PERMS = (
    "govopen_qa.change_question",
    "govopen_qa.view_question",
    "wagtailadmin.access_admin",
)


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


@pytest.fixture
def department(db):
    return OrganizationFactory(name="测试县教育局")


@pytest.fixture
def office_client(client, django_user_model, office):
    user = make_user(django_user_model, "officer", office, perms=ADMIN_PERMS)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def department_client(client, django_user_model, department):
    user = make_user(django_user_model, "teacher", department, perms=ADMIN_PERMS)
    client.force_login(user)
    client.user = user
    return client


def test_queue_filters_and_overdue_highlight(
    office_client, page, clerk, department, django_assert_max_num_queries
):
    category = QuestionCategoryFactory(name="教育")
    late, _ = make_question(page, on=MONDAY, subject="逾期的问题", category=category)
    late.accept(clerk, on=MONDAY)
    late.assign(clerk, department, on=MONDAY)
    fresh, _ = make_question(page, subject="新问题")
    url = reverse("govopen_qa:index")
    with django_assert_max_num_queries(40):
        response = office_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert late.number in html and fresh.number in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select(".govopen-overdue")
    for params, shown, hidden in [
        ({"status": "submitted"}, fresh, late),
        ({"overdue": "true"}, late, fresh),
        ({"organization": department.pk}, late, fresh),
        ({"category": category.pk}, late, fresh),
    ]:
        html = office_client.get(url, params).content.decode()
        assert shown.number in html and hidden.number not in html, params


def test_actions_as_buttons_through_the_whole_flow(
    office_client, page, department, django_user_model, client
):
    question, _ = make_question(page, on=MONDAY)
    detail = reverse("govopen_qa:inspect", args=(question.pk,))
    soup = BeautifulSoup(office_client.get(detail).content, "html.parser")
    buttons = {a.get_text(strip=True) for a in soup.select("#actions-heading + ul a")}
    assert {"受理", "不予受理"} <= buttons or {"Accept", "Do not accept"} <= buttons
    response = office_client.post(
        reverse("govopen_qa:accept", args=(question.pk,)), {"on": "2025-03-03"}
    )
    assert response.status_code == 302
    office_client.post(
        reverse("govopen_qa:assign", args=(question.pk,)),
        {"organization": department.pk},
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED
    assert question.organization == department
    # The office cannot publish before a reply: it is sent back with a message.
    response = office_client.get(reverse("govopen_qa:publish", args=(question.pk,)))
    assert response.status_code == 302
    # The department replies.
    teacher = make_user(django_user_model, "teacher2", department, perms=ADMIN_PERMS)
    client.force_login(teacher)
    client.post(reverse("govopen_qa:reply", args=(question.pk,)), {"reply": "答复"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.REPLIED
    client.force_login(office_client.user)
    client.post(reverse("govopen_qa:approve", args=(question.pk,)), {"reply": "答复。"})
    form = client.get(reverse("govopen_qa:publish", args=(question.pk,)))
    assert form.status_code == 200
    client.post(
        reverse("govopen_qa:publish", args=(question.pk,)),
        {"subject": "公开标题", "text": "公开文字"},
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    assert question.published_subject == "公开标题"
    history = client.get(reverse("govopen_qa:history", args=(question.pk,)))
    assert history.status_code == 200


def test_publish_form_proposes_the_masked_text(office_client, page, clerk):
    question, _ = make_question(
        page, on=MONDAY, question="请联系我13812345678，身份证11010119900307123X。"
    )
    question.accept(clerk, on=MONDAY)
    question.assign(clerk, page.organization, on=MONDAY)
    question.reply_to(clerk, "答复", on=MONDAY)
    question.approve(clerk, on=MONDAY)
    response = office_client.get(reverse("govopen_qa:publish", args=(question.pk,)))
    soup = BeautifulSoup(response.content, "html.parser")
    proposal = soup.find("textarea", attrs={"name": "text"}).get_text()
    assert "138****5678" in proposal and "13812345678" not in proposal
    assert "110***********123X" in proposal
    assert len(soup.select(".help-warning li")) == 2


def test_departments_see_only_their_questions(
    department_client, page, clerk, department
):
    mine, _ = make_question(page, on=MONDAY, subject="我的")
    mine.accept(clerk, on=MONDAY)
    mine.assign(clerk, department, on=MONDAY)
    other, _ = make_question(page, on=MONDAY, subject="别人的")
    other.accept(clerk, on=MONDAY)
    other.assign(clerk, OrganizationFactory(), on=MONDAY)
    html = department_client.get(reverse("govopen_qa:index")).content.decode()
    assert mine.number in html and other.number not in html
    inspect = reverse("govopen_qa:inspect", args=(other.pk,))
    refused = department_client.get(inspect)
    assert refused.status_code in (302, 403)
    assert refused.get("Location", "/admin/") == "/admin/"
    accept = reverse("govopen_qa:accept", args=(mine.pk,))
    response = department_client.post(accept, {})
    assert response.status_code == 302  # refused with a message
    mine.refresh_from_db()
    assert mine.status == QuestionStatus.ASSIGNED
    reply = reverse("govopen_qa:reply", args=(other.pk,))
    assert department_client.post(reply, {"reply": "x"}).status_code in (302, 403)
    other.refresh_from_db()
    assert other.reply == "" and other.status == QuestionStatus.ASSIGNED


def test_staff_without_the_permission_are_refused(
    client, django_user_model, office, page
):
    user = make_user(
        django_user_model, "reader", office, perms=("wagtailadmin.access_admin",)
    )
    client.force_login(user)
    question, _ = make_question(page)
    assert client.get(
        reverse("govopen_qa:inspect", args=(question.pk,))
    ).status_code in (302, 403)
    assert Permission.objects.filter(codename="change_question").exists()


def test_stored_xss_is_inert_in_the_admin(office_client, page, clerk):
    question, _ = make_question(
        page, on=MONDAY, question=PAYLOAD, name="<script>alert(1)</script>"
    )
    question.refusal_reason = PAYLOAD
    question.reply = PAYLOAD
    question.save()
    for url in (
        reverse("govopen_qa:index"),
        reverse("govopen_qa:inspect", args=(question.pk,)),
    ):
        html = office_client.get(url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert "alert(1)" not in (script.string or "")
        for tag in soup.find_all(["img", "svg", "iframe"]):
            assert "alert" not in str(tag)
        for tag in soup.find_all(True):
            for value in tag.attrs.values():
                assert "evil.example" not in str(value)
