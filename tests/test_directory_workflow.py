# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
"""保密审查 and department scoping, exercised through the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from govopen.core.enums import DisclosureAttribute, ReplyReason
from govopen.core.models import OrganizationMembership
from govopen.directory.models import DisclosureItemPage, OrganizationApprovalTask
from govopen.directory.workflows import REVIEW_STEPS, ensure_review_workflow

from .factories import OrganizationFactory
from .factories_directory import DisclosureItemPageFactory, directory


def make_user(name, group, organization):
    user = get_user_model().objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(group)
    OrganizationMembership.objects.create(user=user, organization=organization)
    return user


@pytest.fixture
def county(directory):
    workflow, groups = ensure_review_workflow(directory)
    education = OrganizationFactory(name="示范县教育局")
    finance = OrganizationFactory(name="示范县财政局")
    drafters, heads, chiefs = groups
    return {
        "directory": directory,
        "workflow": workflow,
        "education": education,
        "finance": finance,
        "drafter": make_user("drafter", drafters, education),
        "head": make_user("head", heads, education),
        "chief": make_user("chief", chiefs, education),
        "finance_head": make_user("finance_head", heads, finance),
        "finance_drafter": make_user("finance_drafter", drafters, finance),
    }


def add_url(directory):
    return reverse(
        "wagtailadmin_pages:add",
        args=("govopen_directory", "disclosureitempage", directory.pk),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_data(client, url, **fields):
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in fields.items():
        data[name] = value
    return data


def test_workflow_is_idempotent_and_has_three_group_steps(directory):
    first, groups = ensure_review_workflow(directory)
    second, _ = ensure_review_workflow(directory)
    assert first == second
    assert Workflow.objects.filter(name=first.name).count() == 1
    tasks = [
        task.specific for task in first.tasks.order_by("workflow_tasks__sort_order")
    ]
    assert len(tasks) == 3
    assert all(isinstance(task, OrganizationApprovalTask) for task in tasks)
    assert [list(task.groups.all()) for task in tasks] == [[g] for g in groups]
    assert [g.name for g in groups] == [str(step[0]) for step in REVIEW_STEPS]
    assert directory.get_workflow() == first


def test_editor_chooses_only_their_organisation(client, county):
    client.force_login(county["drafter"])
    response = client.get(add_url(county["directory"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "示范县教育局" in html
    assert "示范县财政局" not in html


def test_editor_cannot_create_an_item_for_another_organisation(client, county):
    client.force_login(county["drafter"])
    url = add_url(county["directory"])
    data = form_data(
        client,
        url,
        title="越权文件",
        slug="yuequan",
        organization=str(county["finance"].pk),
    )
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert not DisclosureItemPage.objects.filter(slug="yuequan").exists()
    data["organization"] = str(county["education"].pk)
    response = client.post(url, data)
    assert response.status_code == 302
    item = DisclosureItemPage.objects.get(slug="yuequan")
    assert item.organization == county["education"] and not item.live


def test_editor_cannot_edit_delete_or_publish_another_organisations_item(
    client, county
):
    theirs = DisclosureItemPageFactory(
        parent=county["directory"], organization=county["finance"], title="财政局文件"
    )
    ours = DisclosureItemPageFactory(
        parent=county["directory"], organization=county["education"], title="教育局文件"
    )
    client.force_login(county["drafter"])
    assert client.get(edit_url(ours)).status_code == 200
    assert client.get(edit_url(theirs)).status_code in (302, 403)
    delete = reverse("wagtailadmin_pages:delete", args=(theirs.pk,))
    assert client.get(delete).status_code in (302, 403)
    assert client.post(delete).status_code in (302, 403)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(theirs.pk,))
    client.post(unpublish)
    theirs.refresh_from_db()
    assert theirs.live and DisclosureItemPage.objects.filter(pk=theirs.pk).exists()
    # The explorer shows the item but offers no edit link for it.
    explore = client.get(
        reverse("wagtailadmin_explore", args=(county["directory"].pk,))
    )
    html = explore.content.decode()
    assert edit_url(ours) in html
    assert edit_url(theirs) not in html


def submit(client, page, user):
    client.force_login(user)
    data = form_data(client, edit_url(page))
    data["action-submit"] = "Submit"
    return client.post(edit_url(page), data)


def act(client, page, user, action="approve"):
    client.force_login(user)
    page.refresh_from_db()
    task_state = page.specific.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)
    )
    return client.post(url, {"comment": ""})


def test_three_step_review_publishes_and_numbers_the_item(client, county):
    item = DisclosureItemPageFactory(
        parent=county["directory"],
        organization=county["education"],
        live=False,
        publish_date=None,
        title="待审文件",
    )
    item.save_revision()
    assert submit(client, item, county["drafter"]).status_code == 302
    state = WorkflowState.objects.get(object_id=str(item.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    step = lambda: state.__class__.objects.get(pk=state.pk).current_task_state.task  # noqa: E731
    names = [str(s[1]) for s in REVIEW_STEPS]
    assert step().name == names[0]
    act(client, item, county["drafter"])
    assert step().name == names[1]
    # The finance bureau's section head is in the right group, but not for this item.
    act(client, item, county["finance_head"])
    assert step().name == names[1]
    task = step().specific
    assert task.get_actions(item, county["finance_head"]) == []
    assert task.get_actions(item, county["head"])
    assert not task.get_task_states_user_can_moderate(county["finance_head"]).exists()
    assert task.get_task_states_user_can_moderate(county["head"]).exists()
    act(client, item, county["head"])
    assert step().name == names[2]
    item.refresh_from_db()
    assert not item.live
    act(client, item, county["chief"])
    item.refresh_from_db()
    assert item.live
    assert item.index_number.startswith(county["education"].code + "/")


def test_rejected_item_goes_back_to_the_drafter(client, county):
    item = DisclosureItemPageFactory(
        parent=county["directory"], organization=county["education"], live=False
    )
    item.save_revision()
    submit(client, item, county["drafter"])
    act(client, item, county["drafter"])
    act(client, item, county["head"], action="reject")
    item.refresh_from_db()
    assert not item.live and item.index_number == ""
    state = WorkflowState.objects.get(object_id=str(item.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_not_disclosed_item_cannot_be_published_or_submitted(client, county):
    admin = get_user_model().objects.create_superuser("root", password="pw")
    item = DisclosureItemPageFactory(
        parent=county["directory"],
        organization=county["education"],
        live=False,
        disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
        non_disclosure_reason=ReplyReason.INTERNAL_AFFAIRS,
    )
    item.save_revision()
    client.force_login(admin)
    for action in ("action-publish", "action-submit"):
        data = form_data(client, edit_url(item))
        data[action] = "1"
        response = client.post(edit_url(item), data)
        assert response.status_code == 200
        assert "不予公开”的信息不能发布" in response.content.decode()
        item.refresh_from_db()
        assert not item.live
        assert not WorkflowState.objects.filter(object_id=str(item.pk)).exists()
    # Saving the proposal as a draft is allowed.
    data = form_data(client, edit_url(item), title="内部事务纪要")
    assert client.post(edit_url(item), data).status_code == 302


def test_not_disclosed_needs_its_reason_in_the_form(client, county):
    client.force_login(county["drafter"])
    url = add_url(county["directory"])
    data = form_data(
        client,
        url,
        title="不公开文件",
        slug="bgk",
        organization=str(county["education"].pk),
        disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not DisclosureItemPage.objects.filter(slug="bgk").exists()
