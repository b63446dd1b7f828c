from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .demo import build_demo
from .log_actions import register_log_actions
from .models import Question
from .viewsets import QAViewSetGroup, QuestionPermissionPolicy

# Before the viewsets ask for it (Wagtail creates a fallback policy otherwise).
register_permission_policy(Question, QuestionPermissionPolicy(Question))
register_snippet(QAViewSetGroup)
hooks.register("register_log_actions", register_log_actions)
hooks.register("govopen_demo_content", build_demo)
