"""The 保密审查 review workflow: 拟稿人 → 科室领导 → 单位主要负责人.

:func:`ensure_review_workflow` creates (once) the three staff groups, their
page permissions on a directory, one :class:`OrganizationApprovalTask` per
step and the workflow, and assigns it to the directory. ``govopen_demo`` runs
it; a site can run it for its own directories or build the same in the admin
(Settings → Workflows).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import OrganizationApprovalTask

# (group name, task name, page permissions on the directory)
REVIEW_STEPS = [
    (
        _("Drafters"),  # 拟稿人
        _("Drafter proposes the disclosure attribute"),  # 拟稿人提出公开属性意见
        ("add_page", "change_page"),
    ),
    (
        _("Section heads"),  # 科室领导
        _("Section head reviews"),  # 科室领导审核
        ("add_page", "change_page", "lock_page", "unlock_page"),
    ),
    (
        _("Heads of organisation"),  # 单位主要负责人
        _("Head of organisation decides"),  # 单位主要负责人审定
        ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    ),
]
WORKFLOW_NAME = _("Confidentiality review")  # 保密审查


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_review_workflow(directory):
    """The review workflow of ``directory``, with its groups; idempotent.

    Returns ``(workflow, groups)``; ``groups`` in step order.
    """
    access_admin = _permission("wagtailadmin", "access_admin")
    document_permissions = [
        _permission("wagtaildocs", codename)
        for codename in ("add_document", "choose_document")
    ]
    root_collection = Collection.get_first_root_node()
    groups, tasks = [], []
    for group_name, task_name, page_permissions in REVIEW_STEPS:
        group, _created = Group.objects.get_or_create(name=str(group_name))
        group.permissions.add(access_admin)
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=directory,
                permission=_permission("wagtailcore", codename),
            )
        if root_collection is not None:
            for permission in document_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        task = OrganizationApprovalTask.objects.filter(name=str(task_name)).first()
        if task is None:
            task = OrganizationApprovalTask.objects.create(name=str(task_name))
        task.groups.add(group)
        groups.append(group)
        tasks.append(task)
    workflow, created = Workflow.objects.get_or_create(name=str(WORKFLOW_NAME))
    if created:
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(
        page=directory, defaults={"workflow": workflow}
    )
    return workflow, groups
