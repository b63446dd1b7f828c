"""The review task of 保密审查: group approval, scoped to the item's organisation."""

from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page

from govopen.core.permissions import organization_ids_for_user


def _organization_id(obj):
    if isinstance(obj, Page) and not hasattr(obj, "organization_id"):
        obj = obj.specific_deferred
    return getattr(obj, "organization_id", None), hasattr(obj, "organization_id")


class OrganizationApprovalTask(AbstractGroupApprovalTask):
    """A Wagtail group approval task whose reviewers act only for their organisation.

    The 科室领导 of the education bureau reviews the education bureau's items,
    not the finance bureau's, although both are in the same group. Content
    without an organisation (other pages in the workflow) is reviewed by the
    whole group, as with Wagtail's own group approval task.
    """

    class Meta:
        verbose_name = _("organisation group approval task")
        verbose_name_plural = _("organisation group approval tasks")

    def user_may_review(self, obj, user):
        if user.is_superuser:
            return True
        organization_id, has_organization = _organization_id(obj)
        if not has_organization:
            return True
        ids = organization_ids_for_user(user)
        return ids is None or organization_id in ids

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self.user_may_review(
            obj, user
        )

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self.user_may_review(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self.user_may_review(obj, user)

    def get_actions(self, obj, user):
        if not self.user_may_review(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        ids = organization_ids_for_user(user)
        if ids is None:
            return states
        from .items import DisclosureItemPage

        # Items of other organisations drop out; other content stays.
        foreign = (
            DisclosureItemPage.objects.exclude(organization_id__in=ids)
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        return states.exclude(
            workflow_state__base_content_type__model="page",
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__object_id__in=Subquery(foreign),
        )

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the items of the organisations "
            "they work for"
        )
