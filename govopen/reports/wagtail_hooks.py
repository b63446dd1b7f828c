from wagtail import hooks

from .demo import build_demo_content
from .viewsets import AnnualReportFiguresViewSet

hooks.register("register_admin_viewset", AnnualReportFiguresViewSet)
hooks.register("govopen_demo_content", build_demo_content)
