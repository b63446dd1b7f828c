"""Department editors act only on their own organisation's items.

Wagtail asks a page for its :class:`PagePermissionTester`; disclosure items
answer with one that adds the organisation rule of
:mod:`govopen.core.permissions` to Wagtail's group permissions. The explorer's
buttons, the edit, delete, publish, unpublish, copy and move views and bulk
actions all ask it, so no view needs its own check.
"""

from wagtail.models import PagePermissionTester

from govopen.core.permissions import organization_ids_for_user


def user_can_act_for_item(user, item):
    """True when ``user`` works for the organisation that issued ``item``."""
    ids = organization_ids_for_user(user)
    if ids is None:
        return True
    return item.organization_id is not None and item.organization_id in ids


class DisclosureItemPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.in_organization = user_can_act_for_item(user, page)

    def can_edit(self):
        return self.in_organization and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.in_organization and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self.in_organization and super().can_unpublish()

    def can_publish(self):
        return self.in_organization and super().can_publish()

    def can_submit_for_moderation(self):
        return self.in_organization and super().can_submit_for_moderation()

    def can_lock(self):
        return self.in_organization and super().can_lock()

    def can_copy(self):
        return self.in_organization and super().can_copy()
