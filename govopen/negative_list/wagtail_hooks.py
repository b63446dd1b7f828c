from django.contrib.auth.models import Permission
from wagtail import hooks

from .demo import build_demo_content
from .frontend_cache import purge_list_pages
from .log_actions import register_log_actions
from .viewsets import NegativeListReviewViewSet

hooks.register("register_admin_viewset", NegativeListReviewViewSet)
hooks.register("register_log_actions", register_log_actions)
hooks.register("govopen_demo_content", build_demo_content)
hooks.register("govopen_negative_list_entry_changed", purge_list_pages)


@hooks.register("register_permissions")
def register_review_permission():
    return Permission.objects.filter(
        content_type__app_label="govopen_negative_list",
        codename="review_negativelistentry",
    )
