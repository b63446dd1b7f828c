from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .demo import build_demo_directory
from .viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)
hooks.register("govopen_demo_content", build_demo_directory)
